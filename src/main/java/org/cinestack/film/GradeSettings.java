package org.cinestack.film;

import java.util.List;

/**
 * The film's grade as written in film.yaml's {@code look}: a preset look or a {@code .cube} file, exposure, soft
 * contrast and how much skin keeps its hue under the look. Applied to every shot, in the colourist's order
 * (exposure, contrast, skin, look), as one 3D LUT.
 *
 * @param preset         a preset code ({@link #PRESETS}), or empty for none
 * @param lut            a .cube file relative to the film's folder, or empty for none (applied after the preset)
 * @param exposureStops  -4..4
 * @param contrast       0..1
 * @param skinProtection 0..1
 */
public record GradeSettings(String preset, String lut, double exposureStops, double contrast, double skinProtection) {
    /** The preset looks film.yaml can name. */
    public static final List<String> PRESETS = List.of("teal-orange", "warm-noir", "cool-documentary",
        "bleach-bypass");

    /** No grade. */
    public static final GradeSettings NONE = new GradeSettings("", "", 0, 0, 0.7);

    /** @return true when this grade changes nothing */
    public boolean isNone() {
        return preset.isEmpty() && lut.isEmpty() && exposureStops == 0 && contrast == 0;
    }
}
