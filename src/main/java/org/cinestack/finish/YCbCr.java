package org.cinestack.finish;

import java.util.Optional;

/**
 * Y'CbCr matrices in 8-bit limited ("video") range, as H.264 and ProRes carry pictures: Y' codes 16..235, Cb and Cr
 * codes 16..240 with 128 for no colour.
 * <p>
 * Formulas: {@code Y' = Kr R' + (1 - Kr - Kb) G' + Kb B'}, {@code Cb = (B' - Y') / (2 (1 - Kb))},
 * {@code Cr = (R' - Y') / (2 (1 - Kr))} for R'G'B' in 0..1; codes {@code 16 + 219 Y'} and {@code 128 + 224 C}
 * (ITU-R BT.601-7 section 2.5, ITU-R BT.709-6 items 3.2-3.5). BT.601 is swscale's default in both directions, so it is
 * what every untagged file FFmpeg's converter made holds, Cinestack's takes included.
 */
public enum YCbCr {
    /** ITU-R BT.601 (Kr 0.299, Kb 0.114); tagged {@code smpte170m}. */
    BT601(0.299, 0.114, "smpte170m"),
    /** ITU-R BT.709 (Kr 0.2126, Kb 0.0722); tagged {@code bt709}. */
    BT709(0.2126, 0.0722, "bt709");

    /** The lattice's domain in codes: Y' 16..235, Cb and Cr 16..240. */
    private static final double[] MIN = {16 / 255.0, 16 / 255.0, 16 / 255.0};
    private static final double[] MAX = {235 / 255.0, 240 / 255.0, 240 / 255.0};

    private final double kr, kb, kg;
    private final String tag;

    YCbCr(double kr, double kb, String tag) {
        this.kr = kr;
        this.kb = kb;
        this.kg = 1 - kr - kb;
        this.tag = tag;
    }

    /** @return FFmpeg's name of the matrix, for the {@code colorspace} tag of a stream */
    public String tag() {
        return tag;
    }

    /**
     * @param avColorspace a stream's {@code AVColorSpace} (FFmpeg's numbering, as in its {@code colorspace} field)
     * @return the matrix it names: BT.709 for 1, BT.601 for 5 and 6, and BT.601 for unspecified or anything else,
     *     since that is what FFmpeg's converter assumes for an untagged stream
     */
    public static YCbCr of(int avColorspace) {
        return avColorspace == 1 ? BT709 : BT601;
    }

    /**
     * @param y   Y' code, 0..255 (16..235 legal)
     * @param cb  Cb code, 0..255 (16..240 legal)
     * @param cr  Cr code
     * @param rgb receives R'G'B' in 0..1, not clamped (codes outside the legal ranges and colours outside the RGB
     *            cube give values outside 0..1)
     */
    public void toRgb(double y, double cb, double cr, double[] rgb) {
        double l = (y - 16) / 219, u = (cb - 128) / 224, v = (cr - 128) / 224;
        rgb[0] = l + 2 * (1 - kr) * v;
        rgb[2] = l + 2 * (1 - kb) * u;
        rgb[1] = (l - kr * rgb[0] - kb * rgb[2]) / kg;
    }

    /**
     * @param rgb R'G'B' in 0..1
     * @param ycc receives the Y', Cb and Cr codes, unrounded (16..235 and 16..240 for colours in the cube)
     */
    public void fromRgb(double[] rgb, double[] ycc) {
        double l = kr * rgb[0] + kg * rgb[1] + kb * rgb[2];
        ycc[0] = 16 + 219 * l;
        ycc[1] = 128 + 224 * (rgb[2] - l) / (2 * (1 - kb));
        ycc[2] = 128 + 224 * (rgb[0] - l) / (2 * (1 - kr));
    }

