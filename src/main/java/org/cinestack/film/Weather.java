package org.cinestack.film;

import java.util.List;

/** Weather of a scene. Exterior scenes show it; interiors hear it (later, in the mix). */
public enum Weather {
    /** Clear sky, long visibility. */
    CLEAR,
    /** Grey sky, soft light, reduced saturation. */
    OVERCAST,
    /** Depth haze with about 30 m visibility. */
    FOG,
    /** Falling rain streaks, wet dark ground. */
    RAIN,
    /** Falling snow flakes, bright haze. */
    SNOW,
    /** Heavy rain, dark sky, lightning flashes. */
    STORM;

    /** @return the film.yaml code */
    public String code() {
        return Codes.of(this);
    }

    /** @return the weather for a code, or null when unknown */
    public static Weather parse(String code) {
        return Codes.parse(Weather.class, code);
    }

    /** @return every code */
    public static List<String> codes() {
        return Codes.all(Weather.class);
    }
}
