package org.cinestack.shoot.previs;

import java.util.function.BiConsumer;
import java.util.function.IntConsumer;

import org.cinestack.plan.CameraPose;
import org.cinestack.plan.ShotSpec;

/**
 * The depth of field of a previs frame: the sharp picture blurred by each pixel's thin-lens circle of confusion.
 *
 * Each pixel's blur radius comes from the thin-lens circle of confusion at its depth; the pixel takes the colour of
 * a box-filtered mip pyramid of the sharp picture at the level whose texel spans the blur's diameter, blending the
 * two nearest levels (level 0 is the picture itself). The blend is done coarse to fine: each level is mixed with
 * the bilinear upsampling of the (already mixed) level below by how far its pixels' blur reaches past it, taking
 * at each coarse pixel the largest blur of the pixels it covers. A pixel of blur level 2.5 so gets half of level 2
 * and half of level 3, as a trilinear lookup would, for the cost of one bilinear lookup at full resolution.
 */
final class DepthOfField {
    /** Levels of the mip pyramid: the picture and five halvings (blur diameters up to 32 pixels). */
    static final int LEVELS = 6;

    /** Told each row that is done. */
    @FunctionalInterface
    interface Rows {
        /**
         * @param from the row's first pixel index
         * @param to   one past its last
         */
        void done(int from, int to);
    }

    private final int w, h;
    private final float[] r, g, b, z;
    private final float[][] mr = new float[LEVELS][], mg = new float[LEVELS][], mb = new float[LEVELS][];
    private final int[] mw = new int[LEVELS], mh = new int[LEVELS];

    /**
     * @param w the picture's width
     * @param h its height
     * @param r its scene-linear red, blurred in place
     * @param g its green
     * @param b its blue
     * @param z its inverse depth per pixel (1/m, 0 for the sky)
     */
    DepthOfField(int w, int h, float[] r, float[] g, float[] b, float[] z) {
        this.w = w;
        this.h = h;
        this.r = r;
        this.g = g;
        this.b = b;
        this.z = z;
        int lw = w, lh = h;
        for (int i = 0; i < LEVELS; i++) {
            mw[i] = lw;
            mh[i] = lh;
            if (i > 0) {
                mr[i] = new float[lw * lh];
                mg[i] = new float[lw * lh];
                mb[i] = new float[lw * lh];
            }
            lw = (lw + 1) / 2;
            lh = (lh + 1) / 2;
        }
        mr[0] = r;
        mg[0] = g;
        mb[0] = b;
    }

    /**
     * Sets the blur constants for a frame.
     *
     * @param p    the camera in this frame (its focal length and focus distance)
     * @param spec the shot (its aperture and sensor width)
     * @return whether any depth can blur by more than a third of a pixel
     */
    boolean focus(CameraPose p, ShotSpec spec) {
        double f = p.focalLengthMm(), n = spec.aperture();
        double sf = Math.max(p.focusDistanceM() * 1000, f * 1.01);
        // c(s) = A |1 - sf/s| with A = (f/N) f / (sf - f); radius in pixels = c / sensorWidth * w / 2
        blurScale = (float) ((f / n) * f / (sf - f) / spec.sensorWidthMm() * w * 0.5);
        focusM = (float) (sf / 1000);
        return blurScale >= 0.35f;
    }

    private float blurScale, focusM;
    private float[] lod0; // full-resolution weight of level 1 (blur level clamped to 0..1), allocated on the first frame that needs depth of field
    private final float[][] lod = new float[LEVELS][];

    /** Blur radius of a pixel at this inverse depth (1/m), pixels (thin-lens circle of confusion, half of it). */
    private float blurRadius(float inverseDepth) {
        return blurScale * Math.abs(1 - focusM * inverseDepth);
    }

    /** Blur level for a blur radius: log2 of the blur's diameter in pixels, 0 (sharp) .. LEVELS - 1. */
    private static float blurLevel(float radius) {
        return radius < 0.5f ? 0 : Math.clamp(PrevisRenderer.log2(2 * radius), 0f, LEVELS - 1);
    }

