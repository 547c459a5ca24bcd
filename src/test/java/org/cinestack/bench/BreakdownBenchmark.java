package org.cinestack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.cinestack.breakdown.Breakdown;
import org.cinestack.breakdown.CoveragePlanner;
import org.cinestack.film.Film;
import org.cinestack.script.ScriptReader;

/**
 * Big Fish (about 120 pages, shared/material/screenplays) from bytes to a planned film: parse, break down, plan
 * coverage, on one thread, warm. Needs ../shared beside the checkout (or -Dcinestack.shared=DIR). Run with
 * {@code bench/run BreakdownBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BreakdownBenchmark {
    private byte[] bigFish;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path p = Path.of(System.getProperty("cinestack.shared", "../shared"), "material", "screenplays",
            "Big-Fish.fountain");
        if (!Files.exists(p)) throw new IllegalStateException(p + " is absent: this benchmark needs shared/material");
        bigFish = Files.readAllBytes(p);
    }

    /** Parse, break down and plan the whole feature. */
    @Benchmark
    public Film parseBreakdownPlan() {
        return CoveragePlanner.plan(Breakdown.of(ScriptReader.read(bigFish, "Big-Fish.fountain")));
    }
}
