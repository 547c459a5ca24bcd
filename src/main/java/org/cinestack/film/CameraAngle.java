package org.cinestack.film;

import java.util.List;

/** Camera angle relative to the subject. Codes in film.yaml: eye, high, low, overhead, ground, dutch. */
public enum CameraAngle {
    /** Eye level: the lens at the subject's eye height, level. */
    EYE,
    /** High angle: above the subject looking down (about 25 degrees). */
    HIGH,
    /** Low angle: below the subject looking up (about 20 degrees). */
    LOW,
    /** Overhead, bird's eye: steeply down (65 degrees in previs, where figures are upright cards). */
    OVERHEAD,
    /** Ground level, worm's eye: the lens near the floor looking up. */
    GROUND,
    /** Dutch: the horizon rolled 15 degrees. */
    DUTCH;

    /** @return the film.yaml code */
    public String code() {
        return Codes.of(this);
    }

    /** @return the angle for a code, or null when unknown */
    public static CameraAngle parse(String code) {
        return Codes.parse(CameraAngle.class, code);
    }

    /** @return every code */
    public static List<String> codes() {
        return Codes.all(CameraAngle.class);
    }
}
