package org.cinestack.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.cinestack.breakdown.Breakdown;
import org.cinestack.breakdown.CoveragePlanner;
import org.cinestack.edit.Edl;
import org.cinestack.edit.otio.OtioFormatException;
import org.cinestack.edit.otio.OtioImport;
import org.cinestack.film.BadInputException;
import org.cinestack.film.Film;
import org.cinestack.film.FilmReader;
import org.cinestack.finish.CubeLut;
import org.cinestack.plan.Planner;
import org.cinestack.script.ScriptReader;
import org.cinestack.shoot.Take;
import org.cinestack.shoot.TakeStore;

/**
 * Every reader of what a user or another program hands Cinestack, under seeded mutation of real files (the example
 * films, the shared screenplays, LUTs, OTIO and EDL files): each returns or throws its documented error with a
 * message, within {@link Fuzz#HANG_SECONDS} and a bounded allocation. What reads a film also plans it, what reads a
 * screenplay also breaks it down and plans its coverage: a file the reader accepts must not break what comes after.
 */
class ReaderFuzzTest {
    private static final Path SHARED = Path.of(System.getProperty("cinestack.shared", "../shared"), "material");
    /** Inputs per reader at most, and seconds per reader at most: about half a minute for the suite. */
    private static final int RUNS = 4000;
    private static final double SECONDS = 6;
    private static final long SEED = 20261206L;
    private static Path dir;

    @BeforeAll
    static void folder() throws IOException {
        dir = Files.createTempDirectory("cinestack-fuzz");
    }

    @AfterAll
    static void clear() throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static Path file(String name, byte[] input) throws IOException {
        Path f = dir.resolve(Thread.currentThread().threadId() + "-" + name);
        Files.write(f, input);
        return f;
    }

    private static void fuzz(String name, List<byte[]> seeds, Fuzz.Target target,
                             List<Class<? extends Throwable>> expected) throws IOException {
        fuzz(name, seeds, target, Fuzz.ALLOCATION_FACTOR, expected);
    }

    private static void fuzz(String name, List<byte[]> seeds, Fuzz.Target target, long bytesPerByte,
                             List<Class<? extends Throwable>> expected) throws IOException {
        @SuppressWarnings("unchecked")
        Class<? extends Throwable>[] errors = expected.toArray(new Class[0]);
        int replayed = Fuzz.replay(name, target, bytesPerByte, errors);
        int tried = Fuzz.run(name, seeds, target, SEED, RUNS, SECONDS, bytesPerByte, errors);
        assertThat(tried + replayed).as("inputs tried").isGreaterThan(50);
    }

    @Test
    void filmYaml() throws IOException {
        fuzz("film-yaml", Fuzz.files(List.of(Path.of("examples")), "film.yaml"), input -> {
            Film f = FilmReader.read(file("film.yaml", input));
            Planner.plan(f); // what validates must plan
        }, List.of(BadInputException.class));
    }

    /**
     * Breaking a screenplay down and planning its coverage allocates about 2,700 bytes per byte of script (measured:
     * 298 MB, garbage included, for a 109 KB script of the syntax corpus): the limit is twice that, still linear.
     */
    private static final long SCREENPLAY_BYTES_PER_BYTE = 6_000;

    @Test
    void fountain() throws IOException {
        fuzz("fountain", Fuzz.files(List.of(SHARED.resolve("screenplays/public-domain"),
            SHARED.resolve("screenplays/syntax-corpus"), SHARED.resolve("screenplays/fdx")), ".fountain"), input ->
            CoveragePlanner.plan(Breakdown.of(ScriptReader.read(input, "script.fountain"))),
            SCREENPLAY_BYTES_PER_BYTE, List.of(BadInputException.class));
    }

    @Test
    void finalDraft() throws IOException {
        fuzz("fdx", Fuzz.files(List.of(SHARED.resolve("screenplays/fdx")), ".fdx"), input ->
            CoveragePlanner.plan(Breakdown.of(ScriptReader.read(input, "script.fdx"))),
            SCREENPLAY_BYTES_PER_BYTE, List.of(BadInputException.class));
    }

    @Test
    void cubeLut() throws IOException {
        fuzz("cube", Fuzz.files(List.of(SHARED.resolve("luts")), ".cube"), input -> {
            CubeLut lut = CubeLut.read(file("grade.cube", input));
            lut.apply(new double[] {0.2, 0.5, 0.9}); // what reads must apply
        }, List.of(BadInputException.class));
    }

    @Test
    void otio() throws IOException {
        fuzz("otio", Fuzz.files(List.of(SHARED.resolve("otio/core-sample_data")), ".otio"), input ->
            OtioImport.read(file("cut.otio", input)), List.of(OtioFormatException.class));
    }

    @Test
    void edl() throws IOException {
        fuzz("edl", Fuzz.files(List.of(SHARED.resolve("otio/cmx3600-edl")), ".edl"), input ->
            Edl.parse(new String(input, StandardCharsets.UTF_8), "cut.edl", 24, dir), List.of(BadInputException.class));
    }

    /** A take.json damaged on disk makes the take untrusted (shot again), never a failure of the render. */
    @Test
    void takeJson() throws IOException {
        Path take = Files.createDirectories(dir.resolve("cache/takes/abc/1"));
        Files.write(take.resolve("take.mp4"), new byte[1234]);
        String json = """
            {
              "backend" : "previs",
              "backendVersion" : "previs-12",
              "specDigest" : "abc",
              "take" : 1,
              "seed" : 1841,
              "createdAt" : "2026-12-06T06:00:00Z",
              "renderSeconds" : 2.5,
              "mediaDigest" : "6f1ed002ab5595859014ebf0951522d9",
              "mediaBytes" : 1234,
              "frames" : 48,
              "subjectBoxes" : [ [ 10, 20, 30, 40 ] ],
              "spec" : { "shotId" : "a", "seed" : 1841 }
            }
            """;
        TakeStore store = new TakeStore(dir.resolve("cache"));
        fuzz("take-json", List.of(json.getBytes(StandardCharsets.UTF_8)), input -> {
            Files.write(take.resolve("take.json"), input);
            for (Take t : store.takes("abc")) assertThat(t.number()).isEqualTo(1);
        }, List.of());
    }
}
