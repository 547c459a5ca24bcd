package org.cinestack.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.cinestack.media.Staging;

/**
 * Clears what renders leave behind in a film's {@code .cinestack/}: encoded segments and masters (with their stems,
 * deliverables and crop paths) that the film's latest render does not use and that have not been used for a while.
 * Takes, the ledger and job journals are never touched: takes cost time or money to make again.
 * <p>
 * What the latest render of each film file (and of each edit of it) uses is recorded in {@code .cinestack/in-use/},
 * one name prefix under {@code masters/} a line (the master's key and each deliverable's), written by every render;
 * a record whose film or edit file is gone keeps nothing and is removed; each master and deliverable made of segments
 * lists them in {@code masters/<prefix>.segments.txt}. A file's last use is its modification time: a render touches
 * the segments and masters it reuses. Files go by groups that share the digest their names start with (a master with
 * its stems, deliverables, crop paths and segment lists): a group goes only as a whole, when none of its files was
 * used within the period. A render holds a shared lock on {@code .cinestack/render.lock}; cleaning needs it alone.
 */
public final class CacheClean {
    /** The folder of the records of what the latest renders use, one per film file and edit. */
    static final String IN_USE = "in-use";
    private static final String FILM = "# film ", EDIT = "# edit ";
    /** The single record earlier versions wrote: kept as a record that never goes stale until a render replaces it. */
    private static final String LEGACY = "in-use.txt";

    /**
     * What a clean removed, or would remove.
     *
     * @param removed files removed (or to remove, on a dry run), relative to the cache folder, stale records first
     * @param bytes   their total size in bytes
     * @param kept    files kept in {@code masters/} and {@code segments/}
     */
    public record Report(List<String> removed, long bytes, int kept) {
    }

    private CacheClean() {
    }

