package org.cinestack.mix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.cinestack.media.MediaException;

/**
 * The loudness of a take's own sound: the clip a model delivered ({@code generated.*} in the take's folder) measured
 * by {@link LoudnessMeter} (ITU-R BS.1770-4, true peak on), for the dailies.
 */
public final class TakeLoudness {
    private TakeLoudness() {
    }

    /**
     * @param takeFolder a take's folder
     * @return the measurement, or empty when the take has no delivered clip or its clip has no sound
     * @throws MediaException when the clip has sound that cannot be decoded, naming the file
     */
    public static Optional<LoudnessMeter.Result> of(Path takeFolder) {
        Optional<Path> clip;
        try (Stream<Path> files = Files.list(takeFolder)) {
            clip = files.filter(p -> p.getFileName().toString().startsWith("generated.")).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
        if (clip.isEmpty()) return Optional.empty();
        try {
            return Optional.of(LoudnessMeter.measure(clip.get()));
        } catch (MediaException e) {
            if (e.getMessage() != null && e.getMessage().endsWith("has no audio stream")) return Optional.empty();
            throw e;
        }
    }
}
