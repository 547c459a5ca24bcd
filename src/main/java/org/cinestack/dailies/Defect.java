package org.cinestack.dailies;

/**
 * Something wrong with a take, in words.
 *
 * @param metric   the metric that found it ({@code camera}, {@code frozen}, {@code black}, ...)
 * @param severity how much it matters
 * @param words    what is wrong, for the filmmaker: "the pan goes right; the shot asked for pan-left"
 */
public record Defect(String metric, Severity severity, String words) {
    /** How much a defect matters. */
    public enum Severity {
        /** The take is rejected and shot again: the shot did not get what it asked for. */
        MAJOR,
        /** Noted in the dailies; the take may still be circled. */
        MINOR
    }
}
