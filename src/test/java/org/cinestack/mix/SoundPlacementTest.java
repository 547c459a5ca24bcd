package org.cinestack.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.film.BadInputException;
import org.cinestack.film.Film;
import org.cinestack.film.FilmReader;
import org.cinestack.film.FilmWriter;
import org.cinestack.media.AudioDecoder;
import org.cinestack.media.MediaException;

/**
 * Where the mix puts things: voices per cast member, lines placed by hand (J-cuts) and lines running over cuts
 * (L-cuts), ambience beds and music from files, and files that are not whole.
 */
class SoundPlacementTest {
    static final int RATE = Soundtrack.RATE;

    static final String FILM = """
        title: Placement
        seed: 9
        format: {aspect: 1.78, width: 320, height: 180, fps: 24}
        cast:
          - {id: ana, name: Ana, voice: en-gb, pitch: 30, rate: 120}
          - {id: ben, name: Ben}
        scenes:
          - id: one
            heading: EXT. HARBOUR WALL - NIGHT
            shots:
              - id: a
                size: ws
                subject: ana
                duration: 3
                dialogue: [{character: ana, line: LINE_A}]
              - id: b
                size: mcu
                subject: ben
                duration: 2
                dialogue: [LINES_B]
          - id: two
            heading: INT. KITCHEN - NIGHT
            shots:
              - {id: c, size: cu, subject: ana, duration: 3}
        """;

    /** What the fake engine was asked. */
    record Call(String text, String voice, int pitch, int wordsPerMinute) {
    }

    /** A fake engine: 50 ms of silence (the lead-in the mixer trims), then a tone a second per word. */
    static TextToSpeech fake(List<Call> calls) {
        return (text, voice, pitch, wpm, rate) -> {
            calls.add(new Call(text, voice, pitch, wpm));
            int words = text.split(" ").length;
            float[] s = new float[rate / 20 + words * rate];
            for (int i = rate / 20; i < s.length; i++) s[i] = (float) (0.3 * Math.sin(2 * Math.PI * 200 * i / rate));
            return s;
        };
    }

    static Film film(String lineA, String linesB) {
        return FilmReader.parse(FILM.replace("LINE_A", lineA).replace("LINES_B", linesB), "placement.yaml");
    }

    static Soundtrack.Mix mix(Film film, List<Call> calls) {
        return Soundtrack.mix(film, new int[] {72, 48, 72}, Optional.of(fake(calls)), Delivery.WEB, Path.of("."));
    }

    /** First sample at or after {@code from} whose magnitude is over -40 dBFS, in seconds. */
    static double onset(float[] stereo, double from) {
        for (int i = (int) (from * RATE); i < stereo.length / 2; i++) if (Math.abs(stereo[2 * i]) > 0.01) {
            return (double) i / RATE;
        }
        return Double.NaN;
    }

    @Test
    void eachCastMemberSpeaksInTheirVoicePitchAndRate() {
        List<Call> calls = new ArrayList<>();
        mix(film("Hello.", "{character: ben, line: Hi.}"), calls);
        assertThat(calls).containsExactly(new Call("Hello.", "en-gb", 30, 120), new Call("Hi.", null, 50, 160));
    }

    @Test
    void anUntimedLineRunsOverTheCutAndTheNextWaitsForIt() {
        List<Call> calls = new ArrayList<>();
        // Ana's four-word line runs 0.3..4.3 s, past shot a's end at 3 s; Ben's unplaced line waits for it
        Soundtrack.Mix m = mix(film("one two three four", "{character: ben, line: Hi.}"), calls);
        assertThat(m.lineStarts()).hasSize(2);
        assertThat(m.lineStarts().get(0)).isEqualTo(0.3);
        assertThat(m.lineStarts().get(1)).isCloseTo(4.55, within(0.002)); // 4.3 s and the 0.25 s pause
        assertThat(m.warnings()).anySatisfy(w -> assertThat(w).contains("shot a").contains("L-cut")
            .contains("lengthen the shot to 4.5 s"));
        for (double planned : m.lineStarts()) {
            assertThat(onset(m.dialogue(), planned - 0.2)).as("the stem starts at the planned time")
                .isCloseTo(planned, within(0.05));
        }
    }

