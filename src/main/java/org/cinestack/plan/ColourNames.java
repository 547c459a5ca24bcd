package org.cinestack.plan;

/**
 * Plain names for palette colours, so a prompt can say "slate blue" where the film says {@code #2f4858}: the nearest
 * of a small set of names in CIELAB (D65), by Euclidean distance (CIE76). Lab after CIE 15:2004 from sRGB
 * (IEC 61966-2-1).
 */
final class ColourNames {
    private static final Object[][] NAMES = {
        {"black", 0x101010}, {"charcoal", 0x36454f}, {"slate grey", 0x708090}, {"grey", 0x808080},
        {"silver", 0xc0c0c0}, {"white", 0xf5f5f5}, {"bone", 0xe3dac9}, {"cream", 0xfffdd0}, {"beige", 0xd8c8a8},
        {"sand", 0xc2b280}, {"tan", 0xd2b48c}, {"brown", 0x6f4e37}, {"chocolate", 0x3f2a1e}, {"rust", 0xb7410e},
        {"terracotta", 0xe2725b}, {"burnt orange", 0xcc5500}, {"orange", 0xff8c00}, {"amber", 0xffbf00},
        {"mustard", 0xc9a227}, {"ochre", 0xcc7722}, {"gold", 0xd4af37}, {"yellow", 0xffd700}, {"olive", 0x708238},
        {"moss green", 0x8a9a5b}, {"sage", 0x9caf88}, {"forest green", 0x228b22}, {"bottle green", 0x006a4e},
        {"emerald", 0x50c878}, {"teal", 0x008080}, {"turquoise", 0x40e0d0}, {"petrol blue", 0x1f4e5f},
        {"slate blue", 0x2f4858}, {"steel blue", 0x4682b4}, {"sky blue", 0x87ceeb}, {"navy", 0x1b2a4a},
        {"cobalt", 0x0047ab}, {"indigo", 0x3f2b6b}, {"violet", 0x7f4fc9}, {"lavender", 0xb7a8d8}, {"plum", 0x6e3b5b},
        {"magenta", 0xc2185b}, {"pink", 0xf4a7b9}, {"rose", 0xc97b84}, {"wine red", 0x8c2f39}, {"crimson", 0xc0182a},
        {"red", 0xd32f2f}, {"coral", 0xff7f50}, {"peach", 0xffcba4},
    };
    private static final double[][] LAB = new double[NAMES.length][];

    static {
        for (int i = 0; i < NAMES.length; i++) LAB[i] = lab((int) NAMES[i][1]);
    }

    private ColourNames() {
    }

    /** @return the name nearest to an 0xRRGGBB colour */
    static String nearest(int rgb) {
        double[] c = lab(rgb);
        int best = 0;
        double bestD = Double.MAX_VALUE;
        for (int i = 0; i < LAB.length; i++) {
            double dl = c[0] - LAB[i][0], da = c[1] - LAB[i][1], db = c[2] - LAB[i][2];
            double d = dl * dl + da * da + db * db;
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return (String) NAMES[best][0];
    }

    /** sRGB to CIELAB, D65 white. */
    static double[] lab(int rgb) {
        double r = lin((rgb >> 16) & 255), g = lin((rgb >> 8) & 255), b = lin(rgb & 255);
        double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        double fx = f(x), fy = f(y), fz = f(z);
        return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    private static double lin(int v) {
        double c = v / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static double f(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }
}
