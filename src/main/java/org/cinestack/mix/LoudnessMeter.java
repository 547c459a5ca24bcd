package org.cinestack.mix;

import java.util.Arrays;

/**
 * Loudness, loudness range and true peak of multichannel audio, after ITU-R BS.1770-4 and EBU Tech 3341 / 3342
 * ("EBU mode"). Feed planar float samples (-1..1 full scale) with {@link #add}, in blocks of any length, then read
 * {@link #result()}.
 *
 * <ul>
 *   <li>K-weighting: BS.1770-4 section 2.1, a shelving pre-filter and the RLB high-pass, each a biquad designed for the
 *       sample rate from the analog prototypes by the bilinear transform (at 48 kHz this gives the standard's table
 *       of coefficients, see {@link #kWeighting});</li>
 *   <li>channel weights 1.0 for L, R, C and 1.41 for the surrounds, 0 for the LFE (BS.1770-4 table 3);</li>
 *   <li>momentary loudness over 400 ms and short-term over 3 s, both every 10 ms (Tech 3341 section 2.1; a 10 ms
 *       step catches the maximum of a 400 ms burst, which 100 ms steps miss by up to 0.5 LU);</li>
 *   <li>integrated loudness over 400 ms blocks overlapping by 75%, gated at -70 LUFS absolute and 10 LU below the
 *       absolute-gated mean (BS.1770-4 section 2.8);</li>
 *   <li>loudness range: the short-term values gated at -70 LUFS and 20 LU below their mean, the spread from the 10th
 *       to the 95th percentile (EBU Tech 3342);</li>
 *   <li>true peak: 4x oversampling (2x from 96 kHz, none from 192 kHz) through the 48-tap interpolator of
 *       BS.1770-4 annex 2.</li>
 * </ul>
 * Loudness is {@code -0.691 + 10 log10(sum of weighted mean squares)} LUFS. Not thread-safe.
 */
public final class LoudnessMeter {
    /** Loudness reported for silence (no block above the absolute gate), LUFS. */
    public static final double SILENCE = Double.NEGATIVE_INFINITY;
    private static final double ABSOLUTE_GATE = -70;
    private static final int TAPS = 12; // per phase of the true-peak interpolator

    /**
     * What the meter measured.
     *
     * @param integratedLufs    integrated loudness, LUFS; {@link #SILENCE} when nothing passes the gates
     * @param loudnessRangeLu   loudness range, LU; 0 when fewer than two short-term values pass the gates
     * @param truePeakDbtp      true peak, dBTP
     * @param samplePeakDbfs    sample peak, dBFS
     * @param maxMomentaryLufs  largest momentary loudness, LUFS
     * @param maxShortTermLufs  largest short-term loudness, LUFS
     * @param seconds           duration measured, s
     */
    public record Result(double integratedLufs, double loudnessRangeLu, double truePeakDbtp, double samplePeakDbfs,
                         double maxMomentaryLufs, double maxShortTermLufs, double seconds) {
    }

    private final int rate, channels, subBlock;
    private final double[] weight;
    private final double[][] coefficients;
    private final double[][] state; // per channel: x1, x2, y1, y2 of stage 1, then y1, y2 of stage 2 (its x is stage 1's y)
    private final double[] sum; // per channel: sum of squares in the current 10 ms sub-block
    private int filled; // samples in the current sub-block
    private double[] subBlocks = new double[4096]; // weighted mean square of every complete 10 ms sub-block
    private int count;
    private long samples;
    // true peak
    private final int oversampling;
    private final double[][] phases; // [phase][tap]
    private final double[] phaseGain; // sum of |h| over the taps of the phase with the largest sum
    private final float[][] history; // per channel ring of the last TAPS samples (doubled to avoid wrapping)
    private int historyPos;
    private double truePeak, samplePeak;

    /**
     * @param sampleRate Hz, 8000..384000
     * @param weights    per channel, in the file's channel order: 1.0 for L, R, C, 1.41 for surrounds, 0 for LFE
     *                   (see {@link #weightsFor})
     * @throws IllegalArgumentException for a rate out of range or no channels
     */
    public LoudnessMeter(int sampleRate, double[] weights) {
        this(sampleRate, weights, true);
    }

