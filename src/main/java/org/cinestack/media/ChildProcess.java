package org.cinestack.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Outside programs (espeak-ng) run as children that never outlive Cinestack:
 * <ul>
 *   <li>tied to this process: on Linux each child runs under util-linux's {@code setpriv --pdeathsig KILL} (Debian
 *       marks util-linux essential, so every Debian has it), so the kernel kills it when the JVM dies, even by
 *       {@code kill -9} (prctl(2), {@code PR_SET_PDEATHSIG}); where setpriv is missing the child runs as it is;</li>
 *   <li>killed on exit: a shutdown hook (Ctrl-C, a normal exit) kills every child still running;</li>
 *   <li>killed on timeout or interruption, never left behind.</li>
 * </ul>
 */
public final class ChildProcess {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final List<String> TIE = tie();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
            "cinestack-children"));
    }

    /**
     * What a program said and how it ended.
     *
     * @param exitCode its exit code
     * @param output   its standard output and error, UTF-8
     */
    public record Result(int exitCode, String output) {
    }

    private ChildProcess() {
    }

    private static List<String> tie() {
        Path setpriv = Path.of("/usr/bin/setpriv");
        if (!Files.isExecutable(setpriv)) return List.of();
        List<String> tie = List.of(setpriv.toString(), "--pdeathsig", "KILL", "--");
        try { // util-linux before 2.33 has no --pdeathsig
            Process p = new ProcessBuilder(concat(tie, List.of("true"))).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? tie : List.of();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** @return the command as it is started: under setpriv where this machine has it */
    static List<String> tied(List<String> command) {
        return concat(TIE, command);
    }

    /**
     * Starts a program tied to this process; the caller reads it and must {@link #end} it.
     *
     * @param command the program and its arguments
     * @return the running child, standard error joined to standard output
     * @throws IOException when it cannot be started (for example it is not installed)
     */
    public static Process start(List<String> command) throws IOException {
        if (command.isEmpty()) throw new IllegalArgumentException("no program to run");
        if (!TIE.isEmpty() && command.getFirst().indexOf('/') < 0 && !onPath(command.getFirst())) {
            // setpriv would start and then fail to find it: say so as the JVM does
            throw new IOException("Cannot run program \"" + command.getFirst() + "\": not found");
        }
        Process p = new ProcessBuilder(tied(command)).redirectErrorStream(true).start();
        LIVE.add(p);
        p.onExit().thenRun(() -> LIVE.remove(p));
        return p;
    }

    /** Kills a child started by {@link #start} if it still runs. */
    public static void end(Process p) {
        if (p.isAlive()) p.destroyForcibly();
        LIVE.remove(p);
    }

    /**
     * Runs a program to its end.
     *
     * @param command the program and its arguments
     * @param timeout how long it may take; it is killed after that
     * @return its exit code and what it printed
     * @throws IOException when it cannot be started, or takes longer than {@code timeout} (naming the program),
     *                     or this thread is interrupted (the child is killed either way)
     */
    public static Result run(List<String> command, Duration timeout) throws IOException {
        Process p = start(command);
        try {
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getInputStream().readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            }, Thread::startVirtualThread);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException(command.getFirst() + " did not finish within " + timeout.toSeconds()
                    + " s and was stopped");
            }
            return new Result(p.exitValue(), new String(out.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(command.getFirst() + " was interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot read what " + command.getFirst() + " printed", e);
        } finally {
            end(p);
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }
}
