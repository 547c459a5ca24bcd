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
 * coverage, on one thread, warm; and a hostile screenplay of one 5 MB action line. Needs ../shared beside the checkout (or -Dcinestack.shared=DIR). Run with
 * {@code bench/run BreakdownBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BreakdownBenchmark {
    private byte[] bigFish, longLine;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path p = Path.of(System.getProperty("cinestack.shared", "../shared"), "material", "screenplays",
            "Big-Fish.fountain");
        if (!Files.exists(p)) throw new IllegalStateException(p + " is absent: this benchmark needs shared/material");
        bigFish = Files.readAllBytes(p);
        // a hostile screenplay: one scene whose action is a single 5 MB line of words (sounds capitalised)
        String[] words = {"the", "door", "SLAMS", "she", "walks", "to", "window", "RAIN", "falls", "and", "lamp",
            "flickers."};
        java.util.Random random = new java.util.Random(2);
        StringBuilder sb = new StringBuilder("INT. ROOM - NIGHT\n\n");
        while (sb.length() < 5_000_000) sb.append(words[random.nextInt(words.length)]).append(' ');
        longLine = sb.append('\n').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Parse, break down and plan a screenplay whose action is one 5 MB line (the planner must stay linear). */
    @Benchmark
    public Film fiveMegabyteLine() {
        return CoveragePlanner.plan(Breakdown.of(ScriptReader.read(longLine, "long.fountain")));
    }

    /** Parse, break down and plan the whole feature. */
    @Benchmark
    public Film parseBreakdownPlan() {
        return CoveragePlanner.plan(Breakdown.of(ScriptReader.read(bigFish, "Big-Fish.fountain")));
    }
}
