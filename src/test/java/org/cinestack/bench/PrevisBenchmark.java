package org.cinestack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import org.openjdk.jmh.annotations.Threads;

import org.cinestack.film.FilmReader;
import org.cinestack.plan.Planner;
import org.cinestack.plan.ShotSpec;
import org.cinestack.shoot.previs.PrevisFrame;
import org.cinestack.shoot.previs.PrevisRenderer;

/**
 * Previs frames per second on two threads, rendering only (no encoding), over every shot of the example film in
 * turn. Each thread renders whole frames with renderers of its own, as {@code PrevisBackend} does; JMH adds the two
 * threads' throughputs. {@code picture}: {@code example} is the film as written (2.39:1 in 1920x1080, so a
 * 1920x804 picture), {@code full} the same film at 1.78:1, a full 1920x1080 picture. Run with {@code bench/run}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
public class PrevisBenchmark {
    @Param({"example", "full"})
    public String picture;

    private List<ShotSpec> specs;
    private PrevisRenderer[] renderers;
    private PrevisFrame frame;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path file = Path.of("examples/the-last-lamp/film.yaml");
        String yaml = Files.readString(file);
        if (picture.equals("full")) yaml = yaml.replace("aspect: 2.39", "aspect: 1.78");
        specs = Planner.plan(FilmReader.parse(yaml, file.toString())).specs();
        renderers = specs.stream().map(s -> new PrevisRenderer(s, null)).toArray(PrevisRenderer[]::new);
        frame = new PrevisFrame(specs.getFirst().pictureWidth(), specs.getFirst().pictureHeight());
        next = (int) (Thread.currentThread().threadId() % 7); // the two threads at different places in the film
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
