package org.cinestack.plan;

import java.util.Locale;
import java.util.Map;

/** Colour helpers: colour words, hex colours, and black-body colour temperature. */
public final class Colors {
    private Colors() {
    }

    private static final Map<String, Integer> WORDS = Map.ofEntries(
        Map.entry("red", 0xA8262B), Map.entry("crimson", 0x9B1B30), Map.entry("scarlet", 0xC0282D),
        Map.entry("burgundy", 0x6D1A2A), Map.entry("maroon", 0x5E1E22), Map.entry("orange", 0xD0722A),
        Map.entry("rust", 0x9A4A25), Map.entry("yellow", 0xD8B43A), Map.entry("mustard", 0xB8912B),
        Map.entry("ochre", 0xB07A2B), Map.entry("gold", 0xC19A3B), Map.entry("green", 0x3E7A3F),
        Map.entry("olive", 0x6B6B32), Map.entry("khaki", 0x9C8E62), Map.entry("teal", 0x1F6F72),
        Map.entry("blue", 0x2B4E9B), Map.entry("navy", 0x1E2A4A), Map.entry("indigo", 0x34305E),
        Map.entry("purple", 0x5E3475), Map.entry("violet", 0x7050A0), Map.entry("pink", 0xD08A9E),
        Map.entry("brown", 0x5C3F2A), Map.entry("tan", 0xA88560), Map.entry("beige", 0xC8B596),
        Map.entry("cream", 0xE0D6BC), Map.entry("white", 0xE6E6E2), Map.entry("ivory", 0xE8E2CF),
        Map.entry("grey", 0x7A7C7E), Map.entry("gray", 0x7A7C7E), Map.entry("charcoal", 0x3A3C3E),
        Map.entry("black", 0x1C1C1E), Map.entry("silver", 0xA8ACB0), Map.entry("denim", 0x3C5A80),
        Map.entry("oilskin", 0xC9A227), Map.entry("camel", 0xB08A58));

    /**
     * @param text free text such as "faded yellow oilskin coat"
     * @return the colour of the first colour word in it as 0xRRGGBB, or -1 when there is none
     */
    public static int firstColorWord(String text) {
        for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            Integer c = WORDS.get(w);
            if (c != null) return c;
        }
        return -1;
    }

    /** @return {@code #rrggbb} parsed to 0xRRGGBB */
    public static int hex(String hex) {
        return Integer.parseInt(hex.substring(1), 16);
    }

    /**
     * Linear-light RGB of a black body at a colour temperature, normalised so that the white balance maps to white.
     * Uses Tanner Helland's fit to the CIE 1964 10-degree black-body locus (2012), valid 1000-40000 K, converted to
     * linear light with gamma 2.2.
     *
     * @param kelvin        colour temperature of the light
     * @param balanceKelvin white balance of the camera
     * @return {r, g, b}, linear, the largest component near 1
     */
    public static double[] kelvinToLinearRgb(double kelvin, double balanceKelvin) {
        double[] c = helland(kelvin);
        double[] w = helland(balanceKelvin);
        double r = c[0] / w[0], g = c[1] / w[1], b = c[2] / w[2];
        double m = Math.max(r, Math.max(g, b));
        return new double[] {r / m, g / m, b / m};
    }

    private static double[] helland(double kelvin) {
        double t = Math.clamp(kelvin, 1000, 40000) / 100;
        double r = t <= 66 ? 255 : 329.698727446 * StrictMath.pow(t - 60, -0.1332047592);
        double g = t <= 66 ? 99.4708025861 * StrictMath.log(t) - 161.1195681661
            : 288.1221695283 * StrictMath.pow(t - 60, -0.0755148492);
        double b = t >= 66 ? 255 : t <= 19 ? 0 : 138.5177312231 * StrictMath.log(t - 10) - 305.0447927307;
        return new double[] {lin(r), lin(g), lin(b)};
    }

    private static double lin(double v) {
        return StrictMath.pow(Math.clamp(v, 1, 255) / 255.0, 2.2);
    }
}
