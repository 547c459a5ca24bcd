package org.cinestack.render;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * One writer per project: the exclusive lock a render (and {@code cinestack clean}) holds on a project's
 * {@code .cinestack/} folder for as long as it writes there, so two renders never write the same temporary file or
 * master at once. It is an operating-system lock on {@code .cinestack/render.lock} (released by the system when the
 * process dies, even by {@code kill -9}) and, inside one process, a semaphore per folder (the system's locks belong to
 * the process, not the thread). The holder is written beside it in {@code render.owner}: process id, host and start,
 * for the message another render shows while it waits or when it refuses ({@code --no-wait}).
 */
public final class RenderLock implements AutoCloseable {
    private static final Map<Path, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();

    private final Semaphore semaphore;
    private final FileChannel channel;
    private final Path owner;
    private boolean closed;

    private RenderLock(Semaphore semaphore, FileChannel channel, Path owner) {
        this.semaphore = semaphore;
        this.channel = channel;
        this.owner = owner;
    }

    /** Another render (or clean) holds the project's lock, and the caller would not wait. */
    public static final class BusyException extends IllegalStateException {
        BusyException(String message) {
            super(message);
        }
    }

    /**
     * Takes the project's lock, waiting for the holder when asked to.
     *
     * @param cache   the project's {@code .cinestack/} folder (created when missing)
     * @param wait    true to wait for a holder to finish, false to refuse at once
     * @param waiting told once, before waiting, who holds the lock
     * @return the held lock; close it when the writing ends
     * @throws BusyException when the lock is held and {@code wait} is false, naming the holder
     * @throws IOException   when the lock file cannot be opened
     */
    public static RenderLock acquire(Path cache, boolean wait, Consumer<String> waiting) throws IOException {
        Files.createDirectories(cache);
        Path file = cache.resolve("render.lock").toAbsolutePath().normalize();
        Path owner = file.resolveSibling("render.owner");
        Semaphore semaphore = IN_PROCESS.computeIfAbsent(file, f -> new Semaphore(1, true));
        boolean told = false;
        if (!semaphore.tryAcquire()) { // held by another render in this process
            String self = "process " + ProcessHandle.current().pid() + " on " + host() + ", this one";
            if (!wait) throw busy(self);
            waiting.accept(waitingText(self));
            told = true;
            semaphore.acquireUninterruptibly();
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                if (!wait) throw busy(holder(owner));
                if (!told) waiting.accept(waitingText(holder(owner)));
                channel.lock();
            }
            String me = ProcessHandle.current().pid() + " on " + host() + " since " + Instant.now();
            Path tmp = Files.createTempFile(cache, "render.owner", ".tmp");
            Files.writeString(tmp, me + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, owner, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new RenderLock(semaphore, channel, owner);
        } catch (IOException | RuntimeException | Error e) {
            if (channel != null) channel.close();
            semaphore.release();
            if (e instanceof OverlappingFileLockException) throw busy(holder(owner));
            throw e;
        }
    }

    /**
     * Takes the project's lock only when nobody holds it.
     *
     * @param cache the project's {@code .cinestack/} folder
     * @return the held lock
     * @throws BusyException when a render holds it, naming the holder
     * @throws IOException   when the lock file cannot be opened
     */
    public static RenderLock alone(Path cache) throws IOException {
        return acquire(cache, false, w -> { });
    }

    private static BusyException busy(String holder) {
        return new BusyException("another render of this project is running (" + holder + "); wait for it to end, "
            + "or run without --no-wait to wait");
    }

    private static String waitingText(String holder) {
        return "waiting for another render of this project to end (" + holder + ")";
    }

    /** What a render writes in its owner file: {@code <pid> on <host> since <ISO-8601 instant>}. */
    private static final java.util.regex.Pattern OWNER = java.util.regex.Pattern.compile(
        "[0-9]{1,10} on [A-Za-z0-9._:-]{1,255} since [0-9T:.Z+-]{10,40}");

    /**
     * @return who holds the lock as its owner file says ("process 4242 on studio-1 since 2026-12-06T06:00:00Z"), or
     *         "holder unknown" when the file is missing, unreadable or not what a render writes (only its first 512
     *         bytes are read, and nothing else of it is ever shown)
     */
    static String holder(Path owner) {
        try (var in = Files.newInputStream(owner)) {
            String s = new String(in.readNBytes(512), StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
            return OWNER.matcher(s).matches() ? "process " + s : "holder unknown";
        } catch (IOException e) {
            return "holder unknown";
        }
    }

    private static String host() {
        String name = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
        int at = name.indexOf('@');
        return at < 0 ? "this machine" : name.substring(at + 1);
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            Files.deleteIfExists(owner);
            channel.close(); // releases the system's lock
        } finally {
            semaphore.release();
        }
    }
}