    @Test
    void aLinePlacedBeforeItsShotIsAJCut() {
        List<Call> calls = new ArrayList<>();
        // shot b starts at 3 s; Ben's line is heard from 2.5 s, over the end of shot a
        Soundtrack.Mix m = mix(film("Hello.", "{character: ben, line: Hi., at: -0.5}"), calls);
        assertThat(m.lineStarts()).containsExactly(0.3, 2.5);
        assertThat(onset(m.dialogue(), 2.0)).isCloseTo(2.5, within(0.05));
        assertThat(m.warnings()).noneMatch(w -> w.contains("shot b"));
    }

    @Test
    void linesPlacedAtTheSameTimeOverlap() {
        List<Call> calls = new ArrayList<>();
        Soundtrack.Mix m = mix(film("Hello.", "{character: ben, line: Hi., at: 0.3}, {character: ana, line: No., at: "
            + "0.3}"), calls);
        assertThat(m.lineStarts()).containsExactly(0.3, 3.3, 3.3);
    }

    @Test
    void placementsSurviveWritingTheFilmBack() {
        Film f = film("Hello.", "{character: ben, line: Hi., at: -0.5}");
        Film again = FilmReader.parse(FilmWriter.yaml(f, List.of()), "again.yaml");
        assertThat(again.scenes().getFirst().shots().get(1).dialogue()).isEqualTo(f.scenes().getFirst().shots().get(1)
            .dialogue());
        assertThat(again.cast()).isEqualTo(f.cast());
    }