    /** @return the digest a cached file's name starts with: its name up to the first dot */
    private static String group(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /**
     * Records what a render used: the prefixes of its master and deliverables under {@code masters/}, in a record of
     * its own per film file and edit ({@code .cinestack/in-use/<digest>.txt}), so renders of two films in one folder,
     * or of a film and a recut of it, keep each other's files. The record names its film and edit; {@link #clean}
     * drops a record whose film or edit is gone.
     *
     * @param cache    the film's {@code .cinestack/} folder
     * @param film     the film file rendered
     * @param edit     the edit it was cut to ({@code render --edit}), if any
     * @param prefixes file name prefixes under {@code masters/}, such as the master's key
     * @throws IOException when the record cannot be written
     */
    static void recordInUse(Path cache, Path film, java.util.Optional<Path> edit, List<String> prefixes)
        throws IOException {
        Path project = cache.toAbsolutePath().normalize().getParent();
        List<String> lines = new ArrayList<>();
        lines.add(FILM + project.relativize(film.toAbsolutePath().normalize()));
        edit.ifPresent(e -> lines.add(EDIT + project.relativize(e.toAbsolutePath().normalize())));
        lines.addAll(prefixes);
        Path folder = Files.createDirectories(cache.resolve(IN_USE));
        String name = org.cinestack.plan.ShotSpec.sha256(String.join("\n", lines.subList(0, edit.isPresent() ? 2 : 1)))
            .substring(0, 16) + ".txt";
        Path tmp = Files.createTempFile(folder, name, ".tmp");
        try {
            Files.write(tmp, lines);
            Files.move(tmp, folder.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        Files.deleteIfExists(cache.resolve(LEGACY)); // the single record of earlier versions
    }

    /**
     * Records the segments a master or deliverable is made of, beside it, for {@link #clean}.
     *
     * @param masters  the {@code masters/} folder
     * @param prefix   the master's or deliverable's name prefix
     * @param segments its segment files
     * @throws IOException when the list cannot be written
     */
    static void recordSegments(Path masters, String prefix, List<Path> segments) throws IOException {
        Files.write(masters.resolve(prefix + ".segments.txt"), segments.stream().map(p -> p.getFileName().toString())
            .toList());
    }

    /**
     * Marks a cached file as used now.
     *
     * @param file a segment or master
     * @throws IOException when its time cannot be set
     */
    public static void touch(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
    }

    /**
     * Removes segments and masters that the latest render does not use and that were last used before
     * {@code now - unusedFor}. Staged files and take folders ({@link Staging#isStaged}) under {@code .cinestack/} and
     * {@code out/}, left by a render that died, go whatever their age: no render runs while clean holds the lock.
     *
     * @param cache     the film's {@code .cinestack/} folder
     * @param unusedFor how long a file must have gone unused; zero removes everything the latest render does not use
     * @param dryRun    true to report without removing
     * @param now       the present
     * @return what was (or would be) removed
     * @throws IOException           when the folder cannot be listed or a file cannot be removed
     * @throws RenderLock.BusyException when a render of the project is running
     */
    public static Report clean(Path cache, Duration unusedFor, boolean dryRun, Instant now) throws IOException {
        try (RenderLock alone = RenderLock.alone(cache)) {
            return cleanAlone(cache, unusedFor, dryRun, now);
        }
    }

    private static Report cleanAlone(Path cache, Duration unusedFor, boolean dryRun, Instant now) throws IOException {
        Path project = cache.toAbsolutePath().normalize().getParent();
        Path masters = cache.resolve("masters"), segments = cache.resolve("segments");
        List<String> prefixes = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        if (Files.isRegularFile(cache.resolve(LEGACY))) {
            Files.readAllLines(cache.resolve(LEGACY)).stream().filter(l -> !l.isBlank()).forEach(prefixes::add);
        }
        if (Files.isDirectory(cache.resolve(IN_USE))) {
            List<Path> records;
            try (Stream<Path> s = Files.list(cache.resolve(IN_USE))) {
                records = s.filter(f -> f.toString().endsWith(".txt")).sorted().toList();
            }
            for (Path record : records) {
                List<String> lines = Files.readAllLines(record);
                boolean gone = lines.stream().filter(l -> l.startsWith(FILM) || l.startsWith(EDIT))
                    .anyMatch(l -> !Files.exists(project.resolve(l.substring(FILM.length()))));
                if (gone) {
                    stale.add(cache.relativize(record).toString());
                    continue;
                }
                lines.stream().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(prefixes::add);
            }
        }
        Set<String> keptSegments = new HashSet<>();
        for (String prefix : prefixes) {
            Path list = masters.resolve(prefix + ".segments.txt");
            if (Files.isRegularFile(list)) keptSegments.addAll(Files.readAllLines(list));
        }
        Set<String> inUse = new HashSet<>();
        for (String p : prefixes) inUse.add("masters/" + group(p));
        for (String seg : keptSegments) inUse.add("segments/" + group(seg));
        Instant before = now.minus(unusedFor);
        java.util.Map<String, List<Path>> groups = new java.util.TreeMap<>();
        for (Path folder : List.of(masters, segments)) {
            if (!Files.isDirectory(folder)) continue;
            try (Stream<Path> s = Files.list(folder)) {
                for (Path f : s.filter(f -> Files.isRegularFile(f) && !Staging.isStaged(f.getFileName().toString()))
                    .sorted().toList()) {
                    groups.computeIfAbsent(folder.getFileName() + "/" + group(f.getFileName().toString()),
                        k -> new ArrayList<>()).add(f);
                }
            }
        }
        List<String> removed = new ArrayList<>();
        long bytes = 0;
        int kept = 0;
        // no render runs while clean holds the lock alone: every staged file or take folder was left by one that died
        for (Path folder : List.of(cache, project.resolve("out"))) {
            if (!Files.isDirectory(folder)) continue;
            List<Path> staged;
            try (Stream<Path> s = Files.walk(folder)) {
                staged = s.filter(f -> !f.equals(folder) && Staging.isStaged(f.getFileName().toString())).toList();
            }
            for (Path f : staged) {
                if (!Files.exists(f)) continue; // inside a staged folder already gone
                List<Path> inside;
                try (Stream<Path> s = Files.walk(f)) {
                    inside = s.sorted(java.util.Comparator.reverseOrder()).toList();
                }
                for (Path g : inside) if (Files.isRegularFile(g)) bytes += Files.size(g);
                removed.add(cache.toAbsolutePath().normalize().relativize(f.toAbsolutePath().normalize()).toString());
                if (!dryRun) for (Path g : inside) Files.delete(g);
            }
        }
        for (String record : stale) { // the film or edit it names is gone: it keeps nothing
            removed.add(record);
            if (!dryRun) Files.delete(cache.resolve(record));
        }
        for (var g : groups.entrySet()) {
            Instant last = Instant.MIN;
            for (Path f : g.getValue()) {
                Instant t = Files.getLastModifiedTime(f).toInstant();
                if (t.isAfter(last)) last = t;
            }
            if (inUse.contains(g.getKey()) || !last.isBefore(before)) {
                kept += g.getValue().size();
                continue;
            }
            for (Path f : g.getValue()) {
                bytes += Files.size(f);
                removed.add(cache.relativize(f).toString());
                if (!dryRun) Files.delete(f);
            }
        }
        return new Report(removed, bytes, kept);
    }
}
