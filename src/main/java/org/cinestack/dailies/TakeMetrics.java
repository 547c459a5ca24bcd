package org.cinestack.dailies;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cinestack.finish.Cielab;
import org.cinestack.finish.ColourDifference;
import org.cinestack.media.VideoReader;

/**
 * What a take's pictures measure, in one streaming pass over its decoded frames (each frame is reduced to a luma plane
 * at most {@value #MOTION_WIDTH} pixels wide for motion and flicker, and sampled every other pixel for sharpness,
 * clipping and colour; no frame is kept).
 *
 * @param frames               frames measured
 * @param fps                  frame rate
 * @param temporalFlicker      mean absolute difference of consecutive frames' luma, 8-bit code values (VBench's
 *                             temporal-flickering measure, Huang et al. 2024, section 3.2: its score is
 *                             {@code (255 - this) / 255}); camera and subject motion raise it too
 * @param lumaFlicker          median of the absolute second difference of the frames' mean luma, code values:
 *                             brightness that pumps from frame to frame (a steady fade has none; a single black
 *                             frame or a cut touches only two frames and does not move the median)
 * @param frozenRuns           runs of frames identical to the one before, {first, last} frame numbers
 * @param blackRuns            runs of black frames (mean luma under 10 and under 0.2 % of pixels over 30), {first, last}
 * @param sharpness            mean variance of the Laplacian of luma over the take (Pech-Pacheco et al., ICPR 2000)
 * @param sharpnessFallPercent how much sharper the first second is than the last, % (negative: it sharpens)
 * @param clippedPercent       pixels with a channel at 254 or more, % of all sampled
 * @param crushedPercent       pixels with luma at 2 or less, %
 * @param colourDriftDeltaE    CIEDE2000 between the mean CIELAB colour of the first second and of the last (CIE
 *                             142-2001; Sharma, Wu and Dalal 2005)
 * @param motionX              the content's net horizontal travel over the take, fractions of the width (right +)
 * @param motionY              its net vertical travel, fractions of the height (down +)
 * @param scaleChange          the content's scale at the end over its scale at the start (zoom or dolly in: over 1)
 * @param rollDegrees          its net rotation, degrees clockwise
 * @param jitter               RMS of the frame-to-frame translation about its own trend, fractions of the width per
 *                             frame (hand-held shake, a drifting "static" camera's wobble)
 * @param opening              how its first second looks, for the cut into it ({@link Look})
 * @param closing              how its last second looks, for the cut out of it
 * @param cuts                 the cuts inside it (footage edited elsewhere; a generated take that jumps), each with
 *                             the second before and after it
 */
