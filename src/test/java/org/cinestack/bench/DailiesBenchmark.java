package org.cinestack.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.cinestack.dailies.Dailies;
import org.cinestack.dailies.Expected;
import org.cinestack.dailies.TakeMetrics;
import org.cinestack.film.FilmReader;
import org.cinestack.plan.Planner;
import org.cinestack.plan.ShotSpec;
import org.cinestack.shoot.previs.PrevisBackend;

/**
 * The dailies of one take, on a 4 s previs take of the example's first shot at its 1920x804 picture: {@link #decode}
 * decodes it alone (what every pass pays before measuring); {@link #metrics}
 * decodes it and measures every metric in their one pass (camera motion, flicker, frozen and black frames, sharpness,
 * clipping, colour, the looks of its ends, cuts); {@link #dailies} is everything a render's dailies do to a take (the
 * pass, 17 frames kept, faces searched in them with the frontal and profile cascades, framing and gaze). The score is
 * takes a second; frames a second are the take's frames times it. Run with {@code bench/run DailiesBenchmark}; the
 * take's previs render time (printed at set-up) is what the 25 % target is against.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DailiesBenchmark {
    private Path folder;
    private double fps;
    private int frames;
    private String move;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        ShotSpec spec = Planner.plan(FilmReader.read(Path.of("examples/the-last-lamp/film.yaml"))).specs().getFirst();
        folder = Files.createTempDirectory("cinestack-dailies-bench");
        long t0 = System.nanoTime();
        new PrevisBackend(new ForkJoinPool(Runtime.getRuntime().availableProcessors())).shoot(spec, folder,
            (a, b) -> { });
        System.out.printf("previs render of the take: %.2f s, %d frames%n", (System.nanoTime() - t0) / 1e9,
            spec.frameCount());
        fps = spec.fps();
        frames = spec.frameCount();
        move = spec.move();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        try (var w = Files.walk(folder)) {
            for (Path p : w.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** @return the frames decoded: the decoding alone, the floor under {@link #metrics} */
    @Benchmark
    public int decode() {
        try (org.cinestack.media.VideoReader r = new org.cinestack.media.VideoReader(folder.resolve("take.mp4"))) {
            byte[] bgr = new byte[r.width() * r.height() * 3];
            int n = 0;
            while (r.next(bgr)) n++;
            return n;
        }
    }

    /** @return the frames measured, so the work is not discarded */
    @Benchmark
    public int metrics() {
        return TakeMetrics.measure(folder.resolve("take.mp4"), fps).frames();
    }

    /** @return the faces kept, so the work is not discarded */
    @Benchmark
    public int dailies() {
        return Dailies.measure(folder.resolve("take.mp4"), fps, frames, Expected.move(move)).faces().size();
    }
}