    /**
     * @param sampleRate Hz, 8000..384000
     * @param weights    per channel (see {@link #weightsFor})
     * @param truePeak   false to skip the true-peak interpolation (it then reads the sample peak), for loudness
     *                   alone at a fraction of the cost
     * @throws IllegalArgumentException for a rate out of range or no channels
     */
    public LoudnessMeter(int sampleRate, double[] weights, boolean truePeak) {
        if (sampleRate < 8000 || sampleRate > 384000) throw new IllegalArgumentException("sample rate " + sampleRate);
        if (weights.length == 0) throw new IllegalArgumentException("no channels");
        this.rate = sampleRate;
        this.channels = weights.length;
        this.weight = weights.clone();
        this.subBlock = Math.round(sampleRate / 100f);
        this.coefficients = kWeighting(sampleRate);
        this.state = new double[channels][6];
        this.sum = new double[channels];
        this.oversampling = !truePeak ? 1 : sampleRate < 96000 ? 4 : sampleRate < 192000 ? 2 : 1;
        this.phases = interpolator(oversampling);
        double g = 0;
        for (double[] p : phases) g = Math.max(g, Arrays.stream(p).map(Math::abs).sum());
        this.phaseGain = new double[] {g};
        this.history = new float[channels][2 * TAPS];
    }

    /**
     * Channel weights of BS.1770-4 for the usual layouts: 1 and 2 channels all 1.0; 5 channels (L R C Ls Rs) and 6
     * channels (L R C LFE Ls Rs, the 5.1 order of WAV and FFmpeg) with the LFE at 0 and the surrounds at 1.41; any
     * other count all 1.0.
     *
     * @param channels channel count, &gt; 0
     * @return the weights
     */
    public static double[] weightsFor(int channels) {
        return switch (channels) {
            case 5 -> new double[] {1, 1, 1, 1.41, 1.41};
            case 6 -> new double[] {1, 1, 1, 0, 1.41, 1.41};
            default -> {
                double[] w = new double[channels];
                Arrays.fill(w, 1);
                yield w;
            }
        };
    }

    /**
     * The K-weighting filter for a sample rate: two biquads {b0, b1, b2, a1, a2} (a0 = 1), the shelving pre-filter
     * then the RLB high-pass. Analog prototypes as in BS.1770-4 (shelf: 1681.97 Hz, +4.0 dB, Q 0.7072; high-pass:
     * 38.135 Hz, Q 0.5003), mapped by the bilinear transform with the frequency prewarped; these constants are the
     * ones that reproduce the standard's 48 kHz table (as derived in libebur128).
     *
     * @param sampleRate Hz
     * @return {stage1, stage2}
     */
    public static double[][] kWeighting(int sampleRate) {
        double f0 = 1681.974450955533, gainDb = 3.999843853973347, q = 0.7071752369554196;
        double k = Math.tan(Math.PI * f0 / sampleRate);
        double vh = Math.pow(10, gainDb / 20), vb = Math.pow(vh, 0.4996667741545416);
        double a0 = 1 + k / q + k * k;
        double[] shelf = {(vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0,
            2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0};
        f0 = 38.13547087602444;
        q = 0.5003270373238773;
        k = Math.tan(Math.PI * f0 / sampleRate);
        a0 = 1 + k / q + k * k;
        double[] highPass = {1, -2, 1, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0};
        return new double[][] {shelf, highPass};
    }

    /** BS.1770-4 annex 2: the example 4x interpolator, phases 0 and 1 (phase 2 is phase 1 reversed, 3 is 0's). */
    private static final double[] PHASE0 = {0.0017089843750, 0.0109863281250, -0.0196533203125, 0.0332031250000,
        -0.0594482421875, 0.1373291015625, 0.9721679687500, -0.1022949218750, 0.0476074218750, -0.0266113281250,
        0.0148925781250, -0.0083007812500};
    private static final double[] PHASE1 = {-0.0291748046875, 0.0292968750000, -0.0517578125000, 0.0891113281250,
        -0.1665039062500, 0.4650878906250, 0.7797851562500, -0.2003173828125, 0.1015625000000, -0.0582275390625,
        0.0330810546875, -0.0189208984375};

    /**
     * The true-peak interpolator of BS.1770-4 annex 2 (48 taps, 4 phases of 12): all four phases for 4x, phases 0
     * and 2 (the half-sample points) for 2x, phase 0 alone for none.
     */
    static double[][] interpolator(int factor) {
        double[] phase2 = reversed(PHASE1), phase3 = reversed(PHASE0);
        return switch (factor) {
            case 4 -> new double[][] {PHASE0, PHASE1, phase2, phase3};
            case 2 -> new double[][] {PHASE0, phase2};
            default -> new double[][] {PHASE0};
        };
    }

    private static double[] reversed(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) r[i] = a[a.length - 1 - i];
        return r;
    }

