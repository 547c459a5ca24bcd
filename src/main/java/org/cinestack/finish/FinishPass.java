package org.cinestack.finish;

import java.util.Optional;

/**
 * The finishing pass on one picture, fused: each row of the picture is graded through its LUT straight into its place
 * in the delivery frame (letterbox or pillarbox), and grained there while it is still in the cache, in bands of rows
 * over the cores. The same result as {@link Lut8#applyBgr24}, {@link Letterbox#place} and {@link Grain#apply} one
 * after the other, in one trip through memory.
 * <p>
 * Two forms: on BGR24 ({@link #apply}), and on the video's own planar Y'CbCr 4:2:0 ({@link #yuv420},
 * {@link #applyYuv420}), where the grade is compiled into a table from Y'CbCr to Y'CbCr ({@link YCbCr#compile}) and
 * the grain touches the Y' plane only, so a decoded take goes to the encoder with no conversion to RGB and back.
 */
public final class FinishPass {
    /**
     * Lattice points per axis of the Y'CbCr table. On 200,000 random R'G'B' colours (the whole cube, its saturated
     * edges included) against grading each pixel in RGB in double, 65 points keep 99.7 % of the results within one
     * code (99th percentile 1, largest 3), where 33 keep 96.5 % (largest 6); 65 points measured no slower.
     */
    static final int YUV_LATTICE = 65;
    private final Optional<Lut8> grade;
    private final Grain grain;
    private final int pw, ph, fw, fh, x0, y0;
    private final boolean yuv;

    /**
     * @param grade the grade's LUT, or empty for none
     * @param grain the grain (its {@link Grain#none} adds nothing)
     * @param pw    picture width
     * @param ph    picture height
     * @param fw    delivery frame width, &gt;= pw
     * @param fh    delivery frame height, &gt;= ph
     * @throws IllegalArgumentException when the picture is larger than the frame
     */
    public FinishPass(Optional<CubeLut> grade, Grain grain, int pw, int ph, int fw, int fh) {
        this(grade.map(Lut8::of), grain, pw, ph, fw, fh, false);
    }

    private FinishPass(Optional<Lut8> grade, Grain grain, int pw, int ph, int fw, int fh, boolean yuv) {
        if (pw > fw || ph > fh) throw new IllegalArgumentException(pw + "x" + ph + " does not fit in " + fw + "x" + fh);
        if (yuv && ((pw | ph | fw | fh) & 1) != 0) {
            throw new IllegalArgumentException("4:2:0 needs even sizes, not " + pw + "x" + ph + " in " + fw + "x" + fh);
        }
        this.grade = grade;
        this.grain = grain;
        this.pw = pw;
        this.ph = ph;
        this.fw = fw;
        this.fh = fh;
        this.yuv = yuv;
        int[] o = Letterbox.origin(pw, ph, fw, fh);
        x0 = yuv ? o[0] & ~1 : o[0]; // a 4:2:0 picture starts on a chroma sample: at most a pixel left or up
        y0 = yuv ? o[1] & ~1 : o[1];
    }

    /**
     * The pass on planar Y'CbCr 4:2:0 in limited range, for {@link #applyYuv420}.
     *
     * @param grade the grade over R'G'B' 0..1, or empty for none
     * @param in    the picture's matrix
     * @param out   the frame's matrix (the picture is converted when they differ)
     * @param grain the grain
     * @param pw    picture width, even
     * @param ph    picture height, even
     * @param fw    frame width, even, &gt;= pw
     * @param fh    frame height, even, &gt;= ph
     * @return the pass
     * @throws IllegalArgumentException when a size is odd or the picture is larger than the frame
     */
    public static FinishPass yuv420(Optional<CubeLut> grade, YCbCr in, YCbCr out, Grain grain, int pw, int ph,
                                    int fw, int fh) {
        Optional<Lut8> table = grade.isEmpty() && in == out ? Optional.empty()
            : Optional.of(Lut8.of(in.compile(grade, out, YUV_LATTICE)));
        return new FinishPass(table, grain, pw, ph, fw, fh, true);
    }

    /**
     * @param fw frame width, even
     * @param fh frame height, even
     * @return a black planar Y'CbCr 4:2:0 frame in limited range (Y' 16, Cb and Cr 128), for {@link #applyYuv420}
     */
    public static byte[] blackYuv420(int fw, int fh) {
        byte[] frame = new byte[fw * fh * 3 / 2];
        java.util.Arrays.fill(frame, 0, fw * fh, (byte) 16);
        java.util.Arrays.fill(frame, fw * fh, frame.length, (byte) 128);
        return frame;
    }

    /**
     * @param picture BGR24 picture, {@code pw x ph}; not changed
     * @param frame   BGR24 frame, {@code fw x fh}, whose bars are already black
     * @param frameNo the frame's number, for the grain
     */
    public void apply(byte[] picture, byte[] frame, long frameNo) {
        if (yuv) throw new IllegalStateException("a 4:2:0 pass takes applyYuv420");
        Grain.Region region = grain.none() ? null : grain.region(fh, fw, x0, pw, frameNo);
        Bands.run(ph, 32, 32, (first, end) -> {
            Grain.Rows rows = region == null ? null : region.rows();
            for (int y = first; y < end; y++) {
                int from = y * pw * 3, into = ((y0 + y) * fw + x0) * 3;
                if (grade.isPresent()) grade.get().apply(picture, from, frame, into, pw, 2);
                else System.arraycopy(picture, from, frame, into, pw * 3);
                if (rows != null) rows.add(frame, y0 + y);
            }
        });
    }

    /**
     * @param picture planar Y'CbCr 4:2:0, {@code pw x ph}: the Y' plane, then Cb, then Cr, without padding; not
     *                changed
     * @param frame   the same layout, {@code fw x fh}, whose bars are already black ({@link #blackYuv420})
     * @param frameNo the frame's number, for the grain
     * @throws IllegalStateException when the pass was made for BGR24
     */
    public void applyYuv420(byte[] picture, byte[] frame, long frameNo) {
        if (!yuv) throw new IllegalStateException("a BGR24 pass takes apply");
        Grain.Region region = grain.none() ? null : grain.region(fh, fw, x0, pw, frameNo);
        Bands.run(ph / 2, 16, 32, (from, to) -> { // pairs of rows: a chroma row each
            Grain.Rows rows = region == null ? null : region.rows();
            for (int p = from; p < to; p++) {
                int y = 2 * p;
                if (grade.isPresent()) {
                    grade.get().applyYuv420(picture, pw, ph, y, frame, fw, fh, x0, y0);
                } else {
                    System.arraycopy(picture, y * pw, frame, (y0 + y) * fw + x0, pw);
                    System.arraycopy(picture, (y + 1) * pw, frame, (y0 + y + 1) * fw + x0, pw);
                    int cw = pw / 2, fcw = fw / 2, src = pw * ph + p * cw, dst = fw * fh + (y0 / 2 + p) * fcw + x0 / 2;
                    System.arraycopy(picture, src, frame, dst, cw);
                    System.arraycopy(picture, src + cw * (ph / 2), frame, dst + fcw * (fh / 2), cw);
                }
                if (rows != null) {
                    rows.addLuma(frame, y0 + y);
                    rows.addLuma(frame, y0 + y + 1);
                }
            }
        });
    }
}
