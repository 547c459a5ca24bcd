package org.cinestack.film;

import java.util.List;

/** The role of a shot in its scene's four-beat arc: setup, tension, decision, consequence. */
public enum Beat {
    /** Establishes place, people and the situation. */
    SETUP,
    /** Pressure builds. */
    TENSION,
    /** A character chooses. */
    DECISION,
    /** What the choice brings. */
    CONSEQUENCE;

    /** @return the film.yaml code */
    public String code() {
        return Codes.of(this);
    }

    /** @return the beat for a code, or null when unknown */
    public static Beat parse(String code) {
        return Codes.parse(Beat.class, code);
    }

    /** @return every code */
    public static List<String> codes() {
        return Codes.all(Beat.class);
    }
}
