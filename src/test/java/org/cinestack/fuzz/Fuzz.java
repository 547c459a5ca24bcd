package org.cinestack.fuzz;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Runs a reader over mutated inputs for a bounded time and holds it to its contract: it returns, or throws the error
 * it documents (a user's mistake said in words); it never throws anything else, never runs past {@link #HANG_SECONDS}
 * on one input, and never allocates more than {@link #ALLOCATION_FACTOR} (or the caller's factor) times the input's size
 * plus {@link #ALLOCATION_SLACK} bytes for it (all it allocates, garbage included, measured per thread: work that grows
 * faster than its input shows here long before the heap runs out).
 * <p>
 * A failing input is written to {@code target/fuzz-findings/<reader>/<sha>}; once fixed it goes to
 * {@code src/test/resources/org/cinestack/fuzz/<reader>/}, where {@link #replay} runs it on every build.
 */
public final class Fuzz {
    /** Seconds a reader may take on one input before it counts as a hang. */
    static final int HANG_SECONDS = 10;
    /** Bytes allocated per byte of input beyond which a reader counts as blowing up, unless the caller says more. */
    public static final long ALLOCATION_FACTOR = 400;
    /** Bytes a reader may allocate whatever its input (its tables, the YAML and XML parsers' set-up). */
    static final long ALLOCATION_SLACK = 256L << 20;

    /** A reader under test: runs on bytes; throws what it documents, or anything else on a finding. */
    @FunctionalInterface
    public interface Target {
        void read(byte[] input) throws Exception;
    }

    private Fuzz() {
    }

    /**
     * @param name     the reader, for messages and the findings folder
     * @param seeds    valid inputs to mutate
     * @param target   the reader
     * @param expected the errors the reader documents
     * @param runs     mutated inputs to try at most
     * @param seconds  time to spend at most
     * @param seed     the seed of the randomness
     * @return inputs tried
     */
    @SafeVarargs
    public static int run(String name, List<byte[]> seeds, Target target, long seed, int runs, double seconds,
                          Class<? extends Throwable>... expected) {
        return run(name, seeds, target, seed, runs, seconds, ALLOCATION_FACTOR, expected);
    }

    /**
     * As {@link #run(String, List, Target, long, int, double, Class[])}, for a reader that allocates more per byte.
     *
     * @param bytesPerByte bytes it may allocate per byte of input (with {@link #ALLOCATION_SLACK} on top)
     */
    @SafeVarargs
    public static int run(String name, List<byte[]> seeds, Target target, long seed, int runs, double seconds,
                          long bytesPerByte, Class<? extends Throwable>... expected) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long end = System.nanoTime() + (long) (seconds * 1e9);
        ExecutorService one = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-" + name);
            t.setDaemon(true);
            return t;
        });
        int tried = 0;
        try {
            for (byte[] s : seeds) check(name, s, target, one, bytesPerByte, expected); // each seed as it is
            while (tried < runs && System.nanoTime() < end) {
                byte[] input = Mutator.mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
                check(name, input, target, one, bytesPerByte, expected);
                tried++;
            }
        } finally {
            one.shutdownNow();
        }
        return tried;
    }

    /**
     * Replays the regression inputs kept for a reader.
     *
     * @param bytesPerByte bytes the reader may allocate per byte of input
     * @return inputs replayed
     */
    @SafeVarargs
    public static int replay(String name, Target target, long bytesPerByte, Class<? extends Throwable>... expected)
        throws IOException {
        Path folder = Path.of("src/test/resources/org/cinestack/fuzz", name);
        if (!Files.isDirectory(folder)) return 0;
        List<Path> inputs;
        try (Stream<Path> s = Files.list(folder)) {
            inputs = s.filter(Files::isRegularFile).sorted().toList();
        }
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            for (Path p : inputs) check(name, Files.readAllBytes(p), target, one, bytesPerByte, expected);
        } finally {
            one.shutdownNow();
        }
        return inputs.size();
    }

    @SafeVarargs
    private static void check(String name, byte[] input, Target target, ExecutorService one, long bytesPerByte,
                              Class<? extends Throwable>... expected) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Future<Object[]> f = one.submit(() -> {
            long before = threads.getCurrentThreadAllocatedBytes();
            Throwable thrown = null;
            try {
                target.read(input);
            } catch (Throwable t) {
                thrown = t;
            }
            return new Object[] {thrown, threads.getCurrentThreadAllocatedBytes() - before};
        });
        Object[] result;
        try {
            result = f.get(HANG_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw finding(name, input, "ran past " + HANG_SECONDS + " s", null);
        } catch (Exception e) {
            throw finding(name, input, "could not be run: " + e, e);
        }
        Throwable thrown = (Throwable) result[0];
        long allocated = (Long) result[1];
        if (thrown != null && List.of(expected).stream().noneMatch(c -> c.isInstance(thrown))) {
            throw finding(name, input, "threw " + thrown, thrown);
        }
        if (thrown != null && (thrown.getMessage() == null || thrown.getMessage().isBlank())) {
            throw finding(name, input, "threw " + thrown.getClass().getSimpleName() + " without a message", thrown);
        }
        long limit = bytesPerByte * input.length + ALLOCATION_SLACK;
        if (allocated > limit) {
            throw finding(name, input, "allocated " + (allocated >> 20) + " MB for " + input.length + " bytes (limit "
                + (limit >> 20) + " MB)", null);
        }
    }

    private static AssertionError finding(String name, byte[] input, String what, Throwable cause) {
        String sha;
        try {
            sha = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(input))
                .substring(0, 16);
            Path dir = Files.createDirectories(Path.of("target/fuzz-findings", name));
            Files.write(dir.resolve(sha), input);
        } catch (Exception e) {
            sha = "(not saved: " + e + ")";
        }
        AssertionError e = new AssertionError(name + ": an input of " + input.length + " bytes " + what
            + "; saved as target/fuzz-findings/" + name + "/" + sha);
        if (cause != null) e.initCause(cause);
        return e;
    }

    /** @return every regular file under the folders that ends in one of the suffixes, read */
    public static List<byte[]> files(List<Path> folders, String... suffixes) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) continue;
            try (Stream<Path> s = Files.walk(folder)) {
                for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                    for (String suffix : suffixes) {
                        if (p.getFileName().toString().endsWith(suffix)) {
                            out.add(Files.readAllBytes(p));
                            break;
                        }
                    }
                }
            }
        }
        if (out.isEmpty()) fail("no seed inputs under " + folders);
        return out;
    }
}
