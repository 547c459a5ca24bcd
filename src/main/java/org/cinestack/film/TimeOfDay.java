package org.cinestack.film;

/** Time of day of a scene, read from the last part of its heading ("EXT. PIER - DUSK"). */
public enum TimeOfDay {
    /** First light, cool and low. */
    DAWN,
    /** Full daylight. */
    DAY,
    /** The hour before sunset (or after sunrise): low warm sun. */
    GOLDEN_HOUR,
    /** After sunset: blue sky, dim warm horizon. */
    DUSK,
    /** Night: moonlight and practicals. */
    NIGHT
}
