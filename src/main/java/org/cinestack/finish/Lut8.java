package org.cinestack.finish;

/**
 * A 3D table prepared for 8-bit pictures: tetrahedral interpolation in integers, the three output channels of a
 * lattice point packed into one {@code long} so that the four corners of a tetrahedron cost four loads and four
 * multiplications for all three channels together.
 * <p>
 * Layout: each lattice colour is stored as three 21-bit lanes (red in bits 0-20, green 21-41, blue 42-62) holding
 * {@code round(value * 255 * 32)}, 0..8160; the barycentric weights are integers 0..256 summing to 256, so a lane's
 * weighted sum stays below 8160 * 256 + 4096 &lt; 2^21 and never carries into its neighbour. The output code is
 * {@code lane >> 13} after adding half a code (4096). Fractions are kept to 1/256 of a lattice cell. Against the double
 * path ({@link CubeLut.Table3D#apply}) the error is below 0.1 code value before rounding, so results agree within one
 * code (tested). Interpolation: Kasson et al. 1995, as in {@link CubeLut}.
 * <p>
 * Only 3D tables without a shaper whose values all lie in [0, 1] take this path: clamping a corner before
 * interpolating is not the same as clamping the result, so other LUTs go through {@link CubeLut#apply(double[])} per
 * pixel (exact, slower). Either way the pixels are split in bands over the cores.
 */
public final class Lut8 {
    private static final int LANE = 21;
    private static final long HALF = 4096L | 4096L << LANE | 4096L << 2 * LANE;
    private final CubeLut source;
    private final long[] lattice;
    private final int far;
    /** The tables for pixels stored r g b, and for b g r. */
    private final Order rgb, bgr;

    /**
     * The tables for one byte order, by a pixel's byte position (0, 1, 2) rather than by colour, so the loop reads
     * fixed positions: per position and input code the lattice offset of the cell's low corner and the fraction
     * (0..256, separate tables: unpacking one packed entry cost more than a second load), per tetrahedron the offsets
     * of its second and third corners, and per position the shift that brings its output lane down.
     */
    private record Order(int[] off0, int[] off1, int[] off2, int[] frac0, int[] frac1, int[] frac2, int[] step1,
                         int[] step2, int shift0, int shift1, int shift2) {
    }

    private Lut8(CubeLut lut) {
        source = lut;
        if (!packable(lut)) {
            lattice = null;
            far = 0;
            rgb = bgr = null;
            return;
        }
        CubeLut.Table3D t = lut.cube().orElseThrow();
        int size = t.size(), n = size - 1;
        float[] v = t.values();
        lattice = new long[size * size * size];
        for (int i = 0; i < lattice.length; i++) {
            lattice[i] = lane(v[i * 3]) | lane(v[i * 3 + 1]) << LANE | lane(v[i * 3 + 2]) << 2 * LANE;
        }
        int[] stride = {1, size, size * size};
        int[][] offsets = new int[3][256], fractions = new int[3][256];
        for (int c = 0; c < 3; c++) {
            for (int code = 0; code < 256; code++) {
                double x = (code / 255.0 - t.min()[c]) / (t.max()[c] - t.min()[c]) * n;
                x = x > 0 ? (x < n ? x : n) : 0;
                int i = Math.min((int) x, n - 1);
                offsets[c][code] = i * stride[c];
                fractions[c][code] = (int) Math.round((x - i) * 256);
            }
        }
        far = stride[0] + stride[1] + stride[2];
        rgb = order(new int[] {0, 1, 2}, stride, offsets, fractions);
        bgr = order(new int[] {2, 1, 0}, stride, offsets, fractions);
    }

    /** @param channel the colour (0 red, 1 green, 2 blue) at each byte position */
    private static Order order(int[] channel, int[] stride, int[][] offsets, int[][] fractions) {
        int[] step1 = new int[8], step2 = new int[8];
        for (int k = 0; k < 8; k++) { // the tetrahedra over byte positions: position p walks colour channel[p]
            int[] o = tetrahedron(k);
            step1[k] = stride[channel[o[0]]];
            step2[k] = stride[channel[o[0]]] + stride[channel[o[1]]];
        }
        return new Order(offsets[channel[0]], offsets[channel[1]], offsets[channel[2]], fractions[channel[0]],
            fractions[channel[1]], fractions[channel[2]], step1, step2, 13 + channel[0] * LANE,
            13 + channel[1] * LANE, 13 + channel[2] * LANE);
    }

    private static long lane(float v) {
        return Math.round(v * 255.0 * 32.0);
    }

    private static boolean packable(CubeLut lut) {
        if (lut.shaper().isPresent() || lut.cube().isEmpty()) return false;
        long size = lut.cube().get().size();
        if ((size - 1) * size * size >= 1 << 22) return false; // cell offsets must fit beside the fraction's 9 bits
        for (float v : lut.cube().get().values()) {
            if (!(v >= 0 && v <= 1)) return false;
        }
        return true;
    }

