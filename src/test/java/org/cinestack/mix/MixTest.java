package org.cinestack.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import org.cinestack.film.Film;
import org.cinestack.film.FilmReader;

/** The mix's levels, limiter and cuts, measured with our meter (itself checked against the EBU signals). */
class MixTest {
    static final int RATE = Soundtrack.RATE;

    @Test
    void normalisesToEachTargetUnderItsCeiling() {
        SplittableRandom r = new SplittableRandom(3);
        float[] loud = new float[RATE * 20 * 2];
        for (int i = 0; i < loud.length / 2; i++) { // noise with 20 dB louder bursts: peaky programme
            double burst = (i / (RATE / 4)) % 7 == 0 ? 10 : 1;
            float v = (float) (0.05 * burst * r.nextDouble(-1, 1));
            loud[2 * i] = v;
            loud[2 * i + 1] = v;
        }
        for (Delivery d : Delivery.values()) {
            float[] x = loud.clone();
            LoudnessMeter.Result m = Limiter.toCeiling(x, 2, RATE, d.integratedLufs(), d.truePeakDbtp());
            assertThat(m.integratedLufs()).as(d.code()).isCloseTo(d.integratedLufs(), within(0.1));
            assertThat(m.truePeakDbtp()).as(d.code()).isLessThanOrEqualTo(d.truePeakDbtp());
            LoudnessMeter.Result again = Limiter.measure(x, 2, RATE);
            assertThat(again.integratedLufs()).isCloseTo(m.integratedLufs(), within(1e-9));
        }
    }

    static final String FILM = """
        title: Mix Test
        seed: 5
        format: {aspect: 2.39, width: 320, height: 180, fps: 24}
        cast: [{id: ana, name: Ana}]
        scenes:
          - id: one
            heading: EXT. HARBOUR WALL - NIGHT
            weather: rain
            shots:
              - {id: a, size: ws, subject: ana, duration: 3}
              - {id: b, size: mcu, subject: ana, duration: 2}
          - id: two
            heading: INT. KITCHEN - NIGHT
            shots:
              - {id: c, size: cu, subject: ana, duration: 3}
        """;

    @Test
    void ambienceBedsSitAtTheirLevelAndCutsDoNotClick() {
        Film film = FilmReader.parse(FILM, "mix.yaml");
        int[] frames = {72, 48, 72};
        Soundtrack.Mix mix = Soundtrack.mix(film, frames, Optional.empty(), Delivery.BROADCAST, java.nio.file.Path.of("."));
        // each scene's bed at about -24 LUFS (before the master gain; no dialogue to duck it)
        int cut = 120 * RATE / 24;
        float[] ext = java.util.Arrays.copyOfRange(mix.ambience(), 0, 2 * cut);
        float[] in = java.util.Arrays.copyOfRange(mix.ambience(), 2 * cut, mix.ambience().length);
        assertThat(Limiter.measure(ext, 2, RATE).integratedLufs()).isCloseTo(Soundtrack.AMBIENCE_LUFS, within(0.5));
        assertThat(Limiter.measure(in, 2, RATE).integratedLufs()).isCloseTo(Soundtrack.AMBIENCE_LUFS, within(0.5));
        assertThat(mix.measured().integratedLufs()).isCloseTo(Delivery.BROADCAST.integratedLufs(), within(0.1));
        // no jump at a cut bigger than the largest sample-to-sample step elsewhere in the programme
        float[] m = mix.samples();
        double normal = 0;
        for (int i = 2; i < m.length; i++) {
            int frame = i / 2;
            if (Math.abs(frame - cut) < RATE / 50) continue;
            normal = Math.max(normal, Math.abs(m[i] - m[i - 2]));
        }
        for (int c = 0; c < 2; c++) {
            for (int i = cut - RATE / 100; i < cut + RATE / 100; i++) {
                assertThat((double) Math.abs(m[2 * i + c] - m[2 * (i - 1) + c])).as("step at %d", i)
                    .isLessThanOrEqualTo(normal);
            }
        }
        assertThat(Ambience.describe(film.scenes().get(0))).isEqualTo("wind, rain, surf");
        assertThat(Ambience.describe(film.scenes().get(1))).isEqualTo("room tone");
    }

    @Test
    void dialogueDucksTheBed() {
        Film film = FilmReader.parse(FILM.replace("{id: b, size: mcu, subject: ana, duration: 2}",
            "{id: b, size: mcu, subject: ana, duration: 2, dialogue: [{character: ana, line: Hello.}]}"), "m.yaml");
        TextToSpeech fake = (text, voice, pitch, wpm, sampleRate) -> {
            float[] s = new float[sampleRate]; // one second of a 200 Hz tone after 50 ms of silence
            for (int i = sampleRate / 20; i < s.length; i++) s[i] = (float) (0.3 * Math.sin(2 * Math.PI * 200 * i
                / sampleRate));
            return s;
        };
        Soundtrack.Mix mix = Soundtrack.mix(film, new int[] {72, 48, 72}, Optional.of(fake), Delivery.WEB, java.nio.file.Path.of("."));
        double start = mix.lineStarts().getFirst();
        assertThat(start).isCloseTo(3.3, within(1e-6)); // shot b starts at 3 s, lines 0.3 s in
        int s = (int) (start * RATE);
        assertThat(Math.abs(mix.dialogue()[2 * (s + RATE / 1000 + 10)])).as("no synthesiser lead-in").isPositive();
        Soundtrack.Mix dry = Soundtrack.mix(film, new int[] {72, 48, 72}, Optional.empty(), Delivery.WEB, java.nio.file.Path.of("."));
        double ducked = rms(mix.ambience(), s + RATE / 5, s + RATE / 2), open = rms(dry.ambience(), s + RATE / 5,
            s + RATE / 2);
        assertThat(20 * Math.log10(ducked / open)).isCloseTo(-Soundtrack.DUCK_DB, within(0.5));
        double after = rms(mix.ambience(), s + 2 * RATE, s + 2 * RATE + RATE / 4), openAfter = rms(dry.ambience(),
            s + 2 * RATE, s + 2 * RATE + RATE / 4);
        assertThat(20 * Math.log10(after / openAfter)).as("the bed comes back after the line").isGreaterThan(-0.5);
    }

