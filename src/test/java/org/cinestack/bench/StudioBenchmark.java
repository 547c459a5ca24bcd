package org.cinestack.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.TearDown;

import org.cinestack.studio.Studio;

/**
 * The studio's board of Brick &amp; Steel (shared/material/screenplays, planned into 52 shots), answered over HTTP on
 * loopback: {@link #boardPage} is the page a browser asks for, {@link #boardApi} the JSON. The film is planned, not
 * rendered, so every card reads film.lock and finds no takes: the cost is the studio's own (reading, planning,
 * rendering the page). At the end of the trial the heap in use after a full collection is printed (the idle studio
 * and the benchmark's own harness). Needs ../shared beside the checkout (or -Dcinestack.shared=DIR). Run with
 * {@code bench/run StudioBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StudioBenchmark {
    private Path folder;
    private Studio studio;
    private HttpClient http;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path script = Path.of(System.getProperty("cinestack.shared", "../shared"), "material", "screenplays",
            "Brick-and-Steel.fountain");
        if (!Files.exists(script)) throw new IllegalStateException(script + " is absent: this benchmark needs "
            + "shared/material");
        folder = Files.createTempDirectory("cinestack-studio-bench");
        Files.createDirectories(folder.resolve("brick"));
        Files.copy(script, folder.resolve("brick/Brick-and-Steel.fountain"));
        studio = Studio.start(folder, "127.0.0.1", 0, Optional.empty());
        http = HttpClient.newHttpClient();
        String board = get("/api/films/brick/board");
        System.out.printf("%nthe board has %d shots%n", board.split("\"shot\":").length - 1);
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(studio.url() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException(path + " answered " + r.statusCode());
        return r.body();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        for (int i = 0; i < 3; i++) System.gc();
        Runtime rt = Runtime.getRuntime();
        System.out.printf("%nheap in use after a full collection, studio idle: %.1f MB%n",
            (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
        studio.close();
        try (var w = Files.walk(folder)) {
            for (Path p : w.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** @return the page's length, so the work is not discarded */
    @Benchmark
    public int boardPage() throws Exception {
        return get("/films/brick").length();
    }

    /** @return the JSON's length */
    @Benchmark
    public int boardApi() throws Exception {
        return get("/api/films/brick/board").length();
    }
}
