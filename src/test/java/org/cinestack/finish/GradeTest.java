package org.cinestack.finish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The grade's steps measured on colours, and its compiled LUT against the grade itself. */
class GradeTest {
    static final double[] SKIN = {0.86, 0.64, 0.52}; // a light skin tone, sRGB

    static double[] graded(Grade g, double... rgb) {
        double[] x = rgb.clone();
        g.apply(x);
        return x;
    }

    static double[] lab(double... rgb) {
        double[] x = rgb.clone();
        Cielab.toLab(x);
        return x;
    }

    static double hue(double[] lab) {
        return Math.toDegrees(Math.atan2(lab[2], lab[1]));
    }

    @Test
    void theEmptyGradeCompilesToIdentity() {
        CubeLut lut = Grade.NONE.compile(17);
        Random rnd = new Random(1);
        for (int i = 0; i < 500; i++) {
            double[] c = {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()}, x = c.clone();
            lut.apply(x);
            assertThat(x).containsExactly(c, within(1e-6));
        }
    }

    @Test
    void oneStopDoublesLinearLight() {
        Grade g = new Grade(1, 0, 0, Optional.empty(), Optional.empty(), Optional.empty());
        for (double v : new double[] {0.05, 0.2, 0.4, 0.6}) {
            double out = graded(g, v, v, v)[0];
            assertThat(Cielab.linear(out)).isCloseTo(2 * Cielab.linear(v), within(1e-9));
        }
        assertThat(graded(g, 0.9, 0.9, 0.9)[0]).as("clipped at white").isEqualTo(1.0);
    }

    @Test
    void softContrastIsAnSCurveWithProtectedHighlights() {
        Grade g = new Grade(0, 1, 0, Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(graded(g, 0, 0, 0)[0]).isZero();
        assertThat(graded(g, 1, 1, 1)[0]).isEqualTo(1.0);
        assertThat(graded(g, 0.5, 0.5, 0.5)[0]).isCloseTo(0.5, within(1e-12));
        assertThat(graded(g, 0.25, 0.25, 0.25)[0]).as("shadows go down").isLessThan(0.25);
        assertThat(graded(g, 0.65, 0.65, 0.65)[0]).as("upper mids go up").isGreaterThan(0.65);
        assertThat(graded(g, 0.95, 0.95, 0.95)[0]).as("highlights barely move").isCloseTo(0.95, within(0.01));
        double prev = -1;
        for (int i = 0; i <= 100; i++) {
            double v = graded(g, i / 100.0, i / 100.0, i / 100.0)[0];
            assertThat(v).as("monotonic").isGreaterThanOrEqualTo(prev);
            prev = v;
        }
        double[] c = graded(g, 0.6, 0.4, 0.3);
        assertThat(hue(lab(c))).as("contrast keeps the hue").isCloseTo(hue(lab(0.6, 0.4, 0.3)), within(2.0));
    }

    @Test
    void looksDoWhatTheirNamesSay() {
        double[] mid = {0.55, 0.35, 0.3};
        double c0 = Math.hypot(lab(mid)[1], lab(mid)[2]);
        double[] bb = lab(graded(preset(Grade.Preset.BLEACH_BYPASS, 0), mid));
        assertThat(Math.hypot(bb[1], bb[2]) / c0).as("bleach bypass halves chroma").isCloseTo(0.5, within(0.08));
        double[] shadow = lab(graded(preset(Grade.Preset.TEAL_ORANGE, 0), 0.12, 0.12, 0.12));
        assertThat(shadow[1]).as("teal shadows: toward green").isNegative();
        assertThat(shadow[2]).as("teal shadows: toward blue").isNegative();
        double[] light = lab(graded(preset(Grade.Preset.TEAL_ORANGE, 0), 0.85, 0.85, 0.85));
        assertThat(light[1]).isPositive();
        assertThat(light[2]).as("orange highlights").isPositive();
        double[] cool = lab(graded(preset(Grade.Preset.COOL_DOCUMENTARY, 0), 0.5, 0.5, 0.5));
        assertThat(cool[2]).as("cool: toward blue").isLessThan(-3);
        double[] noir = lab(graded(preset(Grade.Preset.WARM_NOIR, 0), 0.5, 0.5, 0.5));
        assertThat(noir[2]).as("warm").isGreaterThan(3);
    }

    static Grade preset(Grade.Preset p, double skin) {
        return new Grade(0, 0, skin, Optional.empty(), Optional.of(p), Optional.empty());
    }

    @ParameterizedTest
    @EnumSource(value = Grade.Preset.class, names = {"COOL_DOCUMENTARY", "TEAL_ORANGE"})
    void skinKeepsItsHueUnderALookWhenProtected(Grade.Preset p) {
        double h0 = hue(lab(SKIN));
        double free = Math.abs(hue(lab(graded(preset(p, 0), SKIN))) - h0);
        double kept = Math.abs(hue(lab(graded(preset(p, 1), SKIN))) - h0);
        assertThat(kept).as("protected skin's hue change").isLessThan(1.0);
        assertThat(kept).isLessThan(free);
        double[] sky = {0.35, 0.55, 0.85};
        assertThat(graded(preset(p, 1), sky)).as("protection leaves other hues to the look")
            .containsExactly(graded(preset(p, 0), sky), within(1e-12));
    }

    @Test
    void theCompiledLutEqualsTheGrade() {
        Grade g = new Grade(0.5, 0.6, 1, Optional.empty(), Optional.of(Grade.Preset.TEAL_ORANGE), Optional.empty());
        CubeLut lut = g.compile(33);
        Random rnd = new Random(3);
        double[] err = new double[6000];
        for (int i = 0; i < 2000; i++) {
            double[] c = {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()}, x = c.clone(), y = c.clone();
            g.apply(x);
            lut.apply(y);
            for (int k = 0; k < 3; k++) err[i * 3 + k] = Math.abs(x[k] - y[k]) * 255;
        }
        java.util.Arrays.sort(err);
        // measured: median 0.02, 99th percentile 1.8, largest 7.6 code values
        assertThat(err[(int) (err.length * 0.99)]).as("99th percentile (gamut clipping after the look bends)").isLessThan(2.5);
        assertThat(err[err.length - 1]).as("largest, at clipping and skin-band edges").isLessThan(10.0);
    }

    @Test
    void exposureComesBeforeTheLook() {
        Grade both = new Grade(1, 0, 0, Optional.empty(), Optional.of(Grade.Preset.BLEACH_BYPASS), Optional.empty());
        double[] a = graded(both, 0.3, 0.2, 0.15);
        double[] manual = graded(preset(Grade.Preset.BLEACH_BYPASS, 0), graded(new Grade(1, 0, 0, Optional.empty(),
            Optional.empty(), Optional.empty()), 0.3, 0.2, 0.15));
        assertThat(a).containsExactly(manual, within(1e-12));
        assertThat(Grade.Preset.of("teal-orange")).contains(Grade.Preset.TEAL_ORANGE);
    }
}
