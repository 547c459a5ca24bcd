package org.cinestack.finish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Harmonisation: after the Monge-Kantorovitch transfer the shot's colour covariance equals the reference's; after
 * Reinhard's, its per-channel mean and standard deviation in CIELAB equal the reference's. Seeded random "shots":
 * correlated colour clouds with a cast, like a warm and a cool take of the same scene.
 */
class ColourMatchTest {
    static double[] shot(Random rnd, int n, double[] cast, double spread) {
        double[] px = new double[n * 3];
        double[] mix = new double[9];
        for (int i = 0; i < 9; i++) mix[i] = (i % 4 == 0 ? 1 : 0) + (rnd.nextDouble() - 0.5) * 0.6;
        for (int i = 0; i < n; i++) {
            double y = rnd.nextDouble();
            double[] g = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
            for (int c = 0; c < 3; c++) {
                double v = 0.15 + 0.6 * y + cast[c] + spread * (mix[c * 3] * g[0] + mix[c * 3 + 1] * g[1]
                    + mix[c * 3 + 2] * g[2]);
                px[i * 3 + c] = Math.clamp(v, 0.0, 1.0);
            }
        }
        return px;
    }

    static double[] applied(ColourMatch.Transform t, double[] px) {
        double[] out = px.clone(), c = new double[3];
        for (int i = 0; i < out.length; i += 3) {
            System.arraycopy(out, i, c, 0, 3);
            t.apply(c);
            System.arraycopy(c, 0, out, i, 3);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void mklGivesTheShotTheReferencesMeanAndCovariance(long seed) {
        Random rnd = new Random(seed);
        double[] warm = shot(rnd, 20_000, new double[] {0.08, 0.0, -0.08}, 0.05);
        double[] cool = shot(rnd, 20_000, new double[] {-0.06, 0.01, 0.1}, 0.08);
        ColourMatch.Stats after = ColourMatch.Stats.of(applied(ColourMatch.mkl(warm, cool), warm));
        ColourMatch.Stats ref = ColourMatch.Stats.of(cool);
        assertThat(after.mean()).containsExactly(ref.mean(), within(1e-9));
        assertThat(after.covariance()).containsExactly(ref.covariance(), within(1e-9));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void reinhardGivesTheShotTheReferencesLabMeanAndDeviation(long seed) {
        Random rnd = new Random(seed);
        double[] warm = shot(rnd, 20_000, new double[] {0.08, 0.0, -0.08}, 0.05);
        double[] cool = shot(rnd, 20_000, new double[] {-0.06, 0.01, 0.1}, 0.08);
        ColourMatch.Stats after = ColourMatch.Stats.of(ColourMatch.lab(applied(ColourMatch.reinhard(warm, cool),
            warm)));
        ColourMatch.Stats ref = ColourMatch.Stats.of(ColourMatch.lab(cool));
        for (int c = 0; c < 3; c++) {
            assertThat(after.mean()[c]).isCloseTo(ref.mean()[c], within(1e-6));
            assertThat(after.std(c)).isCloseTo(ref.std(c), within(1e-6));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void labRoundTripsAndTheLutOfAMatchAppliesTheMatch(long seed) {
        Random rnd = new Random(seed);
        for (int i = 0; i < 1000; i++) {
            double[] c = {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()}, x = c.clone();
            Cielab.toLab(x);
            Cielab.fromLab(x);
            assertThat(x).containsExactly(c, within(1e-7));
        }
        double[] warm = shot(rnd, 5000, new double[] {0.08, 0.0, -0.08}, 0.05);
        double[] cool = shot(rnd, 5000, new double[] {-0.06, 0.01, 0.1}, 0.08);
        ColourMatch.Transform t = ColourMatch.mkl(warm, cool);
        CubeLut lut = t.toLut(17);
        for (int i = 0; i < 200; i++) {
            double[] c = {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()}, x = c.clone(), y = c.clone();
            t.apply(x);
            lut.apply(y);
            assertThat(y).as("an affine map survives a LUT exactly (tetrahedral)").containsExactly(x, within(1e-5));
        }
    }
}
