package org.cinestack.mix;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.cinestack.film.CastMember;
import org.cinestack.film.DialogueLine;
import org.cinestack.film.Film;
import org.cinestack.film.Scene;
import org.cinestack.film.Shot;

/**
 * The first-cut soundtrack: dialogue spoken by espeak-ng at its shot, over a low room tone per scene; 48 kHz stereo
 * float. Each shot's lines start 0.3 s into the shot and follow each other with 0.25 s pauses; a line longer than its
 * shot runs over the cut (an L-cut) and is reported as a warning.
 *
 * <p>Room tone is pink noise (Voss-McCartney style, a sum of octave-spaced held random values) at about -50 dBFS RMS
 * for interiors and -44 dBFS for exteriors, with 10 ms fades at scene changes so cuts do not click.
 */
public final class Soundtrack {
    /** Mix sample rate in Hz. */
    public static final int RATE = 48_000;

    /**
     * The mixed film sound.
     *
     * @param samples  interleaved stereo, L R L R ..., {@code 2 * frames / fps * RATE} floats
     * @param warnings things the mixer noticed (lines longer than their shot, a missing voice)
     */
    public record Mix(float[] samples, List<String> warnings) {
    }

    private Soundtrack() {
    }

    /**
     * @param film       the film
     * @param shotFrames frames of each shot, in cutting order
     * @param speech     the speech engine, or empty to mix without dialogue
     * @return the mix
     */
    public static Mix mix(Film film, int[] shotFrames, Optional<Speech> speech) {
        int fps = film.format().fps();
        long total = 0;
        for (int f : shotFrames) total += f;
        int length = (int) (total * RATE / fps);
        float[] mono = new float[length];
        List<String> warnings = new ArrayList<>();
        int shotIndex = 0;
        long frameAt = 0;
        SplittableRandom rnd = new SplittableRandom(film.seed().orElse(0L) ^ 0x50D1L);
        for (Scene scene : film.scenes()) {
            int sceneStart = (int) (frameAt * RATE / fps);
            for (Shot shot : scene.shots()) {
                int start = (int) (frameAt * RATE / fps);
                int end = (int) ((frameAt + shotFrames[shotIndex]) * RATE / fps);
                int at = start + (int) (0.3 * RATE);
                for (DialogueLine line : shot.dialogue()) {
                    if (speech.isEmpty()) break;
                    Optional<CastMember> who = film.castMember(line.character());
                    String voice = who.flatMap(CastMember::voice).orElse(null);
                    float[] words;
                    try {
                        words = speech.get().speak(line.line(), voice, 160, RATE);
                    } catch (IOException e) {
                        warnings.add("shot " + shot.id() + ": " + e.getMessage() + "; using the default voice");
                        try {
                            words = speech.get().speak(line.line(), null, 160, RATE);
                        } catch (IOException e2) {
                            warnings.add("shot " + shot.id() + ": cannot speak the line: " + e2.getMessage());
                            continue;
                        }
                    }
                    for (int i = 0; i < words.length && at + i < length; i++) mono[at + i] += 0.8f * words[i];
                    at += words.length + (int) (0.25 * RATE);
                }
                if (at - (int) (0.25 * RATE) > end && !shot.dialogue().isEmpty() && speech.isPresent()) {
                    warnings.add(String.format(java.util.Locale.ROOT, "shot %s: its dialogue, starting 0.3 s in, "
                        + "runs %.1f s, past the end of the %.1f s shot; it runs over the cut (lengthen the shot to "
                        + "%.1f s to keep it in)", shot.id(), (at - start - 0.55 * RATE) / RATE,
                        (double) (end - start) / RATE, (at - start - 0.25 * RATE) / RATE + 0.1));
                }
                frameAt += shotFrames[shotIndex++];
            }
            int sceneEnd = (int) (frameAt * RATE / fps);
            double rms = scene.parsed().interior() ? 0.0032 : 0.0063; // -50 / -44 dBFS
            roomTone(mono, sceneStart, sceneEnd, rms, rnd);
        }
        float[] stereo = new float[length * 2];
        for (int i = 0; i < length; i++) {
            float v = Math.max(-1f, Math.min(1f, mono[i]));
            stereo[2 * i] = v;
            stereo[2 * i + 1] = v;
        }
        return new Mix(stereo, warnings);
    }

    private static void roomTone(float[] out, int from, int to, double rms, SplittableRandom rnd) {
        double[] rows = new double[8];
        double sum = 0;
        for (int i = 0; i < rows.length; i++) {
            rows[i] = rnd.nextDouble() * 2 - 1;
            sum += rows[i];
        }
        int fade = RATE / 100;
        double scale = rms / Math.sqrt(rows.length / 3.0);
        double lowpass = 0;
        for (int i = from; i < to; i++) {
            int n = i - from + 1;
            int k = Integer.numberOfTrailingZeros(n);
            if (k < rows.length) {
                sum -= rows[k];
                rows[k] = rnd.nextDouble() * 2 - 1;
                sum += rows[k];
            }
            lowpass += 0.2 * (sum - lowpass);
            double env = Math.min(1, Math.min((i - from) / (double) fade, (to - 1 - i) / (double) fade));
            out[i] += (float) (lowpass * scale * 2 * env);
        }
    }
}
