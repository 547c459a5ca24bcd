package org.cinestack.film;

import java.util.Optional;

/**
 * A spoken line.
 *
 * @param character the speaker's cast id
 * @param line      the words
 * @param atSeconds when the line starts, seconds from the start of its shot; negative starts it under the end of the
 *                  shot before (a J-cut: the sound leads the picture), -10..60. Empty places it after the line before
 *                  (0.25 s later) or 0.3 s into the shot. A line longer than what is left of its shot runs over the
 *                  cut (an L-cut).
 */
public record DialogueLine(String character, String line, Optional<Double> atSeconds) {
    /** Earliest start of a line relative to its shot, s. */
    public static final double MIN_AT_SECONDS = -10;

    /** A line placed after the one before. */
    public DialogueLine(String character, String line) {
        this(character, line, Optional.empty());
    }
}