    /**
     * Adds samples.
     *
     * @param planar one array per channel, full scale -1..1
     * @param frames samples per channel to take from the start of each array
     */
    public void add(float[][] planar, int frames) {
        if (planar.length != channels) throw new IllegalArgumentException(planar.length + " channels, meter has "
            + channels);
        int done = 0;
        while (done < frames) {
            int n = Math.min(frames - done, subBlock - filled);
            for (int c = 0; c < channels; c++) {
                sum[c] += filterSquares(planar[c], done, n, state[c]);
            }
            peaks(planar, done, n);
            filled += n;
            done += n;
            if (filled == subBlock) {
                double e = 0;
                for (int c = 0; c < channels; c++) {
                    e += weight[c] * sum[c] / subBlock;
                    sum[c] = 0;
                }
                if (count == subBlocks.length) subBlocks = Arrays.copyOf(subBlocks, count * 2);
                subBlocks[count++] = e;
                filled = 0;
            }
        }
        samples += frames;
    }

    /** K-weights x[from..from+n), carrying the filter state: @return the sum of squares of the filtered samples */
    private double filterSquares(float[] x, int from, int n, double[] s) {
        double[] f1 = coefficients[0], f2 = coefficients[1];
        double b0 = f1[0], b1 = f1[1], b2 = f1[2], a1 = f1[3], a2 = f1[4];
        double c1 = f2[3], c2 = f2[4];
        double x1 = s[0], x2 = s[1], y1 = s[2], y2 = s[3], z1 = s[4], z2 = s[5];
        double acc = 0;
        for (int i = from, end = from + n; i < end; i++) {
            double in = x[i];
            double y = b0 * in + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = in;
            double z = y - 2 * y1 + y2 - c1 * z1 - c2 * z2; // stage 2: b = {1, -2, 1}, fed by stage 1's output
            y2 = y1;
            y1 = y;
            z2 = z1;
            z1 = z;
            acc += z * z;
        }
        s[0] = x1;
        s[1] = x2;
        s[2] = y1;
        s[3] = y2;
        s[4] = z1;
        s[5] = z2;
        return acc;
    }

    private void peaks(float[][] planar, int from, int n) {
        double gain = phaseGain[0];
        for (int i = from, end = from + n; i < end; i++) {
            int pos = historyPos;
            for (int c = 0; c < channels; c++) {
                float v = planar[c][i];
                float[] h = history[c];
                h[pos] = v;
                h[pos + TAPS] = v;
                double a = Math.abs(v);
                if (a > samplePeak) samplePeak = a;
                if (oversampling == 1) {
                    if (a > truePeak) truePeak = a;
                    continue;
                }
                // the interpolated value can exceed the window's largest sample by at most the taps' gain
                double local = 0;
                for (int t = 0; t < TAPS; t++) local = Math.max(local, Math.abs(h[pos + 1 + t]));
                if (local * gain <= truePeak) continue;
                for (double[] ph : phases) {
                    double acc = 0;
                    for (int t = 0; t < TAPS; t++) acc += ph[t] * h[pos + TAPS - t];
                    double av = Math.abs(acc);
                    if (av > truePeak) truePeak = av;
                }
            }
            historyPos = pos + 1 == TAPS ? 0 : pos + 1;
        }
    }

    /**
     * Momentary loudness every 10 ms: element k is the 400 ms ending with sub-block k + 39.
     *
     * @return LUFS values, {@link #SILENCE} for digital silence
     */
    public double[] momentarySeries() {
        return series(40);
    }