    /**
     * Prepares a LUT for 8-bit pictures; do it once and apply it to every frame.
     *
     * @param lut any LUT
     * @return the prepared LUT
     */
    public static Lut8 of(CubeLut lut) {
        return new Lut8(lut);
    }

    /** @return true when the integer path is used (a 3D table in [0, 1], no shaper) */
    public boolean packed() {
        return lattice != null;
    }

    /**
     * Applies the LUT to BGR24 pixels in place, in bands over the cores.
     *
     * @param bgr    packed b g r bytes
     * @param pixels pixels to do, from the start
     */
    public void applyBgr24(byte[] bgr, int pixels) {
        applyParallel(bgr, pixels, 2);
    }

    /**
     * Applies the LUT to RGB24 pixels in place, in bands over the cores.
     *
     * @param rgb    packed r g b bytes
     * @param pixels pixels to do, from the start
     */
    public void applyRgb24(byte[] rgb, int pixels) {
        applyParallel(rgb, pixels, 0);
    }

    private void applyParallel(byte[] px, int pixels, int red) {
        Bands.run(pixels, 65536, 64, (from, to) -> apply(px, from * 3, px, from * 3, to - from, red));
    }

    /**
     * The axes in decreasing order of their fractions, for each outcome of the three comparisons r &gt; g (bit 0),
     * g &gt; b (bit 1), r &gt; b (bit 2); the impossible outcomes (a cycle) map to any order, since they cannot occur.
     *
     * @param k the comparisons' bits, 0..7
     * @return three axis numbers (0 red, 1 green, 2 blue), largest fraction first
     */
    static int[] tetrahedron(int k) {
        boolean rg = (k & 1) != 0, gb = (k & 2) != 0, rb = (k & 4) != 0;
        if (rg && gb) return new int[] {0, 1, 2};       // r > g > b
        if (rg && rb) return new int[] {0, 2, 1};       // r > b >= g
        if (rg) return new int[] {2, 0, 1};             // b >= r > g
        if (gb && rb) return new int[] {1, 0, 2};       // g >= r > b
        if (gb) return new int[] {1, 2, 0};             // g > b >= r
        return new int[] {2, 1, 0};                     // b >= g >= r
    }

    /**
     * Looks up {@code pixels} pixels of {@code src} into {@code dst} (the same array and offset is allowed).
     *
     * @param src    packed 8-bit pixels, three bytes each
     * @param from   byte offset of the first pixel in {@code src}
     * @param dst    where the results go, same layout
     * @param to     byte offset of the first result in {@code dst}
     * @param pixels pixels to do
     * @param red    the red byte's place in a pixel: 0 for RGB, 2 for BGR (blue is the other end)
     */
    public void apply(byte[] src, int from, byte[] dst, int to, int pixels, int red) {
        int blue = 2 - red;
        if (lattice == null) {
            exact(src, from, dst, to, pixels, red, blue);
            return;
        }
        Order t = red == 0 ? rgb : bgr;
        long[] lut = lattice;
        int[] off0 = t.off0(), off1 = t.off1(), off2 = t.off2(), frac0 = t.frac0(), frac1 = t.frac1(),
            frac2 = t.frac2(), s1 = t.step1(), s2 = t.step2();
        int corner = far, sh0 = t.shift0(), sh1 = t.shift1(), sh2 = t.shift2();
        for (int p = 0, i = from, o = to; p < pixels; p++, i += 3, o += 3) {
            int v0 = src[i] & 0xff, v1 = src[i + 1] & 0xff, v2 = src[i + 2] & 0xff;
            long sum = corners(lut, s1, s2, corner, frac0[v0], frac1[v1], frac2[v2], off0[v0] + off1[v1] + off2[v2]);
            dst[o] = (byte) (sum >>> sh0);
            dst[o + 1] = (byte) (sum >>> sh1);
            dst[o + 2] = (byte) (sum >>> sh2);
        }
    }

