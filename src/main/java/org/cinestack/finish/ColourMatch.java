package org.cinestack.finish;

/**
 * Matching a shot's colours to a reference shot or still (harmonisation), as a function of colour that the grade
 * bakes into its LUT.
 * <ul>
 *   <li>{@link #reinhard}: per-channel mean and standard deviation transfer in CIELAB (after E. Reinhard, M. Ashikhmin,
 *       B. Gooch, P. Shirley, "Color transfer between images", IEEE CG&amp;A 21(5), 2001, which used lαβ; here in
 *       CIELAB): {@code x' = (x - μs) σt / σs + μt} per channel.</li>
 *   <li>{@link #mkl}: the linear Monge-Kantorovitch mapping in RGB (F. Pitié, A. Kokaram, "The linear
 *       Monge-Kantorovitch linear colour mapping for example-based colour transfer", IET CVMP 2007, eq. 8):
 *       {@code x' = T (x - μs) + μt} with {@code T = Σs^-1/2 (Σs^1/2 Σt Σs^1/2)^1/2 Σs^-1/2}, the map of least
 *       mean squared displacement that gives the source the reference's covariance.</li>
 * </ul>
 */
public final class ColourMatch {
    /** A colour transform, applied in place to sRGB 0..1. */
    @FunctionalInterface
    public interface Transform {
        /** @param rgb sRGB 0..1, changed in place (may leave 0..1) */
        void apply(double[] rgb);

        /**
         * @param rgb sRGB pixels, {@code n * 3}, 0..1; not changed
         * @return a copy with this transform applied to every pixel, clamped to 0..1
         */
        default double[] applyAll(double[] rgb) {
            double[] out = rgb.clone(), c = new double[3];
            for (int i = 0; i < out.length; i += 3) {
                System.arraycopy(out, i, c, 0, 3);
                apply(c);
                for (int k = 0; k < 3; k++) out[i + k] = Math.clamp(c[k], 0.0, 1.0);
            }
            return out;
        }

        /**
         * @param size lattice points per axis, 2..256
         * @return this transform sampled into a 3D LUT over [0, 1]
         */
        default CubeLut toLut(int size) {
            float[] v = new float[size * size * size * 3];
            double[] c = new double[3];
            int i = 0;
            for (int b = 0; b < size; b++) {
                for (int g = 0; g < size; g++) {
                    for (int r = 0; r < size; r++) {
                        c[0] = r / (size - 1.0);
                        c[1] = g / (size - 1.0);
                        c[2] = b / (size - 1.0);
                        apply(c);
                        v[i++] = (float) c[0];
                        v[i++] = (float) c[1];
                        v[i++] = (float) c[2];
                    }
                }
            }
            return new CubeLut("", java.util.Optional.empty(), java.util.Optional.of(new CubeLut.Table3D(size, v,
                new double[] {0, 0, 0}, new double[] {1, 1, 1})));
        }
    }

    /**
     * Colour statistics of a set of pixels.
     *
     * @param mean       per channel
     * @param covariance 3x3, row major (population covariance)
     */
    public record Stats(double[] mean, double[] covariance) {
        /** @return the standard deviation of channel c */
        public double std(int c) {
            return Math.sqrt(covariance[c * 4]);
        }

        /**
         * @param pixels {@code n * 3} values
         * @return their mean and covariance
         */
        public static Stats of(double[] pixels) {
            int n = pixels.length / 3;
            double[] m = new double[3];
            for (int i = 0; i < n * 3; i += 3) for (int c = 0; c < 3; c++) m[c] += pixels[i + c];
            for (int c = 0; c < 3; c++) m[c] /= n;
            double[] cov = new double[9];
            for (int i = 0; i < n * 3; i += 3) {
                for (int r = 0; r < 3; r++) {
                    double dr = pixels[i + r] - m[r];
                    for (int c = r; c < 3; c++) cov[r * 3 + c] += dr * (pixels[i + c] - m[c]);
                }
            }
            for (int r = 0; r < 3; r++) {
                for (int c = r; c < 3; c++) {
                    cov[r * 3 + c] /= n;
                    cov[c * 3 + r] = cov[r * 3 + c];
                }
            }
            return new Stats(m, cov);
        }
    }

    private ColourMatch() {
    }

    /** @return a copy of sRGB pixels ({@code n * 3}, 0..1) in CIELAB */
    public static double[] lab(double[] rgb) {
        double[] out = rgb.clone();
        double[] px = new double[3];
        for (int i = 0; i < out.length; i += 3) {
            System.arraycopy(out, i, px, 0, 3);
            Cielab.toLab(px);
            System.arraycopy(px, 0, out, i, 3);
        }
        return out;
    }

    /**
     * Reinhard transfer in CIELAB.
     *
     * @param source    the shot's pixels, sRGB 0..1, {@code n * 3}
     * @param reference the reference's pixels, sRGB 0..1
     * @return the transform (sRGB in, sRGB out)
     */
    public static Transform reinhard(double[] source, double[] reference) {
        Stats s = Stats.of(lab(source)), t = Stats.of(lab(reference));
        double[] gain = new double[3], offset = new double[3];
        for (int c = 0; c < 3; c++) {
            gain[c] = s.std(c) > 1e-9 ? t.std(c) / s.std(c) : 1;
            offset[c] = t.mean()[c] - gain[c] * s.mean()[c];
        }
        return rgb -> {
            Cielab.toLab(rgb);
            for (int c = 0; c < 3; c++) rgb[c] = gain[c] * rgb[c] + offset[c];
            Cielab.fromLab(rgb);
        };
    }

