package org.cinestack.film;

import java.util.List;

/**
 * Named lighting setups. Each sets where the key sits relative to the camera-subject axis and the fill ratio; see
 * {@code plan.Lighting} for the numbers.
 */
public enum LightSetup {
    /** Key 45 degrees to the side and 40 up: a triangle of light on the shadow cheek. Fill low. */
    REMBRANDT,
    /** Key in front and high, above the lens: a butterfly shadow under the nose. */
    BUTTERFLY,
    /** Key at 90 degrees: half the face lit, half dark. */
    SPLIT,
    /** Key 30 degrees to the side, a little above eye level: the common portrait setup. */
    LOOP,
    /** A strong back light outlining the subject, little front light. */
    RIM,
    /** Little fill, deep shadows, dark ambience. */
    LOW_KEY,
    /** Bright, soft, little contrast. */
    HIGH_KEY,
    /** Subject dark against a bright background. */
    SILHOUETTE;

    /** @return the film.yaml code, for example {@code low-key} */
    public String code() {
        return Codes.of(this);
    }

    /** @return the setup for a code, or null when unknown */
    public static LightSetup parse(String code) {
        return Codes.parse(LightSetup.class, code);
    }

    /** @return every code */
    public static List<String> codes() {
        return Codes.all(LightSetup.class);
    }
}
