package org.cinestack.finish;

import java.util.Optional;

/**
 * The finishing pass on one picture, fused: each row of the picture is graded through its LUT straight into its place
 * in the delivery frame (letterbox or pillarbox), and grained there while it is still in the cache, in bands of rows
 * over the cores. The same result as {@link Lut8#applyBgr24}, {@link Letterbox#place} and {@link Grain#apply} one
 * after the other, in one trip through memory.
 */
public final class FinishPass {
    private final Optional<Lut8> grade;
    private final Grain grain;
    private final int pw, ph, fw, fh, x0, y0;

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
        if (pw > fw || ph > fh) throw new IllegalArgumentException(pw + "x" + ph + " does not fit in " + fw + "x" + fh);
        this.grade = grade.map(Lut8::of);
        this.grain = grain;
        this.pw = pw;
        this.ph = ph;
        this.fw = fw;
        this.fh = fh;
        int[] o = Letterbox.origin(pw, ph, fw, fh);
        x0 = o[0];
        y0 = o[1];
    }

    /**
     * @param picture BGR24 picture, {@code pw x ph}; not changed
     * @param frame   BGR24 frame, {@code fw x fh}, whose bars are already black
     * @param frameNo the frame's number, for the grain
     */
    public void apply(byte[] picture, byte[] frame, long frameNo) {
        Grain.Region region = grain.none() ? null : grain.region(fh, fw, x0, pw, frameNo);
        int bands = Math.max(1, Math.min(32, ph / 32));
        java.util.stream.IntStream.range(0, bands).parallel().forEach(band -> {
            Grain.Rows rows = region == null ? null : region.rows();
            for (int y = ph * band / bands, to = ph * (band + 1) / bands; y < to; y++) {
                int from = y * pw * 3, into = ((y0 + y) * fw + x0) * 3;
                if (grade.isPresent()) grade.get().apply(picture, from, frame, into, pw, 2);
                else System.arraycopy(picture, from, frame, into, pw * 3);
                if (rows != null) rows.add(frame, y0 + y);
            }
        });
    }
}
