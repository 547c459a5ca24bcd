package org.cinestack.shoot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.cinestack.media.Integrity;
import org.cinestack.media.MediaException;
import org.cinestack.plan.ShotSpec;

/**
 * The take store: {@code <project>/.cinestack/takes/<digest>/<n>/} with {@code take.mp4}, {@code depth.mp4} and
 * {@code take.json}. The digest is SHA-256 over the spec's canonical JSON, the backend id and its version, so the same
 * spec on the same backend is never generated twice.
 *
 * <p>A take is made in a temporary folder, decoded whole ({@link Integrity}: every frame and second of sound its
 * container declares) and moved into place in one rename after its take.json is written with the media's size and
 * digest; a folder without take.json (a crash, Ctrl-C), or whose take.mp4 no longer has the recorded size, is never
 * trusted and is made again.
 */
public final class TakeStore {
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private final Path root;

    /** @param cacheFolder the project's {@code .cinestack} folder */
    public TakeStore(Path cacheFolder) {
        this.root = cacheFolder.resolve("takes");
    }

    /** @return the digest that names the takes of {@code spec} on {@code backend} */
    public static String digest(ShotSpec spec, Backend backend) {
        return ShotSpec.sha256(backend.digestInput(spec) + "\n" + backend.id() + "\n" + backend.version());
    }

    /** @return the seed of take {@code n} (1-based): take 1 uses the spec's seed, later takes a derived one */
    public static long seedOfTake(long specSeed, int n) {
        if (n == 1) return specSeed;
        long z = specSeed * 0x9E3779B97F4A7C15L + n;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        return (z ^ (z >>> 27)) & 0x7fffffffL;
    }

    /** @return the complete takes of a digest, by number */
    public List<Take> takes(String digest) {
        Path dir = root.resolve(digest);
        List<Take> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        // every numbered folder, gaps included: take 2 may have failed while take 3 was made
        try (var folders = Files.list(dir)) {
            folders.map(f -> f.getFileName().toString()).filter(name -> name.matches("[1-9][0-9]{0,4}"))
                .mapToInt(Integer::parseInt).sorted()
                .forEach(n -> read(digest, n, dir.resolve(Integer.toString(n))).ifPresent(out::add));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    private static Optional<Take> read(String digest, int n, Path folder) {
        Path json = folder.resolve("take.json");
        if (!Files.isRegularFile(json) || !Files.isRegularFile(folder.resolve("take.mp4"))) return Optional.empty();
        try {
            TakeRecord r = TakeRecord.read(folder);
            // checked whole when it was made; a file whose size changed since is not that take any more
            if (r.mediaBytes() > 0 && r.mediaBytes() != Files.size(folder.resolve("take.mp4"))) return Optional.empty();
            if (r.backend() == null || r.mediaDigest() == null) return Optional.empty();
            return Optional.of(new Take(digest, n, folder, r.seed(), r.backend(), r.mediaDigest()));
        } catch (RuntimeException | IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Makes take number {@code n} of a spec and stores it atomically.
     *
     * @param spec     the shot (with its base seed)
     * @param backend  the backend
     * @param n        take number, 1-based; must be the next free number
     * @param progress frame progress
     * @return the stored take
     */
    public Take shoot(ShotSpec spec, Backend backend, int n, Backend.Progress progress) {
        String digest = digest(spec, backend);
        Path dir = root.resolve(digest);
        Path target = dir.resolve(Integer.toString(n));
        long seed = seedOfTake(spec.seed(), n);
        ShotSpec takeSpec = spec.withSeed(seed);
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            clear(target); // an incomplete earlier attempt
            tmp = Files.createTempDirectory(dir, ".tmp-" + n + "-");
            long t0 = System.nanoTime();
            TakeRecord.Made made = backend.shoot(takeSpec, tmp, n, progress);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Integrity check = Integrity.check(tmp.resolve("take.mp4"));
            if (!check.whole()) {
                throw new MediaException("take " + n + " of shot " + spec.shotId() + " from " + backend.id()
                    + " failed its check: " + check.lost() + "; it is not kept", null);
            }
            String media = sha256(tmp.resolve("take.mp4"));
            new TakeRecord(backend.id(), backend.version(), digest, n, seed, Instant.now().toString(),
                Math.round(seconds * 1000) / 1000.0, media, Files.size(tmp.resolve("take.mp4")), check.decodedFrames(),
                Files.exists(tmp.resolve("depth.mp4")) ? sha256(tmp.resolve("depth.mp4")) : null,
                made == null ? TakeRecord.Made.NONE : made, JSON.readTree(takeSpec.canonicalJson())).write(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
            return new Take(digest, n, target, seed, backend.id(), media);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write take " + n + " of shot " + spec.shotId() + " under " + dir, e);
        } finally {
            if (tmp != null) {
                try {
                    clear(tmp); // a take that failed leaves nothing (it is gone already when it was moved into place)
                } catch (IOException ignored) {
                    // a staging folder `cinestack clean` removes
                }
            }
        }
    }

    private static void clear(Path folder) throws IOException {
        if (!Files.exists(folder)) return;
        try (var walk = Files.walk(folder)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** @return SHA-256 of a file's bytes, lower-case hex */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
