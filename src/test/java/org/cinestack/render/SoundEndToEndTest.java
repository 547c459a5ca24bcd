package org.cinestack.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.mix.Delivery;
import org.cinestack.mix.LoudnessAgreementTest;
import org.cinestack.mix.Speech;

/**
 * The delivered sound, measured with FFmpeg's meter on the encoded master: the broadcast target within 0.5 LU and
 * the true peak under its ceiling; stems beside the master; each line starting where the plan puts it.
 */
class SoundEndToEndTest {
    static final String FILM = """
        title: Two Lines
        seed: 3
        format: {aspect: 2.39, width: 320, height: 180, fps: 24}
        cast: [{id: ana, name: Ana, voice: en}, {id: ben, name: Ben, pitch: 35, rate: 140}]
        scenes:
          - id: one
            heading: EXT. BEACH - DAY
            shots:
              - {id: a, size: ms, subject: ana, duration: 3, dialogue: [{character: ana, line: The tide is turning.}]}
              - {id: b, size: ms, subject: ben, duration: 3, dialogue: [{character: ben, line: Then we row., at: -0.4}],
                 effects: [{sound: oar knock, at: 2.0}]}
          - id: two
            heading: INT. BOATHOUSE - DAY
            ambience: {file: assets/boathouse.wav, level: -26}
            music: {file: assets/theme.wav, at: 0.5, level: -24}
            shots:
              - {id: c, size: ws, subject: ana, duration: 2}
        """;

    /** Writes a mono 16-bit WAV of a sine at 48 kHz. */
    static void tone(Path file, double seconds, double hz) throws Exception {
        int n = (int) (seconds * 48000);
        byte[] pcm = new byte[2 * n];
        for (int i = 0; i < n; i++) {
            short v = (short) (9000 * Math.sin(2 * Math.PI * hz * i / 48000));
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        Files.createDirectories(file.getParent());
        AudioSystem.write(new AudioInputStream(new java.io.ByteArrayInputStream(pcm), new javax.sound.sampled
            .AudioFormat(48000, 16, 1, true, false), n), javax.sound.sampled.AudioFileFormat.Type.WAVE, file.toFile());
    }

    @Test
    void broadcastMasterMeasuresItsTarget(@TempDir Path dir) throws Exception {
        assumeTrue(Speech.find().isPresent(), "espeak-ng is not installed: skipping");
        Files.writeString(dir.resolve("film.yaml"), FILM);
        tone(dir.resolve("assets/boathouse.wav"), 0.7, 90);
        tone(dir.resolve("assets/theme.wav"), 4, 330);
        FilmRender.Result r = FilmRender.render(dir, new FilmRender.Options(null, 1, "previs", 2,
            new RenderListener() { }, Delivery.BROADCAST));
        LoudnessAgreementTest.Reference ref = LoudnessAgreementTest.ffmpeg(r.master());
        assertThat(ref.integrated()).isCloseTo(-23, within(0.5));
        assertThat(ref.truePeak()).isLessThanOrEqualTo(-1.0);
        LoudnessAgreementTest.agree(r.master()); // our meter reads our film as FFmpeg's does

        Path stem = dir.resolve("out/two-lines.dialogue.wav");
        JsonNode s = RenderEndToEndTest.stream(RenderEndToEndTest.ffprobe(stem), "audio");
        assertThat(s.get("sample_rate").asString()).isEqualTo("48000");
        assertThat(s.get("bits_per_sample").asInt()).isEqualTo(24);
        for (String other : new String[] {"ambience", "effects", "music"}) {
            assertThat(dir.resolve("out/two-lines." + other + ".wav")).exists();
        }

        // each line's envelope starts within 50 ms of its planned time: 0.3 s into shot a, and 0.4 s before shot b
        // (a J-cut)
        float[] left = leftChannel(stem);
        for (double planned : new double[] {0.3, 2.6}) {
            int from = (int) ((planned - 0.25) * 48000), onset = -1;
            for (int i = from; i < left.length && onset < 0; i++) if (Math.abs(left[i]) > 0.01) onset = i;
            assertThat(onset / 48000.0).as("line planned at %.1f s", planned).isCloseTo(planned, within(0.05));
        }
    }

    @Test
    void anUnknownVoiceIsBadInputNamingTheCastMember(@TempDir Path dir) throws Exception {
        assumeTrue(Speech.find().isPresent(), "espeak-ng is not installed: skipping");
        Files.writeString(dir.resolve("film.yaml"), FILM.replace("voice: en}", "voice: martian}"));
        tone(dir.resolve("assets/boathouse.wav"), 0.7, 90);
        tone(dir.resolve("assets/theme.wav"), 4, 330);
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.err;
        int code;
        try {
            System.setErr(new java.io.PrintStream(err, true));
            code = org.cinestack.cli.Main.run("render", dir.toString());
        } finally {
            System.setErr(old);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("cast member 'ana'", "'martian' is not an espeak-ng voice");
        assertThat(dir.resolve(".cinestack")).doesNotExist();
        assertThat(new Speech[] {Speech.find().get()}[0].checkVoice("en-gb+f3")).isNull();
        assertThat(Speech.find().get().checkVoice("en+nonesuch")).contains("variant");
    }

    static float[] leftChannel(Path wav) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            byte[] b = in.readAllBytes();
            int frames = b.length / 6;
            float[] out = new float[frames];
            for (int i = 0; i < frames; i++) {
                int v = (b[6 * i] & 255) | (b[6 * i + 1] & 255) << 8 | b[6 * i + 2] << 16;
                out[i] = v / 8388608f;
            }
            return out;
        }
    }
}