    /**
     * Looks up two rows of a planar 4:2:0 picture (Y' plane, then Cb, then Cr, each without padding) into their place
     * in a planar 4:2:0 frame, for a table whose axes are Y', Cb and Cr ({@link YCbCr#compile}). Each 2x2 block
     * shares its chroma sample: each of the four luma samples is looked up with it, gives its own Y', and the block's
     * output Cb and Cr are the mean of the four results (rounded once, from the lanes' full precision).
     *
     * @param src  the picture, {@code w x h}, both even
     * @param w    picture width
     * @param h    picture height
     * @param row  the first of the two rows, even
     * @param dst  the frame, {@code fw x fh}, both even
     * @param fw   frame width
     * @param fh   frame height
     * @param x0   the picture's left column in the frame, even
     * @param y0   the picture's top row in the frame, even
     * @throws IllegalStateException when the table does not take the integer path ({@link #packed()})
     */
    public void applyYuv420(byte[] src, int w, int h, int row, byte[] dst, int fw, int fh, int x0, int y0) {
        if (lattice == null) throw new IllegalStateException("a Y'CbCr table must take the integer path");
        Order t = rgb;
        long[] lut = lattice;
        int[] off0 = t.off0(), off1 = t.off1(), off2 = t.off2(), frac0 = t.frac0(), frac1 = t.frac1(),
            frac2 = t.frac2(), s1 = t.step1(), s2 = t.step2();
        int corner = far;
        int cw = w / 2, srcCb = w * h + row / 2 * cw, srcCr = srcCb + cw * (h / 2);
        int fcw = fw / 2, dstCb = fw * fh + (y0 + row) / 2 * fcw + x0 / 2, dstCr = dstCb + fcw * (fh / 2);
        int srcY = row * w, dstY = (y0 + row) * fw + x0;
        for (int cx = 0, x = 0; cx < cw; cx++, x += 2) {
            int u = src[srcCb + cx] & 0xff, v = src[srcCr + cx] & 0xff;
            int f1 = frac1[u], f2 = frac2[v], base = off1[u] + off2[v];
            int l0 = src[srcY + x] & 0xff, l1 = src[srcY + x + 1] & 0xff, l2 = src[srcY + w + x] & 0xff,
                l3 = src[srcY + w + x + 1] & 0xff;
            long a = corners(lut, s1, s2, corner, frac0[l0], f1, f2, off0[l0] + base);
            long b = corners(lut, s1, s2, corner, frac0[l1], f1, f2, off0[l1] + base);
            long c = corners(lut, s1, s2, corner, frac0[l2], f1, f2, off0[l2] + base);
            long d = corners(lut, s1, s2, corner, frac0[l3], f1, f2, off0[l3] + base);
            dst[dstY + x] = (byte) (a >>> 13);
            dst[dstY + x + 1] = (byte) (b >>> 13);
            dst[dstY + fw + x] = (byte) (c >>> 13);
            dst[dstY + fw + x + 1] = (byte) (d >>> 13);
            // the lanes of the four sums, each code * 8192 + 4096: their total over 32768 is the mean, rounded
            long cb = (a >>> LANE & 0x1FFFFF) + (b >>> LANE & 0x1FFFFF) + (c >>> LANE & 0x1FFFFF)
                + (d >>> LANE & 0x1FFFFF);
            long cr = (a >>> 2 * LANE) + (b >>> 2 * LANE) + (c >>> 2 * LANE) + (d >>> 2 * LANE);
            dst[dstCb + cx] = (byte) (cb >>> 15);
            dst[dstCr + cx] = (byte) (cr >>> 15);
        }
    }

    /**
     * One colour's tetrahedral sum: the four corners' packed lanes weighted by integers summing to 256, with half a
     * code added, chosen without branches (noisy pictures would mispredict them): comparisons and min/max from sign
     * bits.
     *
     * @param f0    fraction along the first axis, 0..256
     * @param f1    along the second
     * @param f2    along the third
     * @param c000  the cell's low corner in the lattice
     */
    private static long corners(long[] lut, int[] s1, int[] s2, int corner, int f0, int f1, int f2, int c000) {
        int d01 = f0 - f1, d12 = f1 - f2, d02 = f0 - f2;
        int k = (-d01 >>> 31) | (-d12 >>> 31) << 1 | (-d02 >>> 31) << 2;
        int max01 = f0 - (d01 & d01 >> 31), min01 = f1 + (d01 & d01 >> 31);
        int dh = max01 - f2, dl = min01 - f2;
        int hi = max01 - (dh & dh >> 31), lo = f2 + (dl & dl >> 31), mid = f0 + f1 + f2 - hi - lo;
        return (256 - hi) * lut[c000] + (hi - mid) * lut[c000 + s1[k]] + (mid - lo) * lut[c000 + s2[k]]
            + lo * lut[c000 + corner] + HALF;
    }

    private void exact(byte[] src, int from, byte[] dst, int to, int pixels, int red, int blue) {
        double[] px = new double[3];
        for (int p = 0, i = from, o = to; p < pixels; p++, i += 3, o += 3) {
            px[0] = (src[i + red] & 0xff) / 255.0;
            px[1] = (src[i + 1] & 0xff) / 255.0;
            px[2] = (src[i + blue] & 0xff) / 255.0;
            source.apply(px);
            dst[o + red] = code(px[0]);
            dst[o + 1] = code(px[1]);
            dst[o + blue] = code(px[2]);
        }
    }

    /** @return a 0..1 value as the nearest 8-bit code, clamped */
    static byte code(double v01) {
        double v = v01 * 255 + 0.5;
        return (byte) (v >= 255 ? 255 : v > 0 ? (int) v : 0);
    }
}
