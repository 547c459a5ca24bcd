package org.cinestack.bench;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.cinestack.film.Film;
import org.cinestack.film.FilmReader;
import org.cinestack.mix.Delivery;
import org.cinestack.mix.Soundtrack;
import org.cinestack.mix.TextToSpeech;

/**
 * Mixing a 10-minute film: 10 scenes (rain, surf, wind and room tone beds), 100 shots of 6 s, a line in every other
 * shot, normalised to broadcast under the limiter. Speech comes from a stand-in engine (a one-second tone), so this
 * times the mixer, not espeak-ng. Run with {@code bench/run MixBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MixBenchmark {
    private Film film;
    private int[] frames;
    private final TextToSpeech tone = (text, voice, pitch, wpm, rate) -> {
        float[] s = new float[rate];
        for (int i = 0; i < s.length; i++) s[i] = (float) (0.3 * Math.sin(2 * Math.PI * 180 * i / rate));
        return s;
    };

    @Setup(Level.Trial)
    public void setUp() {
        StringBuilder y = new StringBuilder("title: Ten Minutes\nseed: 1\ncast: [{id: ana, name: Ana}]\nscenes:\n");
        String[] places = {"EXT. HARBOUR - NIGHT", "INT. KITCHEN - DAY", "EXT. FIELD - DAY", "INT. CAR - NIGHT",
            "EXT. BEACH - DAWN"};
        int shot = 0;
        for (int s = 0; s < 10; s++) {
            y.append("  - id: sc").append(s).append("\n    heading: ").append(places[s % places.length])
                .append("\n    weather: ").append(s % 3 == 0 ? "rain" : "clear").append("\n    shots:\n");
            for (int k = 0; k < 10; k++, shot++) {
                y.append("      - {id: s").append(shot).append(", size: ms, subject: ana, duration: 6");
                if (k % 2 == 0) y.append(", dialogue: [{character: ana, line: A line.}]");
                y.append("}\n");
            }
        }
        film = FilmReader.parse(y.toString(), "ten-minutes.yaml");
        frames = new int[100];
        java.util.Arrays.fill(frames, 144);
    }

    /** One whole mix. */
    @Benchmark
    public float[] mixTenMinutes() {
        return Soundtrack.mix(film, frames, Optional.of(tone), Delivery.BROADCAST, java.nio.file.Path.of(".")).samples();
    }
}
