package org.cinestack.finish;

/**
 * Colour differences in CIELAB.
 * <p>
 * CIEDE2000 (CIE 142-2001; ISO/CIE 11664-6:2014) as written out by G. Sharma, W. Wu and E. N. Dalal, "The CIEDE2000
 * color-difference formula: Implementation notes, supplementary test data, and mathematical observations", Color
 * Research and Application 30(1), 2005, equations (1)-(22). Hue angles are in degrees in [0, 360); where the two hues
 * are exactly 180 degrees apart the mean hue follows the paper's rule (eq. 14: add 360 when their sum is under 360,
 * else subtract), which gives the published 4.8045 for pair 14.
 */
public final class ColourDifference {
    private static final double POW25_7 = Math.pow(25, 7);

    private ColourDifference() {
    }

    /**
     * CIEDE2000 with the reference conditions kL = kC = kH = 1.
     *
     * @return ΔE00 between (L1, a1, b1) and (L2, a2, b2), both CIELAB (L 0..100)
     */
    public static double ciede2000(double l1, double a1, double b1, double l2, double a2, double b2) {
        return ciede2000(l1, a1, b1, l2, a2, b2, 1, 1, 1);
    }

    /**
     * CIEDE2000.
     *
     * @param kL lightness weight (1 for the reference conditions, 2 for textiles)
     * @param kC chroma weight
     * @param kH hue weight
     * @return ΔE00, 0 for equal colours
     */
    public static double ciede2000(double l1, double a1, double b1, double l2, double a2, double b2, double kL,
                                   double kC, double kH) {
        double c1 = Math.hypot(a1, b1), c2 = Math.hypot(a2, b2);
        double cBar = (c1 + c2) / 2;
        double cBar7 = Math.pow(cBar, 7);
        double g = 0.5 * (1 - Math.sqrt(cBar7 / (cBar7 + POW25_7)));                       // eq. 4
        double a1p = (1 + g) * a1, a2p = (1 + g) * a2;                                     // eq. 5
        double c1p = Math.hypot(a1p, b1), c2p = Math.hypot(a2p, b2);                       // eq. 6
        double h1p = hue(a1p, b1), h2p = hue(a2p, b2);                                     // eq. 7
        double dLp = l2 - l1;                                                              // eq. 8
        double dCp = c2p - c1p;                                                            // eq. 9
        double dhp;                                                                        // eq. 10
        if (c1p * c2p == 0) {
            dhp = 0;
        } else {
            dhp = h2p - h1p;
            if (dhp > 180) dhp -= 360;
            else if (dhp < -180) dhp += 360;
        }
        double dHp = 2 * Math.sqrt(c1p * c2p) * Math.sin(Math.toRadians(dhp / 2));         // eq. 11
        double lBarP = (l1 + l2) / 2;                                                      // eq. 12
        double cBarP = (c1p + c2p) / 2;                                                    // eq. 13
        double hBarP;                                                                      // eq. 14
        if (c1p * c2p == 0) {
            hBarP = h1p + h2p;
        } else if (Math.abs(h1p - h2p) <= 180) {
            hBarP = (h1p + h2p) / 2;
        } else if (h1p + h2p < 360) {
            hBarP = (h1p + h2p + 360) / 2;
        } else {
            hBarP = (h1p + h2p - 360) / 2;
        }
        double t = 1 - 0.17 * Math.cos(Math.toRadians(hBarP - 30)) + 0.24 * Math.cos(Math.toRadians(2 * hBarP))
            + 0.32 * Math.cos(Math.toRadians(3 * hBarP + 6)) - 0.20 * Math.cos(Math.toRadians(4 * hBarP - 63)); // 15
        double dTheta = 30 * Math.exp(-Math.pow((hBarP - 275) / 25, 2));                   // eq. 16
        double cBarP7 = Math.pow(cBarP, 7);
        double rc = 2 * Math.sqrt(cBarP7 / (cBarP7 + POW25_7));                            // eq. 17
        double l50 = (lBarP - 50) * (lBarP - 50);
        double sl = 1 + 0.015 * l50 / Math.sqrt(20 + l50);                                 // eq. 18
        double sc = 1 + 0.045 * cBarP;                                                     // eq. 19
        double sh = 1 + 0.015 * cBarP * t;                                                 // eq. 20
        double rt = -Math.sin(Math.toRadians(2 * dTheta)) * rc;                            // eq. 21
        double vl = dLp / (kL * sl), vc = dCp / (kC * sc), vh = dHp / (kH * sh);
        return Math.sqrt(vl * vl + vc * vc + vh * vh + rt * vc * vh);                      // eq. 22
    }

    /** @return the hue angle of (a, b) in degrees, [0, 360); 0 when a = b = 0 (Sharma et al., eq. 7) */
    private static double hue(double a, double b) {
        if (a == 0 && b == 0) return 0;
        double h = Math.toDegrees(Math.atan2(b, a));
        return h < 0 ? h + 360 : h;
    }
}
