package org.cinestack.film;

import java.util.Arrays;
import java.util.List;

/**
 * Standard shot sizes, widest to tightest, with the film.yaml code of each. A shot size says how much of the subject
 * fills the picture height; {@code plan} turns it into a camera distance.
 */
public enum ShotSize {
    /** Extreme wide / establishing shot: the subject is under 10% of the picture height. */
    EXTREME_WIDE("ews"),
    /** Wide shot: the whole figure is about 40% of the picture height. */
    WIDE("ws"),
    /** Full shot: head to toe, about 80% of the picture height. */
    FULL("fs"),
    /** Medium long ("cowboy") shot: knees up. */
    MEDIUM_LONG("mls"),
    /** Medium shot: waist up. */
    MEDIUM("ms"),
    /** Medium close-up: chest up. */
    MEDIUM_CLOSE_UP("mcu"),
    /** Close-up: the head fills 55-80% of the picture height. */
    CLOSE_UP("cu"),
    /** Extreme close-up: eyes to mouth. */
    EXTREME_CLOSE_UP("ecu"),
    /** Insert: a detail or prop, filling most of the frame. */
    INSERT("insert");

    private final String code;

    ShotSize(String code) {
        this.code = code;
    }

    /** @return the film.yaml code, for example {@code mcu} */
    public String code() {
        return code;
    }

    /**
     * Parses a film.yaml code; {@code establishing} is accepted as a synonym of {@code ews}.
     *
     * @return the size, or {@code null} when the code is unknown
     */
    public static ShotSize parse(String code) {
        String c = code.trim().toLowerCase(java.util.Locale.ROOT);
        if (c.equals("establishing")) return EXTREME_WIDE;
        for (ShotSize s : values()) if (s.code.equals(c)) return s;
        return null;
    }

    /** @return every accepted code, for error messages and the JSON Schema */
    public static List<String> codes() {
        var list = new java.util.ArrayList<>(Arrays.stream(values()).map(ShotSize::code).toList());
        list.add("establishing");
        return list;
    }
}
