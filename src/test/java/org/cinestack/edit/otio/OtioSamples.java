package org.cinestack.edit.otio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** OpenTimelineIO's own sample files (shared/material/otio, Apache-2.0), when the shared folder is beside the clone. */
final class OtioSamples {
    static final Path OTIO = Path.of(System.getProperty("cinestack.shared", "../shared"), "material", "otio");
    static final Path CORE = OTIO.resolve("core-sample_data");

    private OtioSamples() {
    }

    /** @return every shared .otio file: the 13 core samples and the EDL adapter's enabled.otio; none without them */
    static Stream<Path> all() throws IOException {
        if (!Files.isDirectory(CORE)) return Stream.empty();
        try (Stream<Path> s = Files.list(CORE)) {
            return Stream.concat(s.filter(p -> p.toString().endsWith(".otio")).sorted().toList().stream(),
                Stream.of(OTIO.resolve("cmx3600-edl").resolve("enabled.otio")).filter(Files::exists));
        }
    }
}
