package org.cinestack.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.cinestack.film.FilmReader;
import org.cinestack.plan.Planner;
import org.cinestack.plan.ShotSpec;
import org.cinestack.shoot.previs.PrevisFrame;
import org.cinestack.shoot.previs.PrevisRenderer;

/**
 * Previs frames per second at the example film's 1920x1080 delivery (1920x804 picture), rendering only (no encoding),
 * over every shot of the example in turn. Run with {@code bench/run}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PrevisBenchmark {
    @Param({"2"})
    public int threads;

    private ForkJoinPool pool;
    private List<ShotSpec> specs;
    private PrevisRenderer[] renderers;
    private PrevisFrame frame;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        specs = Planner.plan(FilmReader.read(Path.of("examples/the-last-lamp/film.yaml"))).specs();
        pool = new ForkJoinPool(threads);
        renderers = specs.stream().map(s -> new PrevisRenderer(s, pool)).toArray(PrevisRenderer[]::new);
        frame = new PrevisFrame(specs.getFirst().pictureWidth(), specs.getFirst().pictureHeight());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdown();
    }

    /** One frame; successive calls walk through every shot, a frame in seven, so all sets and moves count. */
    @Benchmark
    public byte[] frame() {
        int shot = (next / 8) % specs.size();
        int index = (next * 7) % specs.get(shot).frameCount();
        next++;
        renderers[shot].render(index, frame);
        return frame.bgr;
    }
}