    @Test
    void effectsArePlacedAndLevelledFromFilesOrStandIns(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
        throws Exception {
        // an asset: a 200 ms 1 kHz burst, 16-bit WAV
        byte[] pcm = new byte[RATE / 5 * 2];
        for (int i = 0; i < RATE / 5; i++) {
            short v = (short) (8000 * Math.sin(2 * Math.PI * 1000 * i / RATE));
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        java.nio.file.Files.createDirectories(dir.resolve("assets"));
        javax.sound.sampled.AudioSystem.write(new javax.sound.sampled.AudioInputStream(new java.io.ByteArrayInputStream(
            pcm), new javax.sound.sampled.AudioFormat(RATE, 16, 1, true, false), RATE / 5),
            javax.sound.sampled.AudioFileFormat.Type.WAVE, dir.resolve("assets/beep.wav").toFile());
        String yaml = FILM.replace("{id: a, size: ws, subject: ana, duration: 3}", "{id: a, size: ws, subject: ana, "
            + "duration: 3, effects: [{sound: beep, at: 1.5, file: assets/beep.wav, level: -14}, {sound: door slam, "
            + "at: 0.5}]}");
        java.nio.file.Path filmFile = dir.resolve("film.yaml");
        java.nio.file.Files.writeString(filmFile, yaml);
        Film film = FilmReader.read(filmFile);
        Soundtrack.Mix mix = Soundtrack.mix(film, new int[] {72, 48, 72}, Optional.empty(), Delivery.BROADCAST, dir);
        float[] fx = mix.effects();
        int beep = (int) (1.5 * RATE), slam = (int) (0.5 * RATE);
        assertThat(rms(fx, beep - RATE / 50, beep - RATE / 100)).isZero();
        assertThat(rms(fx, beep + RATE / 50, beep + RATE / 10)).isPositive();
        assertThat(rms(fx, slam + RATE / 100, slam + RATE / 20)).isPositive();
        float[] beepOnly = java.util.Arrays.copyOfRange(fx, 2 * (beep - RATE / 10), 2 * (beep + RATE / 2));
        LoudnessMeter m = new LoudnessMeter(RATE, new double[] {1, 1});
        float[][] planar = new float[2][beepOnly.length / 2];
        for (int i = 0; i < planar[0].length; i++) {
            planar[0][i] = beepOnly[2 * i];
            planar[1][i] = beepOnly[2 * i + 1];
        }
        m.add(planar, planar[0].length);
        assertThat(m.result().maxMomentaryLufs()).isCloseTo(-14, within(0.3));
    }

    @Test
    void aMissingEffectFileIsBadInputWithItsLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
        throws Exception {
        java.nio.file.Path filmFile = dir.resolve("film.yaml");
        java.nio.file.Files.writeString(filmFile, FILM.replace("{id: c, size: cu, subject: ana, duration: 3}",
            "{id: c, size: cu, subject: ana, duration: 3, effects: [{sound: gull, file: assets/gull.wav}]}"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FilmReader.read(filmFile))
            .isInstanceOf(org.cinestack.film.BadInputException.class)
            .hasMessageContaining("film.yaml:15:84:").hasMessageContaining("'assets/gull.wav' does not exist");
    }

    @Test
    void aDryNightInlandHasCrickets() {
        Film film = FilmReader.parse(FILM.replace("EXT. HARBOUR WALL - NIGHT", "EXT. FIELD - NIGHT")
            .replace("weather: rain", "weather: clear"), "night.yaml");
        Film day = FilmReader.parse(FILM.replace("EXT. HARBOUR WALL - NIGHT", "EXT. FIELD - DAY")
            .replace("weather: rain", "weather: clear"), "day.yaml");
        assertThat(Ambience.describe(film.scenes().getFirst())).isEqualTo("wind, crickets");
        assertThat(Ambience.describe(day.scenes().getFirst())).isEqualTo("wind");
        float[] night = Ambience.bed(film.scenes().getFirst(), 5 * RATE, RATE, new SplittableRandom(1));
        float[] noon = Ambience.bed(day.scenes().getFirst(), 5 * RATE, RATE, new SplittableRandom(1));
        // the left insect sings at 4.46 kHz: far more energy there at night than by day
        assertThat(goertzel(night, 4462) / goertzel(noon, 4462)).isGreaterThan(100);
    }

    /** Power of the left channel at one frequency (the Goertzel recurrence). */
    static double goertzel(float[] stereo, double hz) {
        double w = 2 * Math.cos(2 * Math.PI * hz / RATE), s1 = 0, s2 = 0;
        for (int i = 0; i < stereo.length / 2; i++) {
            double s0 = stereo[2 * i] + w * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - w * s1 * s2;
    }

    static double rms(float[] stereo, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) sum += stereo[2 * i] * stereo[2 * i];
        return Math.sqrt(sum / (to - from));
    }
}
