package org.cinestack.mix;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.cinestack.media.Staging;

/** Writes stems as 48 kHz 24-bit stereo WAV (the JDK's writer), atomically. */
public final class Stems {
    private Stems() {
    }

    /**
     * @param file        the WAV to write (replaced in one rename)
     * @param interleaved stereo samples, -1..1 (clipped)
     * @throws UncheckedIOException when the file cannot be written
     */
    public static void write(Path file, float[] interleaved) {
        byte[] pcm = new byte[interleaved.length * 3];
        for (int i = 0; i < interleaved.length; i++) {
            int v = (int) Math.round(Math.clamp(interleaved[i], -1f, 1f) * 8388607.0);
            pcm[3 * i] = (byte) v;
            pcm[3 * i + 1] = (byte) (v >> 8);
            pcm[3 * i + 2] = (byte) (v >> 16);
        }
        AudioFormat f = new AudioFormat(Soundtrack.RATE, 24, 2, true, false);
        Path tmp = null;
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), f, interleaved.length / 2)) {
            tmp = Staging.beside(file);
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, tmp.toFile());
            Staging.place(tmp, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stem " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // what is left is a staged file that `cinestack clean` removes
                }
            }
        }
    }
}