    /**
     * Short-term loudness every 10 ms: element k is the 3 s ending with sub-block k + 299.
     *
     * @return LUFS values
     */
    public double[] shortTermSeries() {
        return series(300);
    }

    private double[] series(int window) {
        double[] e = windowEnergies(window);
        double[] out = new double[e.length];
        for (int i = 0; i < e.length; i++) out[i] = lufs(e[i]);
        return out;
    }

    /** Mean energy of every run of {@code window} consecutive sub-blocks, by a running sum. */
    private double[] windowEnergies(int window) {
        int n = Math.max(0, count - window + 1);
        double[] out = new double[n];
        double run = 0;
        for (int k = 0; k < count; k++) {
            run += subBlocks[k];
            if (k >= window) run -= subBlocks[k - window];
            if (k >= window - 1) out[k - window + 1] = Math.max(0, run) / window;
        }
        return out;
    }

    /**
     * Measures a whole file's sound, true peak included.
     *
     * @param file any audio or video file FFmpeg reads
     * @return its measurements
     * @throws org.cinestack.media.MediaException when it cannot be read or has no sound, naming the file
     */
    public static Result measure(java.nio.file.Path file) {
        LoudnessMeter[] m = new LoudnessMeter[1];
        org.cinestack.media.AudioStream.read(file, (rate, channels) -> m[0] = new LoudnessMeter(rate,
            weightsFor(channels)), (planar, frames) -> m[0].add(planar, frames));
        return m[0].result();
    }

    /** @return the measurements so far (blocks not yet complete are left out, as the standards say) */
    public Result result() {
        double[] momentary = windowEnergies(40), shortTerm = windowEnergies(300);
        double maxM = SILENCE, maxS = SILENCE;
        for (double e : momentary) maxM = Math.max(maxM, lufs(e));
        for (double e : shortTerm) maxS = Math.max(maxS, lufs(e));
        // gating blocks and the loudness range's short-term values step by 100 ms
        double[] gating = new double[(momentary.length + 9) / 10];
        for (int k = 0; k < gating.length; k++) gating[k] = momentary[k * 10];
        double[] lraValues = new double[(shortTerm.length + 9) / 10];
        for (int k = 0; k < lraValues.length; k++) lraValues[k] = shortTerm[k * 10];
        return new Result(integrated(gating), range(lraValues), db(Math.max(truePeak, samplePeak)), db(samplePeak),
            maxM, maxS, (double) samples / rate);
    }

    /** BS.1770-4 gating over 400 ms block energies. */
    static double integrated(double[] blocks) {
        double sum = 0;
        int n = 0;
        double absolute = energy(ABSOLUTE_GATE);
        for (double e : blocks) if (e > absolute) {
            sum += e;
            n++;
        }
        if (n == 0) return SILENCE;
        double relative = energy(lufs(sum / n) - 10);
        sum = 0;
        n = 0;
        for (double e : blocks) if (e > absolute && e > relative) {
            sum += e;
            n++;
        }
        return n == 0 ? SILENCE : lufs(sum / n);
    }

    /** EBU Tech 3342 loudness range over short-term energies. */
    static double range(double[] shortTerm) {
        double absolute = energy(ABSOLUTE_GATE), sum = 0;
        int n = 0;
        for (double e : shortTerm) if (e > absolute) {
            sum += e;
            n++;
        }
        if (n == 0) return 0;
        double relative = energy(lufs(sum / n) - 20);
        double[] kept = Arrays.stream(shortTerm).filter(e -> e > absolute && e > relative).map(LoudnessMeter::lufs)
            .sorted().toArray();
        if (kept.length < 2) return 0;
        return percentile(kept, 0.95) - percentile(kept, 0.10);
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(double[] sorted, double p) {
        int i = (int) Math.round((sorted.length - 1) * p);
        return sorted[Math.clamp(i, 0, sorted.length - 1)];
    }

    /** @return loudness of a weighted mean square, LUFS */
    static double lufs(double energy) {
        return energy <= 0 ? SILENCE : -0.691 + 10 * Math.log10(energy);
    }

    private static double energy(double lufs) {
        return Math.pow(10, (lufs + 0.691) / 10);
    }

    private static double db(double amplitude) {
        return amplitude <= 0 ? SILENCE : 20 * Math.log10(amplitude);
    }
}
