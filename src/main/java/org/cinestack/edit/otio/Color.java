package org.cinestack.edit.otio;

import java.util.Locale;
import java.util.Map;

/**
 * A colour (OpenTimelineIO's Color.1), as a marker carries it: red, green, blue and alpha from 0 to 1, and a name.
 * Markers before schema version 3 (Marker.1, Marker.2) store only the name, one of OTIO's marker colours (PINK, RED,
 * ORANGE, YELLOW, GREEN, CYAN, BLUE, PURPLE, MAGENTA, BLACK, WHITE); {@link #named} gives those their OTIO values.
 *
 * @param r    red, 0..1
 * @param g    green, 0..1
 * @param b    blue, 0..1
 * @param a    alpha (opacity), 0..1
 * @param name the colour's name, for example {@code RED}; may be null or empty
 */
public record Color(double r, double g, double b, double a, String name) {
    private static final Map<String, double[]> NAMED = Map.ofEntries(
        Map.entry("PINK", new double[] {1, 0, 1}), Map.entry("RED", new double[] {1, 0, 0}),
        Map.entry("ORANGE", new double[] {1, 0.5, 0}), Map.entry("YELLOW", new double[] {1, 1, 0}),
        Map.entry("GREEN", new double[] {0, 1, 0}), Map.entry("CYAN", new double[] {0, 1, 1}),
        Map.entry("BLUE", new double[] {0, 0, 1}), Map.entry("PURPLE", new double[] {0.5, 0, 0.5}),
        Map.entry("MAGENTA", new double[] {1, 0, 1}), Map.entry("BLACK", new double[] {0, 0, 0}),
        Map.entry("WHITE", new double[] {1, 1, 1}));

    /**
     * @param name a colour name as markers before Marker.3 store it
     * @return the colour with that name: OTIO's values for its marker colours (any letter case), NaN components for
     *     any other name (the name alone is what such a marker holds)
     */
    public static Color named(String name) {
        double[] rgb = name == null ? null : NAMED.get(name.toUpperCase(Locale.ROOT));
        return rgb == null ? new Color(Double.NaN, Double.NaN, Double.NaN, Double.NaN, name)
            : new Color(rgb[0], rgb[1], rgb[2], 1, name);
    }
}