public record TakeMetrics(int frames, double fps, double temporalFlicker, double lumaFlicker, List<int[]> frozenRuns,
                          List<int[]> blackRuns, double sharpness, double sharpnessFallPercent, double clippedPercent,
                          double crushedPercent, double colourDriftDeltaE, double motionX, double motionY,
                          double scaleChange, double rollDegrees, double jitter, Look opening, Look closing,
                          List<Cut> cuts) {
    /** Frames either side of a frame a cut must stand out of, and how many times the next largest change. */
    static final int CUT_WINDOW = 5;
    static final double CUT_RATIO = 2.5, CUT_LEAST = 8;

    /**
     * A cut inside a clip: a frame-to-frame change that is the largest within {@value #CUT_WINDOW} frames either side,
     * {@value #CUT_RATIO} times the next largest there and at least {@value #CUT_LEAST} code values (the sliding
     * window test of Yeo and Liu, "Rapid scene analysis on compressed video", IEEE TCSVT 5(6), 1995; a flash changes
     * two frames alike and is not taken for a cut).
     *
     * @param frame  the first frame after the cut, 0-based
     * @param before the look of up to a second before it (back to the cut before)
     * @param after  the look of up to a second from it (up to the cut after)
     */
    public record Cut(int frame, Look before, Look after) {
    }

    /**
     * What a second of picture looks like, in the elements a cut is judged by (the five elements of a transition:
     * grain, contrast, speed of motion and light direction here; gaze comes from faces, {@link Dailies}).
     *
     * @param grain    noise in flat areas, 8-bit code values (standard deviation; Immerkaer, "Fast noise variance
     *                 estimation", CVIU 64(2), 1996, over pixels whose gradient is under 16 code values, on every
     *                 8th frame)
     * @param contrast RMS contrast: the standard deviation of luma over its range, 0..0.5 (Peli, "Contrast in complex
     *                 images", JOSA A 7(10), 1990)
     * @param speed    mean absolute difference of consecutive frames' luma, code values per frame (what moves, the
     *                 camera or the subject)
     * @param lightX   where the light falls across the picture: the luma-weighted mean position about the centre,
     *                 -1 (all on the left) .. 1 (all on the right)
     * @param lightY   the same down the picture, -1 (top) .. 1 (bottom)
     * @param labL     CIELAB L* of the mean colour of the second's frames (D65; {@link org.cinestack.finish.Cielab})
     * @param labA     its a*
     * @param labB     its b*
     */
    public record Look(double grain, double contrast, double speed, double lightX, double lightY, double labL,
                       double labA, double labB) {
        /** Nothing measured. */
        public static final Look NONE = new Look(0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** The widest luma plane motion and flicker are measured on, pixels. */
    static final int MOTION_WIDTH = 256;

    /**
     * Measures a take.
     *
     * @param video the take
     * @param fps   its frame rate
     * @return its metrics
     * @throws org.cinestack.media.MediaException when it cannot be decoded
     */
    public static TakeMetrics measure(Path video, double fps) {
        return measure(video, fps, new int[0], new ArrayList<>());
    }

    /**
     * Measures a take and keeps some of its frames as small stills on the way.
     *
     * @param video   the take
     * @param fps     its frame rate
     * @param stillAt frame numbers (0-based) to keep, ascending; a number past the last frame keeps the last
     * @param stills  receives one still per number, in order: BGR bytes at most {@value #STILL_WIDTH} pixels wide,
     *                each with its width and height
     * @return its metrics
     * @throws org.cinestack.media.MediaException when it cannot be decoded
     */
    public static TakeMetrics measure(Path video, double fps, int[] stillAt, List<Still> stills) {
        return measure(video, fps, stillAt, stills::add);
    }

    /**
     * Measures a take and hands on some of its frames as small stills as soon as each is decoded, so work on them can
     * run beside the pass.
     *
     * @param video   the take
     * @param fps     its frame rate
     * @param stillAt frame numbers (0-based) to keep, ascending; a number past the last frame keeps the last (handed
     *                on when the pass ends)
     * @param onStill told of each still, in the order of {@code stillAt}
     * @return its metrics
     * @throws org.cinestack.media.MediaException when it cannot be decoded
     */
    public static TakeMetrics measure(Path video, double fps, int[] stillAt,
                                      java.util.function.Consumer<Still> onStill) {
        try (VideoReader r = new VideoReader(video)) {
            Pass p = new Pass(r.width(), r.height(), fps);
            p.stillAt = stillAt.clone();
            p.onStill = onStill;
            return p.run(r);
        }
    }

    /** The widest still kept, pixels. */
    public static final int STILL_WIDTH = 960;

    /**
     * A small picture of one frame.
     *
     * @param frame  its frame number, 0-based
     * @param width  pixels
     * @param height pixels
     * @param bgr    width x height x 3 bytes, blue first
     */
    public record Still(int frame, int width, int height, byte[] bgr) {
    }

    /** One pass: what it keeps between frames. */
    private static final class Pass {
        private final int w, h, mw, mh, step;
        private final double fps;
        private final byte[] bgr;
        private final float[] luma, previous;
        /** The frame's luma at full size, each pixel's computed once (BT.601). */
        private final float[] full;
        /** One band of {@code step} rows of {@link #full}, summed per column. */
        private final float[] band;
        /** Per column, its place across the picture, -1 (left) .. 1 (right). */
        private final float[] across;
        private final List<Double> means = new ArrayList<>(), sharp = new ArrayList<>();
        /** Per frame: grain, contrast, speed, light across, light down, mean red, green and blue (sRGB 0..1). */
        private final List<double[]> looks = new ArrayList<>();
        private final List<GlobalMotion.Step> steps = new ArrayList<>();
        private final List<int[]> frozen = new ArrayList<>(), black = new ArrayList<>();
        private double flickerSum, clipped, crushed, sampled;
        private int frames;
        private int[] stillAt = new int[0];
        private final List<Still> stills = new ArrayList<>();
        private java.util.function.Consumer<Still> onStill = x -> { };
        private Still last;

        Pass(int w, int h, double fps) {
            this.w = w;
            this.h = h;
            this.fps = fps;
            int factor = Math.max(1, (w + MOTION_WIDTH - 1) / MOTION_WIDTH);
            this.step = factor;
            this.mw = Math.max(1, w / factor);
            this.mh = Math.max(1, h / factor);
            bgr = new byte[w * h * 3];
            across = new float[w];
            for (int x = 0; x < w; x++) across[x] = 2f * x / w - 1;
            luma = new float[mw * mh];
            previous = new float[mw * mh];
            full = new float[w * h];
            band = new float[w];
        }

        TakeMetrics run(VideoReader r) {
            try (GlobalMotion motion = new GlobalMotion(mw, mh)) {
                while (r.next(bgr)) {
                    frame(motion);
                    keep();
                    frames++;
                }
            }
            // numbers past the end keep the last frame
            for (int i = stills.size(); i < stillAt.length && last != null; i++) emit(last);
            return result();
        }

        private void frame(GlobalMotion motion) {
            // the luma plane at full size, then box-filtered to mw x mh
            for (int i = 0, o = 0; i < full.length; i++, o += 3) full[i] = y601(o);
            double sum = 0;
            float area = 1f / (step * step);
            for (int y = 0; y < mh; y++) {
                // the band's rows summed column by column (contiguous, so the loop vectorises), then each cell's columns
                java.util.Arrays.fill(band, 0f);
                for (int yy = y * step; yy < (y + 1) * step; yy++) {
                    for (int x = 0, i = yy * w; x < w; x++, i++) band[x] += full[i];
                }
                for (int x = 0; x < mw; x++) {
                    float s = 0;
                    for (int xx = x * step; xx < (x + 1) * step; xx++) s += band[xx];
                    float v = s * area;
                    luma[y * mw + x] = v;
                    sum += v;
                }
            }
            double mean = sum / luma.length;
            boolean same = false;
            double speed = 0;
            if (frames > 0) {
                double diff = 0;
                for (int i = 0; i < luma.length; i++) diff += Math.abs(luma[i] - previous[i]);
                diff /= luma.length;
                flickerSum += diff;
                speed = diff;
                same = diff < 0.05;
                if (same) extend(frozen, frames); // identical to the frame before
            }
            means.add(mean);
            // sharpness, clipping, crushing and colour on every other pixel of the full picture; sums per row in
            // float and int (independent, so they run side by side), added up in double
            double lap = 0, lap2 = 0, ls = 0, lx = 0, ly = 0;
            long rs = 0, gs = 0, bs = 0;
            int bright = 0, pixels = 0, clips = 0, crushes = 0;
            for (int y = 1; y < h - 1; y += 2) {
                float rowLap = 0, rowLap2 = 0, rowLuma = 0, rowLx = 0;
                int rowR = 0, rowG = 0, rowB = 0;
                for (int x = 1, i = y * w + 1; x < w - 1; x += 2, i += 2) {
                    int o = i * 3;
                    int b = bgr[o] & 255, g = bgr[o + 1] & 255, rr = bgr[o + 2] & 255;
                    float l = full[i];
                    float lapV = 4 * l - full[i - 1] - full[i + 1] - full[i - w] - full[i + w];
                    rowLap += lapV;
                    rowLap2 += lapV * lapV;
                    clips += b >= 254 || g >= 254 || rr >= 254 ? 1 : 0;
                    crushes += l <= 2 ? 1 : 0;
                    bright += l > 30 ? 1 : 0;
                    rowR += rr;
                    rowG += g;
                    rowB += b;
                    rowLuma += l;
                    rowLx += l * across[x];
                    pixels++;
                }
                lap += rowLap;
                lap2 += rowLap2;
                rs += rowR;
                gs += rowG;
                bs += rowB;
                ls += rowLuma;
                lx += rowLx;
                ly += rowLuma * (2.0 * y / h - 1);
            }
            double n = pixels;
            clipped += clips;
            crushed += crushes;
            sampled += pixels;
            sharp.add(n > 0 ? lap2 / n - (lap / n) * (lap / n) : 0);
            double lumaVariance = 0;
            for (float v : luma) lumaVariance += (v - mean) * (v - mean);
            lumaVariance /= luma.length;
            // grain is the stock's, steady over a second: measured on every 8th frame (the others carry NaN)
            double[] rgb = {(double) rs / Math.max(1, pixels) / 255, (double) gs / Math.max(1, pixels) / 255,
                (double) bs / Math.max(1, pixels) / 255};
            looks.add(new double[] {frames % 8 == 0 ? grain() : Double.NaN, Math.sqrt(lumaVariance) / 255, speed,
                ls > 0 ? lx / ls : 0, ls > 0 ? ly / ls : 0, rgb[0], rgb[1], rgb[2]});
            if (mean < 10 && bright < 0.002 * pixels) extend(black, frames);
            // a frame identical to the one before has not moved: it is not measured (phase correlation of two copies
            // of one picture through the codec's noise finds a fraction of a pixel)
            steps.add(same ? GlobalMotion.Step.NONE : motion.next(luma));
            System.arraycopy(luma, 0, previous, 0, luma.length);
        }

        private void emit(Still s) {
            stills.add(s);
            onStill.accept(s);
        }

        /** Keeps this frame as a still when asked for, and the last frame for numbers past the end. */
        private void keep() {
            if (stills.size() >= stillAt.length) return;
            boolean wanted = stillAt[stills.size()] == frames;
            if (!wanted && frames < stillAt[stillAt.length - 1]) return;
            int f = Math.max(1, (w + STILL_WIDTH - 1) / STILL_WIDTH);
            int sw = Math.max(1, w / f), sh = Math.max(1, h / f);
            byte[] small = new byte[sw * sh * 3];
            for (int y = 0; y < sh; y++) {
                for (int x = 0; x < sw; x++) {
                    for (int c = 0; c < 3; c++) {
                        int s = 0;
                        for (int yy = y * f; yy < (y + 1) * f; yy++) {
                            for (int xx = x * f; xx < (x + 1) * f; xx++) s += bgr[(yy * w + xx) * 3 + c] & 255;
                        }
                        small[(y * sw + x) * 3 + c] = (byte) ((s + f * f / 2) / (f * f));
                    }
                }
            }
            Still still = new Still(frames, sw, sh, small);
            while (stills.size() < stillAt.length && stillAt[stills.size()] == frames) emit(still);
            last = still;
        }

        /**
         * @return the noise of this frame in flat areas, code values: Immerkaer's estimator
         *         {@code sqrt(pi/2) * mean|I * N|} with the mask N = [1 -2 1; -2 4 -2; 1 -2 1] (CVIU 1996, eq. 6), on
         *         every 16th line of the full picture where the gradient is under 16 code values
         */
        private double grain() {
            double sum = 0;
            int count = 0;
            for (int y = 1; y < h - 1; y += 16) {
                for (int x = 1; x < w - 1; x++) {
                    int i = y * w + x, up = i - w, down = i + w;
                    double c = full[i], l = full[i - 1], r = full[i + 1], u = full[up], d = full[down];
                    if (Math.abs(r - l) + Math.abs(d - u) >= 32) continue; // an edge, not noise
                    double conv = full[up - 1] - 2 * u + full[up + 1] - 2 * l + 4 * c - 2 * r + full[down - 1]
                        - 2 * d + full[down + 1];
                    sum += Math.abs(conv);
                    count++;
                }
            }
            return count == 0 ? 0 : Math.sqrt(Math.PI / 2) * sum / (6.0 * count);
        }

        /**
         * @return the BT.601 luma of the BGR pixel at byte {@code o}, 8-bit code values (as the takes are tagged), in
         *         16-bit fixed point: 0.114, 0.587 and 0.299 times 65536 (exact to 1/65536 of a code value)
         */
        private float y601(int o) {
            return (7471 * (bgr[o] & 255) + 38470 * (bgr[o + 1] & 255) + 19595 * (bgr[o + 2] & 255)) * (1f / 65536);
        }

        /** Adds frame f to the last run when it continues it, else starts a run. */
        private static void extend(List<int[]> runs, int f) {
            if (!runs.isEmpty() && runs.getLast()[1] == f - 1) runs.getLast()[1] = f;
            else runs.add(new int[] {f, f});
        }

        private TakeMetrics result() {
            int second = (int) Math.max(1, Math.round(fps));
            double[] d2 = new double[Math.max(0, means.size() - 2)];
            for (int i = 1; i + 1 < means.size(); i++) {
                d2[i - 1] = Math.abs(means.get(i + 1) - 2 * means.get(i) + means.get(i - 1));
            }
            java.util.Arrays.sort(d2);
            // the median: pumping shows at every frame, a single black frame or a cut only at two
            double lumaFlicker = d2.length == 0 ? 0 : d2[d2.length / 2];
            double sharpAll = sharp.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double first = sharp.stream().limit(second).mapToDouble(Double::doubleValue).average().orElse(0);
            double last = sharp.stream().skip(Math.max(0, sharp.size() - second)).mapToDouble(Double::doubleValue)
                .average().orElse(0);
            double fall = first > 0 ? 100 * (first - last) / first : 0;
            // the colour drift is between the mean colours of the first and the last second, as their looks hold them
            Look opening = look(looks.subList(0, Math.min(second, looks.size())), true);
            Look closing = look(looks.subList(Math.max(0, looks.size() - second), looks.size()), false);
            double drift = ColourDifference.ciede2000(opening.labL(), opening.labA(), opening.labB(), closing.labL(),
                closing.labA(), closing.labB());
            double mx = 0, my = 0, logScale = 0, roll = 0;
            for (GlobalMotion.Step s : steps) {
                mx += s.dx();
                my += s.dy();
                logScale += Math.log(s.scale());
                roll += s.rollDegrees();
            }
            double jitter = 0;
            int pairs = Math.max(0, steps.size() - 1);
            if (pairs > 1) {
                double meanDx = mx / pairs, meanDy = my / pairs;
                for (GlobalMotion.Step s : steps.subList(1, steps.size())) {
                    jitter += (s.dx() - meanDx) * (s.dx() - meanDx) + (s.dy() - meanDy) * (s.dy() - meanDy);
                }
                jitter = Math.sqrt(jitter / pairs);
            }
            return new TakeMetrics(frames, fps, frames > 1 ? flickerSum / (frames - 1) : 0, lumaFlicker,
                List.copyOf(frozen), List.copyOf(black), sharpAll, fall, sampled > 0 ? 100 * clipped / sampled : 0,
                sampled > 0 ? 100 * crushed / sampled : 0, drift, mx, my, Math.exp(logScale), roll, jitter,
                opening, closing, cuts(second));
        }

        /** @return the cuts, found by the frame-to-frame change of luma (each frame's speed) */
        private List<Cut> cuts(int second) {
            int n = looks.size();
            List<Integer> at = new ArrayList<>();
            for (int i = 1; i < n; i++) {
                double d = looks.get(i)[2], next = 0;
                boolean largest = d >= CUT_LEAST;
                for (int j = Math.max(1, i - CUT_WINDOW); j <= Math.min(n - 1, i + CUT_WINDOW) && largest; j++) {
                    if (j == i) continue;
                    double e = looks.get(j)[2];
                    if (e > d) largest = false;
                    next = Math.max(next, e);
                }
                if (largest && d >= CUT_RATIO * next) at.add(i);
            }
            List<Cut> out = new ArrayList<>();
            for (int k = 0; k < at.size(); k++) {
                int c = at.get(k), from = k == 0 ? 0 : at.get(k - 1), to = k + 1 < at.size() ? at.get(k + 1) : n;
                // the speed of the cut's own frame is the cut, not motion: the second after starts a frame later
                out.add(new Cut(c, look(looks.subList(Math.max(from, c - second), c), false),
                    look(looks.subList(Math.min(c + 1, to - 1), Math.min(to, c + 1 + second)), false)));
            }
            return List.copyOf(out);
        }

        /**
         * @return the mean look of some frames (the speed of the first frame, which has none before it, left out;
         *         grain over the frames it was measured on)
         */
        private static Look look(List<double[]> frames, boolean opening) {
            if (frames.isEmpty()) return Look.NONE;
            double[] m = new double[8];
            int[] n = new int[8];
            for (double[] f : frames) {
                for (int k = 0; k < 8; k++) {
                    if (Double.isNaN(f[k])) continue;
                    m[k] += f[k];
                    n[k]++;
                }
            }
            for (int k = 0; k < 8; k++) m[k] /= Math.max(1, n[k]);
            if (opening && frames.size() > 1) m[2] = m[2] * frames.size() / (frames.size() - 1);
            double[] lab = {m[5], m[6], m[7]};
            Cielab.toLab(lab);
            return new Look(m[0], m[1], m[2], m[3], m[4], lab[0], lab[1], lab[2]);
        }
    }
}
