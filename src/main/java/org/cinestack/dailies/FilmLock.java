package org.cinestack.dailies;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cinestack.film.BadInputException;
import org.cinestack.film.Problem;

/**
 * {@code film.lock}, beside film.yaml: the take each shot's cut uses, who chose it (the rules or the director) and
 * what it was chosen from. A director's choice ({@code cinestack circle}) holds across renders while the shot's takes
 * are the same (its spec and backend unchanged); the render writes the rules' choice for every other shot.
 *
 * <p>The file is YAML, one flow mapping a shot, so it reads and diffs line by line:
 * <pre>
 * version: 1
 * s1-lamp: {takes: 3f2a...e1, backend: previs, model: previs, seed: 1234, take: 2, b: 1, by: director, at: 2026-12-06T09:00:00Z}
 * </pre>
 * {@code takes} is the digest naming the shot's takes ({@code .cinestack/takes/<digest>/}); {@code b} the second
 * choice, when there is one; {@code at} when the choice was made (UTC). A line that does not read, a field missing
 * or of the wrong kind, a shot named twice, or a version newer than this reader is a {@link BadInputException} naming
 * the line and the fix: a lock is never dropped silently.
 *
 * @param file    the film.lock file
 * @param entries per shot id, in the file's order
 */
public record FilmLock(Path file, Map<String, Entry> entries) {
    /** The file name, beside film.yaml. */
    public static final String NAME = "film.lock";
    /** The version this reader and writer know. */
    public static final int VERSION = 1;
    private static final Pattern LINE = Pattern.compile("([A-Za-z0-9][A-Za-z0-9_.\\-]*):\\s*\\{(.*)}\\s*");
    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/\\-]*");

    /** Who chose a take. */
    public enum By {
        /** The dailies' rules: the best-scored take. */
        RULE,
        /** The director, with {@code cinestack circle}. */
        DIRECTOR;

        /** @return the word in the file */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One shot's choice.
     *
     * @param shot    the shot's id
     * @param takes   the digest naming its takes (64 hex digits)
     * @param backend the backend that made them
     * @param model   the backend's model, or empty
     * @param seed    the circled take's seed
     * @param take    the circled take's number, 1 or more
     * @param b       the second choice's number, or 0 when there is none
     * @param by      who chose
     * @param at      when
     * @param line    its line in the file (0 when not read from one)
     */
    public record Entry(String shot, String takes, String backend, String model, long seed, int take, int b, By by,
                        Instant at, int line) {
        /** @return the line as written */
        String text() {
            StringBuilder s = new StringBuilder(shot).append(": {takes: ").append(takes).append(", backend: ")
                .append(backend);
            if (!model.isEmpty()) s.append(", model: ").append(model);
            s.append(", seed: ").append(seed).append(", take: ").append(take);
            if (b > 0) s.append(", b: ").append(b);
            return s.append(", by: ").append(by.word()).append(", at: ").append(at).append('}').toString();
        }
    }

    /**
     * Reads the film.lock beside a film.
     *
     * @param folder the film's folder
     * @return the lock; empty entries when there is no film.lock
     * @throws BadInputException when it cannot be read or a line is not as described above
     */
    public static FilmLock read(Path folder) {
        Path file = folder.resolve(NAME);
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) return new FilmLock(file, entries);
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (MalformedInputException e) {
            throw problem(file, 1, "is not UTF-8 text; delete it and render again (the rules choose every take "
                + "again) or restore it from your version control");
        } catch (IOException e) {
            throw problem(file, 0, "cannot be read: " + e.getMessage());
        }
        boolean versioned = false;
        for (int i = 0; i < lines.size(); i++) {
            int n = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (!versioned) {
                if (!line.startsWith("version:")) {
                    throw problem(file, n, "must begin with 'version: " + VERSION + "'; add it as the first line");
                }
                String v = line.substring("version:".length()).strip();
                if (!v.matches("[0-9]{1,6}")) throw problem(file, n, "version '" + v + "' is not a number; write "
                    + "'version: " + VERSION + "'");
                if (Integer.parseInt(v) > VERSION) throw problem(file, n, "is version " + v + ", newer than this "
                    + "Cinestack reads (" + VERSION + "); update Cinestack");
                if (Integer.parseInt(v) < 1) throw problem(file, n, "version must be 1 or more");
                versioned = true;
                continue;
            }
            Entry e = entry(file, n, line);
            if (entries.containsKey(e.shot())) {
                throw problem(file, n, "names shot '" + e.shot() + "' again (first on line "
                    + entries.get(e.shot()).line() + "); delete one of the two lines");
            }
            entries.put(e.shot(), e);
        }
        return new FilmLock(file, entries);
    }

    private static Entry entry(Path file, int n, String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            throw problem(file, n, "does not read as '<shot>: {takes: ..., backend: ..., seed: ..., take: ..., by: "
                + "rule|director, at: ...}'; correct it or delete the line (the rules choose that shot's take "
                + "again)");
        }
        String shot = m.group(1);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : m.group(2).split(",")) {
            int colon = part.indexOf(':');
            if (colon < 0) throw problem(file, n, "shot " + shot + ": '" + part.strip() + "' is not 'name: value'");
            String key = part.substring(0, colon).strip(), value = part.substring(colon + 1).strip();
            if (!List.of("takes", "backend", "model", "seed", "take", "b", "by", "at").contains(key)) {
                throw problem(file, n, "shot " + shot + ": unknown field '" + key + "'; the fields are takes, "
                    + "backend, model, seed, take, b, by and at");
            }
            if (fields.put(key, value) != null) throw problem(file, n, "shot " + shot + ": '" + key + "' twice");
        }
        for (String required : List.of("takes", "backend", "seed", "take", "by", "at")) {
            if (!fields.containsKey(required)) {
                throw problem(file, n, "shot " + shot + ": '" + required + "' is missing; correct the line or "
                    + "delete it (the rules choose that shot's take again)");
            }
        }
        String takes = fields.get("takes");
        if (!DIGEST.matcher(takes).matches()) throw problem(file, n, "shot " + shot + ": takes must be the 64 "
            + "hexadecimal digits naming the shot's folder in .cinestack/takes/");
        String backend = fields.get("backend"), model = fields.getOrDefault("model", "");
        if (!WORD.matcher(backend).matches()) throw problem(file, n, "shot " + shot + ": backend '" + backend
            + "' is not a backend id");
        if (!model.isEmpty() && !WORD.matcher(model).matches()) throw problem(file, n, "shot " + shot + ": model '"
            + model + "' is not a model name");
        long seed = number(file, n, shot, "seed", fields.get("seed"));
        int take = takeNumber(file, n, shot, "take", fields.get("take"));
        int b = fields.containsKey("b") ? takeNumber(file, n, shot, "b", fields.get("b")) : 0;
        By by = switch (fields.get("by")) {
            case "rule" -> By.RULE;
            case "director" -> By.DIRECTOR;
            default -> throw problem(file, n, "shot " + shot + ": by must be 'rule' or 'director', not '"
                + fields.get("by") + "'");
        };
        Instant at;
        try {
            at = Instant.parse(fields.get("at"));
        } catch (DateTimeParseException e) {
            throw problem(file, n, "shot " + shot + ": at '" + fields.get("at") + "' is not a UTC time such as "
                + "2026-12-06T09:00:00Z");
        }
        return new Entry(shot, takes, backend, model, seed, take, b, by, at, n);
    }

    private static long number(Path file, int n, String shot, String key, String value) {
        if (!value.matches("-?[0-9]{1,19}")) throw problem(file, n, "shot " + shot + ": " + key + " '" + value
            + "' is not a whole number");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw problem(file, n, "shot " + shot + ": " + key + " '" + value + "' is too large");
        }
    }

    private static int takeNumber(Path file, int n, String shot, String key, String value) {
        long v = number(file, n, shot, key, value);
        if (v < 1 || v > 1_000_000) throw problem(file, n, "shot " + shot + ": " + key + " must be a take number, "
            + "1 or more");
        return (int) v;
    }

    private static BadInputException problem(Path file, int line, String message) {
        return new BadInputException(List.of(new Problem(file.toString(), line, line > 0 ? 1 : 0, message)));
    }

    /**
     * @param shot a shot's id
     * @return its entry, when the lock has one
     */
    public Optional<Entry> get(String shot) {
        return Optional.ofNullable(entries.get(shot));
    }

    /**
     * @param e a shot's new entry
     * @return this lock with it, in place of the shot's old one (or last)
     */
    public FilmLock with(Entry e) {
        Map<String, Entry> next = new LinkedHashMap<>(entries);
        next.put(e.shot(), e);
        return new FilmLock(file, next);
    }

    /**
     * Writes the lock (staged, then moved into place), its shots in the given order and any others after them.
     *
     * @param order the film's shot ids in order
     * @throws IOException when it cannot be written
     */
    public void write(List<String> order) throws IOException {
        List<String> out = new ArrayList<>();
        out.add("# film.lock: the take each shot's cut uses (take), its second choice (b), and who chose it.");
        out.add("# 'cinestack circle <film> <shot> <take>' records the director's choice, which holds while the shot");
        out.add("# is unchanged; every render writes the rules' choice (the best-scored take) for the other shots.");
        out.add("version: " + VERSION);
        for (String id : order) if (entries.containsKey(id)) out.add(entries.get(id).text());
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (!order.contains(e.getKey())) out.add(e.getValue().text());
        }
        org.cinestack.media.Staging.writeString(file, String.join("\n", out) + "\n");
    }
}