    /** min(1, blur level) without the logarithm where it is 0 or 1. */
    private static float levelOneWeight(float radius) {
        return radius < 0.5f ? 0 : radius >= 1 ? 1 : Math.max(0, PrevisRenderer.log2(2 * radius));
    }

    /**
     * Blurs the picture in place by each pixel's depth (the frame's {@link #focus} first).
     *
     * @param stripes how many stripes of rows to split the work into
     * @param run     runs a task over stripes (on the renderer's threads)
     * @param rows    told each finished row ({@code from}, {@code to} pixel indices) while it is still in cache, or
     *                null
     */
    void apply(int stripes, BiConsumer<Integer, IntConsumer> run, Rows rows) {
        if (lod0 == null) {
            lod0 = new float[w * h];
            for (int l = 1; l < LEVELS; l++) lod[l] = new float[mw[l] * mh[l]];
        }
        run.accept(stripes, s -> downsampleFirst(s * mh[1] / stripes, (s + 1) * mh[1] / stripes));
        for (int l = 2; l < LEVELS; l++) downsample(l);
        for (int l = LEVELS - 2; l >= 2; l--) compose(l, 0, mh[l]);
        run.accept(stripes, s -> compose(1, s * mh[1] / stripes, (s + 1) * mh[1] / stripes));
        run.accept(stripes, s -> {
            int row0 = s * h / stripes, row1 = (s + 1) * h / stripes;
            float[] vr = new float[mw[1]], vg = new float[mw[1]], vb = new float[mw[1]];
            for (int y = row0; y < row1; y++) { // row by row, so the row is still in cache for the output
                compose0(y, vr, vg, vb);
                if (rows != null) rows.done(y * w, (y + 1) * w);
            }
        });
    }

    /** Level 1 of the pyramid from the picture, and every pixel's blur level. */
    private void downsampleFirst(int y0, int y1) {
        int dw = mw[1];
        float[] dr = mr[1], dg = mg[1], db = mb[1], dl = lod[1];
        for (int y = y0; y < y1; y++) {
            int ra = Math.min(h - 1, 2 * y) * w, rb = Math.min(h - 1, 2 * y + 1) * w;
            for (int x = 0; x < dw; x++) {
                int a = ra + 2 * x, c = rb + 2 * x, bb = ra + Math.min(w - 1, 2 * x + 1), d = rb + Math.min(w - 1,
                    2 * x + 1), o = y * dw + x;
                dr[o] = 0.25f * (r[a] + r[bb] + r[c] + r[d]);
                dg[o] = 0.25f * (g[a] + g[bb] + g[c] + g[d]);
                db[o] = 0.25f * (b[a] + b[bb] + b[c] + b[d]);
                // at full resolution only the weight of level 1 (the blur level up to 1) is kept
                float ra0 = blurRadius(z[a]), rb0 = blurRadius(z[bb]), rc0 = blurRadius(z[c]), rd0 = blurRadius(z[d]);
                lod0[a] = levelOneWeight(ra0);
                lod0[bb] = levelOneWeight(rb0);
                lod0[c] = levelOneWeight(rc0);
                lod0[d] = levelOneWeight(rd0);
                dl[o] = blurLevel(Math.max(Math.max(ra0, rb0), Math.max(rc0, rd0)));
            }
        }
    }

    private void downsample(int l) {
        int sw = mw[l - 1], sh = mh[l - 1], dw = mw[l], dh = mh[l];
        float[] sr = mr[l - 1], sg = mg[l - 1], sb = mb[l - 1], sl = lod[l - 1];
        float[] dr = mr[l], dg = mg[l], db = mb[l], dl = lod[l];
        for (int y = 0; y < dh; y++) {
            int ra = Math.min(sh - 1, 2 * y) * sw, rb = Math.min(sh - 1, 2 * y + 1) * sw;
            for (int x = 0; x < dw; x++) {
                int x0 = Math.min(sw - 1, 2 * x), x1 = Math.min(sw - 1, 2 * x + 1), o = y * dw + x;
                int a = ra + x0, bb = ra + x1, c = rb + x0, d = rb + x1;
                dr[o] = 0.25f * (sr[a] + sr[bb] + sr[c] + sr[d]);
                dg[o] = 0.25f * (sg[a] + sg[bb] + sg[c] + sg[d]);
                db[o] = 0.25f * (sb[a] + sb[bb] + sb[c] + sb[d]);
                dl[o] = Math.max(Math.max(sl[a], sl[bb]), Math.max(sl[c], sl[d]));
            }
        }
    }

