package org.cinestack.finish;

import java.util.List;

/**
 * Reframing a wide picture for a narrower delivery (9:16, 1:1): a crop window of the picture's full height slides
 * along it, shot by shot, following the subject.
 * <p>
 * Within a shot the window holds still when one position keeps the subject's box inside it in every frame (the
 * position nearest the subject's mean centre); otherwise it follows the box's centre, smoothed by a centred moving
 * average of a second, then pushed back wherever that would cut the box (three rounds), so the box stays inside in
 * every frame it can fit in: a pan or a track rather than a jitter. Where the subject is wider than the window (a
 * close-up reframed to 9:16), its head's box is kept inside instead, so the head is never cut; a box that is wider
 * still is centred. Without boxes (footage from elsewhere) the window is centred.
 */
public final class Reframe {
    private Reframe() {
    }

    /**
     * @return the box the window keeps in frame i: the subject's when it fits, else the head's when that fits, else
     *         the subject's (centred)
     */
    public static int[] kept(List<int[]> boxes, List<int[]> heads, int i, int cropWidth) {
        int[] b = boxes.get(Math.min(i, boxes.size() - 1));
        if (b[2] <= cropWidth || heads == null || heads.isEmpty()) return b;
        int[] h = heads.get(Math.min(i, heads.size() - 1));
        return h[2] > 0 && h[2] <= cropWidth ? h : b;
    }

    /**
     * @param pictureWidth the picture's width, pixels
     * @param cropWidth    the window's width, pixels, at most the picture's
     * @param boxes        per frame the subject's box {x, y, width, height} in picture pixels (width 0: no subject),
     *                     or null for none
     * @param frames       frames in the shot
     * @param fps          frame rate (the smoothing spans a second)
     * @return per frame the window's left edge, 0..pictureWidth - cropWidth
     */
    public static int[] path(int pictureWidth, int cropWidth, List<int[]> boxes, int frames, int fps) {
        return path(pictureWidth, cropWidth, boxes, null, frames, fps);
    }

    /**
     * @param heads per frame the subject's head box, or null; used where the subject's box is wider than the window
     * @return per frame the window's left edge
     * @see #path(int, int, List, int, int)
     */
    public static int[] path(int pictureWidth, int cropWidth, List<int[]> boxes, List<int[]> heads, int frames,
                             int fps) {
        int max = pictureWidth - cropWidth;
        int[] out = new int[frames];
        if (boxes == null || boxes.isEmpty() || max <= 0) {
            java.util.Arrays.fill(out, Math.max(0, max / 2));
            return out;
        }
        double[] lo = new double[frames], hi = new double[frames], want = new double[frames];
        double globalLo = 0, globalHi = max, mean = 0;
        int seen = 0;
        for (int i = 0; i < frames; i++) {
            int[] b = kept(boxes, heads, i, cropWidth);
            if (b[2] <= 0) {
                lo[i] = 0;
                hi[i] = max;
                want[i] = Double.NaN;
                continue;
            }
            double centre = b[0] + b[2] / 2.0;
            if (b[2] <= cropWidth) {
                lo[i] = Math.clamp(b[0] + b[2] - cropWidth, 0, max);
                hi[i] = Math.clamp(b[0], 0, max);
            } else {
                lo[i] = hi[i] = Math.clamp(centre - cropWidth / 2.0, 0, max);
            }
            want[i] = Math.clamp(centre - cropWidth / 2.0, lo[i], hi[i]);
            globalLo = Math.max(globalLo, lo[i]);
            globalHi = Math.min(globalHi, hi[i]);
            mean += want[i];
            seen++;
        }
        if (seen == 0) {
            java.util.Arrays.fill(out, max / 2);
            return out;
        }
        mean /= seen;
        for (int i = 0; i < frames; i++) if (Double.isNaN(want[i])) want[i] = mean;
        if (globalLo <= globalHi) { // one position serves the whole shot: hold still
            java.util.Arrays.fill(out, (int) Math.round(Math.clamp(mean, globalLo, globalHi)));
            return out;
        }
        int half = Math.max(1, fps / 2);
        double[] x = want.clone();
        for (int round = 0; round < 3; round++) {
            double[] s = new double[frames];
            for (int i = 0; i < frames; i++) {
                double sum = 0;
                int n = 0;
                for (int k = Math.max(0, i - half); k <= Math.min(frames - 1, i + half); k++) {
                    sum += x[k];
                    n++;
                }
                s[i] = Math.clamp(sum / n, lo[i], hi[i]);
            }
            x = s;
        }
        for (int i = 0; i < frames; i++) {
            long from = (long) Math.ceil(lo[i]), to = (long) Math.floor(hi[i]);
            if (from > to) from = to = Math.round((lo[i] + hi[i]) / 2); // a fractional single position: round it
            out[i] = (int) Math.clamp(Math.round(x[i]), from, to);
        }
        return out;
    }
}
