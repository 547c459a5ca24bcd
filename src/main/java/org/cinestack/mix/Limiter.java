package org.cinestack.mix;

import java.util.ArrayDeque;

/**
 * A look-ahead peak limiter for interleaved audio: the gain needed to keep every sample under the threshold is
 * spread 1 ms to each side of the peak by a sliding minimum, smoothed by a 1 ms moving average (so it ramps down before
 * the peak instead of stepping), and recovers with a 60 ms release. True peaks between samples are handled by the
 * caller, which measures them and lowers the threshold by the overshoot ({@link #toCeiling}).
 */
public final class Limiter {
    private Limiter() {
    }

    /**
     * Limits in place.
     *
     * @param interleaved samples, channels interleaved
     * @param channels    channel count
     * @param rate        Hz
     * @param threshold   linear sample-peak limit, 0..1
     */
    public static void limit(float[] interleaved, int channels, int rate, double threshold) {
        int frames = interleaved.length / channels;
        int look = Math.max(1, rate / 1000);
        float[] need = new float[frames];
        for (int i = 0; i < frames; i++) {
            double peak = 0;
            for (int c = 0; c < channels; c++) peak = Math.max(peak, Math.abs(interleaved[i * channels + c]));
            need[i] = peak > threshold ? (float) (threshold / peak) : 1f;
        }
        float[] min = slidingMin(need, look);
        // moving average over the look-ahead window keeps the ramp smooth and never above the minimum at the peak
        float[] gain = new float[frames];
        double sum = 0;
        int w = look;
        for (int i = 0; i < frames + w / 2; i++) {
            if (i < frames) sum += min[i];
            if (i - w >= 0) sum -= min[i - w];
            int at = i - w / 2;
            if (at >= 0 && at < frames) gain[at] = (float) (sum / Math.min(w, i + 1));
        }
        double release = 1 - Math.exp(-1.0 / (0.060 * rate)), g = 1;
        for (int i = 0; i < frames; i++) {
            g = Math.min(gain[i], g + (1 - g) * release);
            for (int c = 0; c < channels; c++) interleaved[i * channels + c] *= (float) g;
        }
    }

    /** Minimum over [i - half, i + half] for every i (monotonic deque, O(n)). */
    private static float[] slidingMin(float[] x, int half) {
        int n = x.length;
        float[] out = new float[n];
        ArrayDeque<Integer> q = new ArrayDeque<>();
        int next = 0;
        for (int i = 0; i < n; i++) {
            while (next < n && next <= i + half) {
                while (!q.isEmpty() && x[q.peekLast()] >= x[next]) q.pollLast();
                q.addLast(next++);
            }
            while (q.peekFirst() < i - half) q.pollFirst();
            out[i] = x[q.peekFirst()];
        }
        return out;
    }

    /**
     * Normalises interleaved audio to a loudness target under a true-peak ceiling: gain to the target, then limiting
     * with the threshold lowered by any true-peak overshoot the meter still finds, a few rounds until both hold
     * (limiting lowers the loudness a little, so the gain is set again each round).
     *
     * @param interleaved samples, changed in place
     * @param channels    channel count
     * @param rate        Hz
     * @param targetLufs  integrated loudness wanted
     * @param ceilingDbtp true peak not to exceed
     * @return the final measurement
     */
    public static LoudnessMeter.Result toCeiling(float[] interleaved, int channels, int rate, double targetLufs,
                                                 double ceilingDbtp) {
        float[] source = interleaved.clone();
        LoudnessMeter.Result r = measure(source, channels, rate, false);
        if (!Double.isFinite(r.integratedLufs())) return r;
        double gainDb = targetLufs - r.integratedLufs(), thresholdDb = ceilingDbtp;
        for (int round = 0; round < 6; round++) {
            float gain = (float) Math.pow(10, gainDb / 20);
            for (int i = 0; i < source.length; i++) interleaved[i] = source[i] * gain;
            limit(interleaved, channels, rate, Math.pow(10, thresholdDb / 20));
            r = measure(interleaved, channels, rate, true);
            double over = r.truePeakDbtp() - ceilingDbtp, miss = targetLufs - r.integratedLufs();
            if (over <= 0 && Math.abs(miss) <= 0.1) break;
            if (over > 0) thresholdDb -= over + 0.05;
            gainDb += miss;
        }
        return r;
    }

    static LoudnessMeter.Result measure(float[] interleaved, int channels, int rate) {
        return measure(interleaved, channels, rate, true);
    }

    static LoudnessMeter.Result measure(float[] interleaved, int channels, int rate, boolean truePeak) {
        LoudnessMeter m = new LoudnessMeter(rate, LoudnessMeter.weightsFor(channels), truePeak);
        int frames = interleaved.length / channels, block = 4800;
        float[][] planar = new float[channels][block];
        for (int start = 0; start < frames; start += block) {
            int n = Math.min(block, frames - start);
            for (int i = 0; i < n; i++) for (int c = 0; c < channels; c++) {
                planar[c][i] = interleaved[(start + i) * channels + c];
            }
            m.add(planar, n);
        }
        return m.result();
    }
}
