package org.cinestack.finish;

/**
 * sRGB to CIELAB and back, D65 white. sRGB transfer and primaries after IEC 61966-2-1:1999 (the 0.04045 / 12.92 /
 * 2.4 curve; the RGB-XYZ matrix from the primaries and D65); CIELAB after CIE 15:2004 section 8.2.1 (the 216/24389
 * and 24389/27 constants of the CIE's exact rational form).
 */
public final class Cielab {
    private static final double XN = 0.95047, YN = 1.0, ZN = 1.08883;
    private static final double EPS = 216.0 / 24389.0, KAPPA = 24389.0 / 27.0;
    /** Linear sRGB to XYZ (IEC 61966-2-1 primaries, D65), row major. */
    private static final double[] M = {0.4124564, 0.3575761, 0.1804375, 0.2126729, 0.7151522, 0.0721750, 0.0193339,
        0.1191920, 0.9503041};
    /** Its exact inverse, so that Lab and back returns the colour to rounding. */
    private static final double[] M_INV = invert(M);

    private static double[] invert(double[] m) {
        double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
        double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
        return new double[] {(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det,
            (f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det,
            (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det};
    }

    private Cielab() {
    }

    /** @return linear light of an sRGB value 0..1 */
    public static double linear(double v) {
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    /** @return the sRGB value 0..1 of linear light (not clamped) */
    public static double encoded(double v) {
        return v <= 0.0031308 ? v * 12.92 : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
    }

    /**
     * @param rgb sRGB 0..1 in, Lab out (L 0..100), in place
     */
    public static void toLab(double[] rgb) {
        double r = linear(rgb[0]), g = linear(rgb[1]), b = linear(rgb[2]);
        double x = (M[0] * r + M[1] * g + M[2] * b) / XN;
        double y = (M[3] * r + M[4] * g + M[5] * b) / YN;
        double z = (M[6] * r + M[7] * g + M[8] * b) / ZN;
        double fx = f(x), fy = f(y), fz = f(z);
        rgb[0] = 116 * fy - 16;
        rgb[1] = 500 * (fx - fy);
        rgb[2] = 200 * (fy - fz);
    }

    /**
     * @param lab Lab in, sRGB 0..1 out (not clamped: colours outside the gamut come out below 0 or above 1), in place
     */
    public static void fromLab(double[] lab) {
        double fy = (lab[0] + 16) / 116, fx = fy + lab[1] / 500, fz = fy - lab[2] / 200;
        double x = finv(fx) * XN, y = (lab[0] > KAPPA * EPS ? fy * fy * fy : lab[0] / KAPPA) * YN, z = finv(fz) * ZN;
        double r = M_INV[0] * x + M_INV[1] * y + M_INV[2] * z;
        double g = M_INV[3] * x + M_INV[4] * y + M_INV[5] * z;
        double b = M_INV[6] * x + M_INV[7] * y + M_INV[8] * z;
        lab[0] = encoded(r);
        lab[1] = encoded(g);
        lab[2] = encoded(b);
    }

    private static double f(double t) {
        return t > EPS ? Math.cbrt(t) : (KAPPA * t + 16) / 116;
    }

    private static double finv(double f) {
        double f3 = f * f * f;
        return f3 > EPS ? f3 : (116 * f - 16) / KAPPA;
    }
}
