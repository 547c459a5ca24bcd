package org.cinestack.edit.otio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.cinestack.edit.Assembly;
import org.cinestack.edit.Clip;
import org.cinestack.edit.OtioWriter;

/**
 * Every shared OpenTimelineIO sample reads and writes back semantically equal (OtioComparison), and so does our own
 * OtioWriter's output.
 */
class OtioRoundTripTest {

    static java.util.stream.Stream<Path> samples() throws java.io.IOException {
        return OtioSamples.all();
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true) // none without shared/material
    @MethodSource("samples")
    void everySharedSampleWritesBackSemanticallyEqual(Path file, @TempDir Path dir) throws Exception {
        OtioReader.Document d = OtioReader.read(file);
        assertThat(d.warnings()).as("every schema of the samples is known").isEmpty();
        Path out = dir.resolve(file.getFileName());
        OtioSerializer.write(d.root(), out);
        assertThat(OtioComparison.difference(Files.readString(file), Files.readString(out))).isEmpty();
        // and what we wrote reads back to the same model
        assertThat(OtioReader.read(out).root()).usingRecursiveComparison().isEqualTo(d.root());
    }

    @Test
    void aFileOtioWroteComesBackByteForByte() throws Exception {
        Path file = OtioSamples.CORE.resolve("effects.otio"); // DaVinci Resolve's export, 356 KB
        assumeTrue(Files.exists(file), "shared/material/otio is absent: skipping");
        assertThat(OtioSerializer.toJson(OtioReader.read(file).root())).isEqualTo(Files.readString(file));
    }

    @Test
    void bigIntegersAndNonFiniteNumbersSurviveExactly() throws Exception {
        Path file = OtioSamples.CORE.resolve("big_int.otio");
        assumeTrue(Files.exists(file), "shared/material/otio is absent: skipping");
        String out = OtioSerializer.toJson(OtioReader.read(file).root());
        assertThat(out).contains("170141183460469231731687303715884105728",
            "57896044618658097711785492504343953926634992332820282019728792003956564819968", "-3450100000",
            "2147483648", "Infinity", "-Infinity", "NaN", "1.1", "Viel glück und hab spaß!");
        assertThat(out).doesNotContain("\"NaN\"", "\"Infinity\"");
    }

    @Test
    void ourOtioWriterOutputPassesThroughReaderAndSerializerUnchanged(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cut.otio");
        OtioWriter.write(Assembly.cut("The Last Lamp", 24, List.of(
            new Clip("s1-tower", dir.resolve("takes/a/take.mp4"), 0, 62, 62, "d1"),
            Clip.gap(12),
            new Clip("s2-walk", dir.resolve("takes/b/take.mp4"), 5, 90, 120, "d2"))), file);
        String ours = Files.readString(file);
        OtioReader.Document d = OtioReader.parse(ours, file.toString());
        assertThat(d.warnings()).isEmpty();
        assertThat(d.root()).isInstanceOf(Timeline.class);
        assertThat(OtioComparison.difference(ours, OtioSerializer.toJson(d.root()))).isEmpty();
    }
}
