package org.cinestack.film;

import java.util.Locale;
import java.util.Optional;

/**
 * The largest inputs Cinestack reads, so a hostile or mistaken file gets a clear refusal instead of hours of work or
 * an exhausted heap. Each limit is far above what a real film needs; the reason is given with each.
 */
public final class Limits {
    /**
     * The largest film.yaml, bytes (8 MiB). A feature's shot list is about 1 MB (Big Fish's 2,532 shots); the 16,234
     * shots planned from a 5 MB screenplay line write 5.7 MB. Parsing holds the whole tree in memory, about 20 times
     * the file.
     */
    public static final long MAX_FILM_BYTES = 8L << 20;
    /**
     * The longest text value in film.yaml, characters (64 Ki). An action or a line of dialogue is a few hundred; a
     * prompt a model takes is at most a few thousand.
     */
    public static final int MAX_VALUE_CHARS = 1 << 16;
    /**
     * The longest line in film.yaml, characters (100,000): room for the longest value with its key and indentation.
     * The YAML scanner's work grows with the square of a line's length (measured: 300 MB allocated for a 400,000
     * character comment line, 1.2 GB for 800,000), so the line, not only the file, is bounded (found by fuzzing).
     */
    public static final int MAX_LINE_CHARS = 100_000;
    /** Above this many shots a render warns: several features' worth (Big Fish plans 2,532). */
    public static final int WARN_SHOTS = 5_000;
    /** The most shots a film may have: twenty features' worth; each shot is a take, a segment and a job. */
    public static final int MAX_SHOTS = 50_000;
    /**
     * The largest screenplay, bytes (16 MiB): Big Fish, about 120 pages, is 190 KB. The breakdown and coverage are
     * linear in the text (a 5 MB line plans in about a second), so the size bounds the time.
     */
    public static final long MAX_SCREENPLAY_BYTES = 16L << 20;

    private Limits() {
    }

    /**
     * @param shots the film's shot count
     * @return a warning when the film has more shots than {@link #WARN_SHOTS}, else empty
     */
    public static Optional<String> shotCountWarning(int shots) {
        if (shots <= WARN_SHOTS) return Optional.empty();
        return Optional.of(String.format(Locale.ROOT, "the film has %,d shots, more than several features need "
            + "(Big Fish plans 2,532): is this the film you meant? Each shot is a take to make", shots));
    }

    /**
     * @param what  what is too large, for example "film.yaml"
     * @param bytes its size
     * @param limit the limit, bytes
     * @return the message refusing it
     */
    static String tooLarge(String what, long bytes, long limit) {
        return String.format(Locale.ROOT, "%s is %.1f MB, over the %d MB Cinestack reads; check that it is the right "
            + "file, or split the film", what, bytes / 1e6 / 1.048576, limit >> 20);
    }
}
