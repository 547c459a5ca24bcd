package org.cinestack.film;

import java.util.List;

/**
 * What a shot covers, in the terms of a shot list: who is in it and how. The size ({@link ShotSize}) says how close.
 */
public enum Coverage {
    /** One person (or the subject alone). */
    SINGLE,
    /** Over the shoulder: the subject faces the camera past the shoulder of {@code over} in the foreground. */
    OTS,
    /** Two people side by side in the frame. */
    TWO_SHOT,
    /** Three or more people. */
    GROUP,
    /** The scene seen through the eyes of {@code over} (or of the heading's character). */
    POV,
    /** A listener's reaction, silent. */
    REACTION,
    /** A close view of an object. */
    INSERT,
    /** A wide shot that holds the whole scene's action. */
    MASTER,
    /** Opens a new location. */
    ESTABLISHING,
    /** Titles on screen. */
    TITLE;

    /** @return the film.yaml code, for example {@code two-shot} */
    public String code() {
        return Codes.of(this);
    }

    /** @return the coverage for a code, or null when unknown */
    public static Coverage parse(String code) {
        return Codes.parse(Coverage.class, code);
    }

    /** @return every code */
    public static List<String> codes() {
        return Codes.all(Coverage.class);
    }
}
