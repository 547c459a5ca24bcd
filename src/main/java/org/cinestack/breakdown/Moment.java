package org.cinestack.breakdown;

import java.util.List;

/** One beat of a scene in script order: a paragraph of action, a spoken line, or titles on screen. */
public sealed interface Moment {

    /** @return the 1-based line of the script where it starts */
    int line();

    /**
     * A paragraph of action.
     *
     * @param text    the paragraph
     * @param props   capitalised nouns of the paragraph (the screenwriting convention for props), in order
     * @param sounds  capitalised verbs and sound words (SLAMS, BANG), in order
     * @param cast    ids of the cast the paragraph names, in order of first mention
     * @param seconds estimated screen time, s: about a minute a page of action
     * @param line    where it starts
     */
    record Action(String text, List<String> props, List<String> sounds, List<String> cast, double seconds, int line)
        implements Moment { }

    /**
     * A spoken (or sung) line.
     *
     * @param castId        who speaks
     * @param text          what is said
     * @param parenthetical the direction before it, without parentheses, or empty
     * @param seconds       estimated speaking time, s (words at the speaker's rate, plus pauses)
     * @param dual          spoken at the same time as the other side of a dual dialogue
     * @param emphasised    played hard: an exclamation, or a parenthetical such as (shouting)
     * @param line          where it starts
     */
    record Speech(String castId, String text, String parenthetical, double seconds, boolean dual, boolean emphasised,
                  int line) implements Moment { }

    /**
     * Titles, centred text on screen.
     *
     * @param text the text, lines joined by a newline
     * @param line where it starts
     */
    record Title(String text, int line) implements Moment { }
}
