package org.cinestack.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.media.AudioStream;

/**
 * Our meter against FFmpeg's {@code ebur128} filter (the reference tool, Debian's ffmpeg) on programme audio: the
 * soundtrack of Megamind.avi from Debian's opencv-doc (skipped when not installed) and a generated programme of
 * speech-like bursts over a bed, at 44.1 kHz so the filter design at other rates is checked too.
 */
public class LoudnessAgreementTest {
    static final Path MEGAMIND = Path.of("/usr/share/doc/opencv-doc/examples/data/Megamind.avi");

    /** FFmpeg's summary: integrated, loudness range, true peak. */
    public record Reference(double integrated, double range, double truePeak) {
    }

    public static Reference ffmpeg(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffmpeg", "-nostats", "-hide_banner", "-i", file.toString(), "-vn", "-af",
            "ebur128=peak=true", "-f", "null", "-").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Reference(last(out, "I:\\s+(-?[\\d.]+) LUFS"), last(out, "LRA:\\s+(-?[\\d.]+) LU"),
            last(out, "Peak:\\s+(-?[\\d.]+) dBFS"));
    }

    private static double last(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        Double v = null;
        while (m.find()) v = Double.parseDouble(m.group(1));
        assertThat(v).as("ffmpeg printed %s", regex).isNotNull();
        return v;
    }

    static LoudnessMeter.Result ours(Path file) {
        LoudnessMeter[] m = new LoudnessMeter[1];
        AudioStream.read(file, (rate, ch) -> m[0] = new LoudnessMeter(rate, LoudnessMeter.weightsFor(ch)),
            (planar, n) -> m[0].add(planar, n));
        return m[0].result();
    }

    /** Asserts our meter reads the file as FFmpeg's ebur128 does. */
    public static void agree(Path file) throws Exception {
        Reference ref = ffmpeg(file);
        LoudnessMeter.Result r = ours(file);
        // FFmpeg prints one decimal, so agreement within 0.1 LU allows for its rounding (0.05) on top
        assertThat(r.integratedLufs()).as("integrated, %s", file).isCloseTo(ref.integrated(), within(0.15));
        assertThat(r.loudnessRangeLu()).as("LRA, %s", file).isCloseTo(ref.range(), within(1.0));
        assertThat(r.truePeakDbtp()).as("true peak, %s", file).isCloseTo(ref.truePeak(), within(0.3));
    }

    @Test
    void megamindSoundtrack() throws Exception {
        assumeTrue(Files.exists(MEGAMIND), MEGAMIND + " is absent (Debian package opencv-doc): skipping");
        agree(MEGAMIND);
    }

    @Test
    void generatedProgramme(@TempDir Path dir) throws Exception {
        int rate = 44100, seconds = 40;
        SplittableRandom rnd = new SplittableRandom(7);
        byte[] pcm = new byte[rate * seconds * 2 * 2];
        double lp = 0, phase = 0;
        for (int i = 0; i < rate * seconds; i++) {
            double t = (double) i / rate;
            lp += 0.08 * (rnd.nextDouble(-1, 1) - lp); // a low-passed noise bed
            double bed = 0.02 * lp;
            // speech-like bursts: a 140-280 Hz buzz with formant-ish harmonics, on for a syllable, off between
            double syllable = Math.max(0, Math.sin(2 * Math.PI * 3.3 * t)) * (((int) (t / 2.5)) % 3 == 0 ? 0.1 : 1);
            phase += 2 * Math.PI * (180 + 60 * Math.sin(2 * Math.PI * 0.3 * t)) / rate;
            double voice = 0.3 * syllable * (Math.sin(phase) + 0.5 * Math.sin(3 * phase) + 0.3 * Math.sin(7 * phase));
            double level = t < 15 ? 1 : t < 30 ? 0.35 : 1.4; // a quiet middle and a loud end
            for (int c = 0; c < 2; c++) {
                double v = Math.clamp(level * (voice * (c == 0 ? 1 : 0.8) + bed), -1, 1);
                short s = (short) Math.round(v * 32767);
                int o = (i * 2 + c) * 2;
                pcm[o] = (byte) s;
                pcm[o + 1] = (byte) (s >> 8);
            }
        }
        Path wav = dir.resolve("programme.wav");
        AudioFormat f = new AudioFormat(rate, 16, 2, true, false);
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), f, pcm.length / 4),
            AudioFileFormat.Type.WAVE, wav.toFile());
        agree(wav);
    }

    @Test
    void unreadableAudioNamesTheFile(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("broken.wav");
        Files.write(bad, "RIFF\0\0\0\0WAVEjunk".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(org.cinestack.cli.Main.run("loudness", bad.toString())).isEqualTo(2);
        assertThat(org.cinestack.cli.Main.run("loudness", dir.resolve("missing.wav").toString())).isEqualTo(2);
    }
}