    /**
     * The Monge-Kantorovitch linear transfer in RGB.
     *
     * @param source    the shot's pixels, sRGB 0..1, {@code n * 3}
     * @param reference the reference's pixels
     * @return the transform
     */
    public static Transform mkl(double[] source, double[] reference) {
        Stats s = Stats.of(source), t = Stats.of(reference);
        double[] t3 = mklMatrix(s.covariance(), t.covariance());
        double[] ms = s.mean(), mt = t.mean();
        return rgb -> {
            double r = rgb[0] - ms[0], g = rgb[1] - ms[1], b = rgb[2] - ms[2];
            for (int c = 0; c < 3; c++) rgb[c] = t3[c * 3] * r + t3[c * 3 + 1] * g + t3[c * 3 + 2] * b + mt[c];
        };
    }

    /**
     * @param a source covariance, 3x3 symmetric positive semi-definite
     * @param b reference covariance
     * @return {@code T = A^-1/2 (A^1/2 B A^1/2)^1/2 A^-1/2}; eigenvalues of A under 1e-12 of its largest are
     *         regularised so a flat shot does not blow up
     */
    static double[] mklMatrix(double[] a, double[] b) {
        double[][] ea = Sym3.eigen(a);
        double floor = Math.max(1e-12, 1e-8 * Math.max(ea[0][0], Math.max(ea[0][1], ea[0][2])));
        double[] aHalf = Sym3.compose(ea, v -> Math.sqrt(Math.max(v, floor)));
        double[] aInvHalf = Sym3.compose(ea, v -> 1 / Math.sqrt(Math.max(v, floor)));
        double[] c = Sym3.mul(Sym3.mul(aHalf, b), aHalf);
        double[] cHalf = Sym3.compose(Sym3.eigen(c), v -> Math.sqrt(Math.max(v, 0)));
        return Sym3.mul(Sym3.mul(aInvHalf, cHalf), aInvHalf);
    }

    /** 3x3 symmetric matrices, row major: Jacobi eigen-decomposition and functions of a matrix. */
    static final class Sym3 {
        private Sym3() {
        }

        /** @return {eigenvalues[3], eigenvectors as columns (row major 3x3)} by cyclic Jacobi rotations */
        static double[][] eigen(double[] m) {
            double[] a = m.clone();
            double[] v = {1, 0, 0, 0, 1, 0, 0, 0, 1};
            for (int sweep = 0; sweep < 50; sweep++) {
                double off = a[1] * a[1] + a[2] * a[2] + a[5] * a[5];
                if (off < 1e-30) break;
                for (int p = 0; p < 2; p++) {
                    for (int q = p + 1; q < 3; q++) {
                        double apq = a[p * 3 + q];
                        if (Math.abs(apq) < 1e-300) continue;
                        double theta = (a[q * 3 + q] - a[p * 3 + p]) / (2 * apq);
                        double tt = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                        if (theta == 0) tt = 1;
                        double cs = 1 / Math.sqrt(tt * tt + 1), sn = tt * cs;
                        for (int k = 0; k < 3; k++) { // A = J^T A J
                            double akp = a[k * 3 + p], akq = a[k * 3 + q];
                            a[k * 3 + p] = cs * akp - sn * akq;
                            a[k * 3 + q] = sn * akp + cs * akq;
                        }
                        for (int k = 0; k < 3; k++) {
                            double apk = a[p * 3 + k], aqk = a[q * 3 + k];
                            a[p * 3 + k] = cs * apk - sn * aqk;
                            a[q * 3 + k] = sn * apk + cs * aqk;
                        }
                        for (int k = 0; k < 3; k++) {
                            double vkp = v[k * 3 + p], vkq = v[k * 3 + q];
                            v[k * 3 + p] = cs * vkp - sn * vkq;
                            v[k * 3 + q] = sn * vkp + cs * vkq;
                        }
                    }
                }
            }
            return new double[][] {{a[0], a[4], a[8]}, v};
        }

        /** @return V f(Λ) V^T */
        static double[] compose(double[][] eig, java.util.function.DoubleUnaryOperator f) {
            double[] l = eig[0], v = eig[1], out = new double[9];
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    double s = 0;
                    for (int k = 0; k < 3; k++) s += v[r * 3 + k] * f.applyAsDouble(l[k]) * v[c * 3 + k];
                    out[r * 3 + c] = s;
                }
            }
            return out;
        }

        static double[] mul(double[] x, double[] y) {
            double[] out = new double[9];
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    out[r * 3 + c] = x[r * 3] * y[c] + x[r * 3 + 1] * y[3 + c] + x[r * 3 + 2] * y[6 + c];
                }
            }
            return out;
        }
    }
}
