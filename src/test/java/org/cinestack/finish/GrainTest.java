package org.cinestack.finish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Grain measured on flat grey frames: the noise's standard deviation per luminance band follows {@code 4 Y (1 - Y)}
 * (peak in the mid-tones, falling off in shadows and highlights), coarser stocks clump (neighbouring pixels
 * correlate), the grain is new every frame and the same for the same seed.
 */
class GrainTest {
    static final int W = 480, H = 270;

    static double[] measure(Grain g, int level, long frame) {
        byte[] f = new byte[W * H * 3];
        Arrays.fill(f, (byte) level);
        g.apply(f, W, 0, 0, W, H, frame);
        double sum = 0, sum2 = 0, lag = 0;
        int n = W * H;
        for (int i = 0; i < n; i++) {
            double d = (f[i * 3 + 1] & 255) - level;
            sum += d;
            sum2 += d * d;
            if ((i % W) < W - 1) lag += d * ((f[(i + 1) * 3 + 1] & 255) - level);
        }
        double mean = sum / n, var = sum2 / n - mean * mean;
        return new double[] {mean, Math.sqrt(var), lag / n / var};
    }

    @ParameterizedTest
    @EnumSource(Grain.Stock.class)
    void deviationPerLuminanceBandFollowsTheCurve(Grain.Stock stock) {
        Grain g = new Grain(1.0, 42, stock);
        double mid = measure(g, 128, 0)[1];
        // triangular noise in -1..1 has standard deviation 1/sqrt(6)
        assertThat(mid).isCloseTo(g.peakCodeValues() / Math.sqrt(6), within(0.12 * g.peakCodeValues() / Math.sqrt(6)));
        for (int level : new int[] {32, 64, 96, 160, 192, 224}) {
            double y = level / 255.0, want = 4 * y * (1 - y) / (4 * 128 / 255.0 * (1 - 128 / 255.0));
            double[] m = measure(g, level, 0);
            assertThat(m[0]).as("zero mean at %d", level).isCloseTo(0, within(0.15));
            assertThat(m[1] / mid).as("deviation at %d relative to mid-grey", level).isCloseTo(want, within(0.12));
        }
        assertThat(measure(g, 16, 0)[1]).as("deep shadows are quiet").isLessThan(mid * 0.4);
        assertThat(measure(g, 245, 0)[1]).as("highlights are quiet").isLessThan(mid * 0.3);
    }

    @ParameterizedTest
    @EnumSource(Grain.Stock.class)
    void coarserStocksClumpAndGrainIsNewEachFrameButRepeatable(Grain.Stock stock) {
        Grain g = new Grain(1.0, 42, stock);
        double corr = measure(g, 128, 3)[2];
        double cell = stock.sizePx() * H / 1080.0;
        if (cell <= 1) assertThat(Math.abs(corr)).as("per-pixel grain is uncorrelated").isLessThan(0.05);
        byte[] a = new byte[W * H * 3], b = new byte[W * H * 3], c = new byte[W * H * 3];
        Arrays.fill(a, (byte) 128);
        Arrays.fill(b, (byte) 128);
        Arrays.fill(c, (byte) 128);
        g.apply(a, W, 0, 0, W, H, 5);
        g.apply(b, W, 0, 0, W, H, 5);
        g.apply(c, W, 0, 0, W, H, 6);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @org.junit.jupiter.api.Test
    void grainSizeGrowsFromFiftyDaylightToSixteenMillimetre() {
        int h = 1080, w = 640;
        double[] corr = new double[3];
        Grain.Stock[] order = {Grain.Stock.VISION3_250D, Grain.Stock.VISION3_500T, Grain.Stock.SIXTEEN_MM};
        for (int k = 0; k < 3; k++) {
            byte[] f = new byte[w * h * 3];
            Arrays.fill(f, (byte) 128);
            new Grain(1.0, 9, order[k]).apply(f, w, 0, 0, w, h, 0);
            double s2 = 0, lag = 0;
            for (int i = 0; i < w * h - 1; i++) {
                double d = (f[i * 3 + 1] & 255) - 128, e = (f[(i + 1) * 3 + 1] & 255) - 128;
                s2 += d * d;
                if (i % w < w - 1) lag += d * e;
            }
            corr[k] = lag / s2;
        }
        assertThat(corr[0]).isLessThan(corr[1]);
        assertThat(corr[1]).isLessThan(corr[2]);
        assertThat(Grain.Stock.of("Kodak Vision3 500T")).isEqualTo(Grain.Stock.VISION3_500T);
        assertThat(Grain.Stock.of("16mm, 7219")).isEqualTo(Grain.Stock.SIXTEEN_MM);
        assertThat(Grain.Stock.of("Vision3 50D 5203")).isEqualTo(Grain.Stock.VISION3_50D);
    }
}