    /**
     * Compiles a grade made for R'G'B' into a 3D table that takes Y'CbCr in this matrix straight to Y'CbCr in
     * {@code out}'s, so a picture can be graded in the video's own samples without converting it to RGB and back.
     * <p>
     * Axes: the table's first ("red") axis is Y', its second Cb and its third Cr, each as code / 255 over the legal
     * range (Y' 16..235, Cb and Cr 16..240); outside it a sample is clamped to the range's end. Each lattice point is
     * converted to R'G'B', clamped to the cube (a decoder clamps the same way), graded, clamped, and converted to
     * {@code out}'s Y'CbCr. Lattice points outside the RGB cube make interpolation near the cube's edges depart from
     * grading each pixel in RGB; how far is measured in YCbCrTest.
     *
     * @param grade the grade over R'G'B' in 0..1, or empty for none (the table then converts between the matrices)
     * @param out   the matrix of the output
     * @param size  lattice points per axis, 2..161
     * @return the table; its values lie in [16/255, 240/255], so it takes {@link Lut8}'s integer path
     */
    public CubeLut compile(Optional<CubeLut> grade, YCbCr out, int size) {
        float[] v = new float[size * size * size * 3];
        double[] rgb = new double[3], ycc = new double[3];
        int n = size - 1, i = 0;
        for (int c2 = 0; c2 < size; c2++) {
            for (int c1 = 0; c1 < size; c1++) {
                for (int c0 = 0; c0 < size; c0++) {
                    toRgb(255 * (MIN[0] + (MAX[0] - MIN[0]) * c0 / n), 255 * (MIN[1] + (MAX[1] - MIN[1]) * c1 / n),
                        255 * (MIN[2] + (MAX[2] - MIN[2]) * c2 / n), rgb);
                    clamp(rgb);
                    if (grade.isPresent()) {
                        grade.get().apply(rgb);
                        clamp(rgb);
                    }
                    out.fromRgb(rgb, ycc);
                    for (int c = 0; c < 3; c++) v[i++] = (float) (ycc[c] / 255);
                }
            }
        }
        return new CubeLut(grade.map(CubeLut::title).orElse("none") + " in " + this + " to " + out, Optional.empty(),
            Optional.of(new CubeLut.Table3D(size, v, MIN.clone(), MAX.clone())));
    }

    /**
     * Converts a BGR24 picture to planar Y'CbCr 4:2:0 in this matrix: Y' per pixel, Cb and Cr from the mean of each
     * 2x2 block's R'G'B' (a box filter, chroma sited between the four), each rounded to the nearest code.
     *
     * @param bgr packed b g r bytes, {@code w x h}
     * @param w   width, even
     * @param h   height, even
     * @return Y' plane, then Cb, then Cr, {@code w * h * 3 / 2} bytes
     */
    public byte[] fromBgr24(byte[] bgr, int w, int h) {
        byte[] out = new byte[w * h * 3 / 2];
        double[] rgb = new double[3], mean = new double[3], ycc = new double[3];
        int cw = w / 2, cb = w * h, cr = cb + cw * (h / 2);
        for (int cy = 0; cy < h / 2; cy++) {
            for (int cx = 0; cx < cw; cx++) {
                java.util.Arrays.fill(mean, 0);
                for (int q = 0; q < 4; q++) {
                    int x = 2 * cx + (q & 1), y = 2 * cy + (q >> 1), i = (y * w + x) * 3;
                    for (int c = 0; c < 3; c++) rgb[c] = (bgr[i + 2 - c] & 0xff) / 255.0;
                    fromRgb(rgb, ycc);
                    out[y * w + x] = (byte) Math.round(ycc[0]);
                    for (int c = 0; c < 3; c++) mean[c] += rgb[c] / 4;
                }
                fromRgb(mean, ycc);
                out[cb + cy * cw + cx] = (byte) Math.round(ycc[1]);
                out[cr + cy * cw + cx] = (byte) Math.round(ycc[2]);
            }
        }
        return out;
    }

    /**
     * Converts planar Y'CbCr 4:2:0 in this matrix to BGR24, each pixel with its block's chroma sample (no
     * interpolation), clamped to the cube and rounded.
     *
     * @param yuv Y' plane, then Cb, then Cr
     * @param w   width, even
     * @param h   height, even
     * @return packed b g r bytes
     */
    public byte[] toBgr24(byte[] yuv, int w, int h) {
        byte[] out = new byte[w * h * 3];
        double[] rgb = new double[3];
        int cw = w / 2, cb = w * h, cr = cb + cw * (h / 2);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = (y / 2) * cw + x / 2;
                toRgb(yuv[y * w + x] & 0xff, yuv[cb + c] & 0xff, yuv[cr + c] & 0xff, rgb);
                for (int k = 0; k < 3; k++) out[(y * w + x) * 3 + 2 - k] = Lut8.code(rgb[k]);
            }
        }
        return out;
    }

    private static void clamp(double[] rgb) {
        for (int c = 0; c < 3; c++) rgb[c] = rgb[c] < 0 ? 0 : rgb[c] > 1 ? 1 : rgb[c];
    }
}