    /** Mixes rows y0..y1 of level l (1 .. LEVELS - 2) with the upsampled level l + 1 by each pixel's blur level. */
    private void compose(int l, int y0, int y1) {
        int dw = mw[l], sw = mw[l + 1], sh = mh[l + 1];
        float[] dr = mr[l], dg = mg[l], db = mb[l], dl = lod[l], sr = mr[l + 1], sg = mg[l + 1], sb = mb[l + 1];
        for (int y = y0; y < y1; y++) {
            int ys = (y - 1) >> 1; // the source rows around (y + 0.5) / 2 - 0.5
            int ra = Math.max(0, ys) * sw, rb = Math.min(sh - 1, ys + 1) * sw;
            float wy = (y & 1) == 0 ? 0.75f : 0.25f;
            for (int x = 0, o = y * dw; x < dw; x++, o++) {
                float wt = dl[o] - l;
                if (wt <= 0) continue;
                if (wt > 1) wt = 1;
                int xs = (x - 1) >> 1, xa = Math.max(0, xs), xb = Math.min(sw - 1, xs + 1);
                float wx = (x & 1) == 0 ? 0.75f : 0.25f;
                dr[o] += (bilinear(sr, ra, rb, xa, xb, wx, wy) - dr[o]) * wt;
                dg[o] += (bilinear(sg, ra, rb, xa, xb, wx, wy) - dg[o]) * wt;
                db[o] += (bilinear(sb, ra, rb, xa, xb, wx, wy) - db[o]) * wt;
            }
        }
    }

    /**
     * The picture's row y mixed with the upsampled, composed level 1 by each pixel's blur level. The upsampling is
     * separable: level 1's two rows are blended once into {@code vr, vg, vb} (level 1's width), then each pixel blends
     * two neighbours of that.
     */
    private void compose0(int y, float[] vr, float[] vg, float[] vb) {
        int sw = mw[1], sh = mh[1];
        float[] sr = mr[1], sg = mg[1], sb = mb[1];
        int ys = (y - 1) >> 1;
        int ra = Math.max(0, ys) * sw, rb = Math.min(sh - 1, ys + 1) * sw;
        float wy = (y & 1) == 0 ? 0.75f : 0.25f;
        for (int k = 0; k < sw; k++) {
            vr[k] = sr[ra + k] + (sr[rb + k] - sr[ra + k]) * wy;
            vg[k] = sg[ra + k] + (sg[rb + k] - sg[ra + k]) * wy;
            vb[k] = sb[ra + k] + (sb[rb + k] - sb[ra + k]) * wy;
        }
        for (int x = 0, i = y * w; x < w; x++, i++) {
            float wt = lod0[i];
            if (wt <= 0) continue;
            if (wt > 1) wt = 1;
            int xs = (x - 1) >> 1, xa = Math.max(0, xs), xb = Math.min(sw - 1, xs + 1);
            float wx = (x & 1) == 0 ? 0.75f : 0.25f;
            r[i] += (vr[xa] + (vr[xb] - vr[xa]) * wx - r[i]) * wt;
            g[i] += (vg[xa] + (vg[xb] - vg[xa]) * wx - g[i]) * wt;
            b[i] += (vb[xa] + (vb[xb] - vb[xa]) * wx - b[i]) * wt;
        }
    }

    private static float bilinear(float[] c, int rowA, int rowB, int xa, int xb, float wx, float wy) {
        float top = c[rowA + xa] + (c[rowA + xb] - c[rowA + xa]) * wx;
        float bottom = c[rowB + xa] + (c[rowB + xb] - c[rowB + xa]) * wx;
        return top + (bottom - top) * wy;
    }
}