    static void wav(Path file, float[] stereo) throws Exception {
        byte[] pcm = new byte[stereo.length * 2];
        for (int i = 0; i < stereo.length; i++) {
            short v = (short) Math.round(Math.clamp(stereo[i], -1f, 1f) * 32767);
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        Files.createDirectories(file.getParent());
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), new AudioFormat(RATE, 16, 2, true, false),
            stereo.length / 2), AudioFileFormat.Type.WAVE, file.toFile());
    }

    /** A stereo sine; its length is not a whole number of periods, so a loop's seam falls mid-cycle. */
    static float[] tone(double seconds, double hz, double amplitude) {
        int n = (int) (seconds * RATE);
        float[] s = new float[2 * n];
        for (int i = 0; i < n; i++) s[2 * i] = s[2 * i + 1] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / RATE));
        return s;
    }

    static double integrated(float[] stereo, double from, double to) {
        float[][] planar = new float[2][(int) ((to - from) * RATE)];
        int a = (int) (from * RATE);
        for (int i = 0; i < planar[0].length; i++) {
            planar[0][i] = stereo[2 * (a + i)];
            planar[1][i] = stereo[2 * (a + i) + 1];
        }
        LoudnessMeter m = new LoudnessMeter(RATE, new double[] {1, 1}, false);
        m.add(planar, planar[0].length);
        return m.result().integratedLufs();
    }

    static double maxStep(float[] stereo, double from, double to) {
        double max = 0;
        for (int i = (int) (from * RATE) + 1; i < (int) (to * RATE); i++) {
            max = Math.max(max, Math.abs(stereo[2 * i] - stereo[2 * i - 2]));
        }
        return max;
    }

    @Test
    void ambienceAndMusicFromFilesAtTheirLevels(@TempDir Path dir) throws Exception {
        wav(dir.resolve("assets/harbour.wav"), tone(1.013, 220, 0.3)); // loops five times in the 5 s scene
        wav(dir.resolve("assets/theme.wav"), tone(2.0, 440, 0.5));
        String yaml = FILM.replace("LINE_A", "Hello.").replace("LINES_B", "{character: ben, line: Hi.}")
            .replace("heading: EXT. HARBOUR WALL - NIGHT", "heading: EXT. HARBOUR WALL - NIGHT\n    ambience: {file: "
                + "assets/harbour.wav, level: -30}")
            .replace("heading: INT. KITCHEN - NIGHT", "heading: INT. KITCHEN - NIGHT\n    music: {file: "
                + "assets/theme.wav, at: 0.5, level: -20}");
        Path file = dir.resolve("film.yaml");
        Files.writeString(file, yaml);
        Film film = FilmReader.read(file);
        Soundtrack.Mix m = Soundtrack.mix(film, new int[] {72, 48, 72}, Optional.empty(), Delivery.WEB, dir);
        assertThat(integrated(m.ambience(), 0, 5)).isCloseTo(-30, within(0.5));
        assertThat(maxStep(m.ambience(), 0.05, 4.9)).as("the loop's seams do not click")
            .isLessThan(1.5 * maxStep(m.ambience(), 0.05, 0.9));
        // music: from 5.5 s (scene two starts at 5 s), its 2 s, not before
        assertThat(maxStep(m.music(), 0, 5.49)).isZero();
        assertThat(onset(m.music(), 5.4)).isCloseTo(5.5, within(0.02));
        assertThat(integrated(m.music(), 5.6, 7.4)).isCloseTo(-20, within(0.5));
        assertThat(maxStep(m.music(), 7.51, 8)).isZero();
        Film again = FilmReader.read(Files.writeString(dir.resolve("again.yaml"), FilmWriter.yaml(film, List.of())));
        assertThat(again.scenes()).isEqualTo(film.scenes().stream().map(s -> new org.cinestack.film.Scene(s.id(),
            s.heading(), s.parsed(), s.weather(), again.scenes().get(film.scenes().indexOf(s)).shots(), s.ambience(),
            s.music())).toList());
    }

    @Test
    void aMissingMusicFileIsBadInputWithItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("film.yaml");
        Files.writeString(file, FILM.replace("LINE_A", "Hello.").replace("LINES_B", "{character: ben, line: Hi.}")
            .replace("heading: INT. KITCHEN - NIGHT", "heading: INT. KITCHEN - NIGHT\n    music: {file: "
                + "assets/theme.wav}"));
        assertThatThrownBy(() -> FilmReader.read(file)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("film.yaml:23:19:").hasMessageContaining("the music's file 'assets/theme.wav' does "
                + "not exist");
    }

    @Test
    void aTruncatedFileIsNamedAndSaysWhatIsMissing(@TempDir Path dir) throws Exception {
        Path whole = dir.resolve("assets/harbour.wav");
        wav(whole, tone(2, 220, 0.3));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("assets/cut.wav");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThat(AudioDecoder.decode(whole, RATE, 2)).hasSize(2 * 2 * RATE);
        assertThatThrownBy(() -> AudioDecoder.decode(cut, RATE, 2)).isInstanceOf(MediaException.class)
            .hasMessageContaining(cut.toString()).hasMessageContaining("truncated");
        Path file = dir.resolve("film.yaml");
        Files.writeString(file, FILM.replace("LINE_A", "Hello.").replace("LINES_B", "{character: ben, line: Hi.}")
            .replace("heading: INT. KITCHEN - NIGHT", "heading: INT. KITCHEN - NIGHT\n    ambience: {file: "
                + "assets/cut.wav}"));
        Film film = FilmReader.read(file);
        assertThatThrownBy(() -> Soundtrack.mix(film, new int[] {72, 48, 72}, Optional.empty(), Delivery.WEB, dir))
            .isInstanceOf(BadInputException.class).hasMessageContaining("cut.wav").hasMessageContaining("truncated")
            .hasMessageContaining("ambience of scene two");
        assertThat(org.cinestack.cli.Main.run("loudness", cut.toString())).isEqualTo(2);
    }
}
