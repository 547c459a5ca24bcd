package org.cinestack.finish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Y'CbCr matrices against the standards' codes, and the grade compiled into Y'CbCr against grading in RGB. */
class YCbCrTest {

    @Test
    void primariesAndGreysGiveTheStandardsCodes() {
        double[] ycc = new double[3];
        YCbCr.BT601.fromRgb(new double[] {1, 0, 0}, ycc); // BT.601 red: 81, 90, 240
        assertThat(ycc).containsExactly(new double[] {81.481, 90.2, 240}, within(0.06));
        YCbCr.BT709.fromRgb(new double[] {1, 0, 0}, ycc); // BT.709 red: 63, 102, 240
        assertThat(ycc).containsExactly(new double[] {62.56, 102.34, 240}, within(0.06));
        YCbCr.BT709.fromRgb(new double[] {0, 0, 1}, ycc); // BT.709 blue: 32, 240, 118
        assertThat(ycc).containsExactly(new double[] {31.81, 240, 117.73}, within(0.06));
        for (YCbCr m : YCbCr.values()) {
            m.fromRgb(new double[] {1, 1, 1}, ycc);
            assertThat(ycc).containsExactly(new double[] {235, 128, 128}, within(1e-9));
            m.fromRgb(new double[] {0, 0, 0}, ycc);
            assertThat(ycc).containsExactly(new double[] {16, 128, 128}, within(1e-9));
        }
        assertThat(YCbCr.of(1)).isEqualTo(YCbCr.BT709);
        assertThat(YCbCr.of(6)).isEqualTo(YCbCr.BT601);
        assertThat(YCbCr.of(2)).isEqualTo(YCbCr.BT601); // unspecified: swscale's default
    }

    @ParameterizedTest
    @CsvSource({"1,BT601", "2,BT709", "3,BT601"})
    void toRgbUndoesFromRgb(long seed, YCbCr m) {
        Random rnd = new Random(seed);
        double[] rgb = new double[3], ycc = new double[3], back = new double[3];
        for (int i = 0; i < 1000; i++) {
            for (int c = 0; c < 3; c++) rgb[c] = rnd.nextDouble();
            m.fromRgb(rgb, ycc);
            m.toRgb(ycc[0], ycc[1], ycc[2], back);
            assertThat(back).containsExactly(rgb, within(1e-12));
        }
    }

    /**
     * Random colours of the whole RGB cube, saturated edges included, as 8-bit Y'CbCr in one matrix: the compiled
     * table (integer path, a 2x2 block of one colour) against converting to RGB, grading in double and converting
     * to the output matrix.
     */
    @ParameterizedTest
    @CsvSource({"1,BT601,BT601,TEAL_ORANGE", "2,BT709,BT601,BLEACH_BYPASS", "3,BT601,BT601,WARM_NOIR",
        "4,BT709,BT709,COOL_DOCUMENTARY"})
    void theCompiledTableAgreesWithGradingInRgb(long seed, YCbCr in, YCbCr out, Grade.Preset look) {
        CubeLut grade = new Grade(0.2, 0.5, 0.7, Optional.empty(), Optional.of(look), Optional.empty()).compile(33);
        Lut8 table = Lut8.of(in.compile(Optional.of(grade), out, FinishPass.YUV_LATTICE));
        assertThat(table.packed()).isTrue();
        Random rnd = new Random(seed);
        int n = 20_000, withinOne = 0, worst = 0;
        double[] rgb = new double[3], ycc = new double[3];
        byte[] block = new byte[6], result = new byte[6];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) rgb[c] = rnd.nextInt(256) / 255.0;
            in.fromRgb(rgb, ycc);
            int y = (int) Math.round(ycc[0]), cb = (int) Math.round(ycc[1]), cr = (int) Math.round(ycc[2]);
            block[0] = block[1] = block[2] = block[3] = (byte) y;
            block[4] = (byte) cb;
            block[5] = (byte) cr;
            table.applyYuv420(block, 2, 2, 0, result, 2, 2, 0, 0);
            in.toRgb(y, cb, cr, rgb);
            for (int c = 0; c < 3; c++) rgb[c] = Math.clamp(rgb[c], 0, 1);
            grade.apply(rgb);
            for (int c = 0; c < 3; c++) rgb[c] = Math.clamp(rgb[c], 0, 1);
            out.fromRgb(rgb, ycc);
            int d = 0;
            for (int c = 0; c < 3; c++) d = Math.max(d, Math.abs((result[c == 0 ? 0 : c + 3] & 0xff) - (int) Math.round(ycc[c])));
            for (int q = 1; q < 4; q++) assertThat(result[q]).isEqualTo(result[0]);
            if (d <= 1) withinOne++;
            worst = Math.max(worst, d);
        }
        assertThat(withinOne).as("colours within one code").isGreaterThanOrEqualTo((int) (n * 0.99));
        assertThat(worst).as("largest difference in codes").isLessThanOrEqualTo(4);
    }

    /** Without a grade and between two matrices, the table is a plain conversion: exact at the lattice's accuracy. */
    @Test
    void withoutAGradeTheTableConvertsBetweenMatrices() {
        Lut8 table = Lut8.of(YCbCr.BT709.compile(Optional.empty(), YCbCr.BT601, FinishPass.YUV_LATTICE));
        Random rnd = new Random(9);
        double[] rgb = new double[3], ycc = new double[3];
        byte[] block = new byte[6], result = new byte[6];
        for (int i = 0; i < 5000; i++) {
            for (int c = 0; c < 3; c++) rgb[c] = 0.05 + 0.9 * rnd.nextDouble(); // inside the cube: no clamping
            YCbCr.BT709.fromRgb(rgb, ycc);
            int y = (int) Math.round(ycc[0]), cb = (int) Math.round(ycc[1]), cr = (int) Math.round(ycc[2]);
            block[0] = block[1] = block[2] = block[3] = (byte) y;
            block[4] = (byte) cb;
            block[5] = (byte) cr;
            table.applyYuv420(block, 2, 2, 0, result, 2, 2, 0, 0);
            YCbCr.BT709.toRgb(y, cb, cr, rgb);
            YCbCr.BT601.fromRgb(rgb, ycc);
            assertThat(result[0] & 0xff).isCloseTo((int) Math.round(ycc[0]), within(1));
            assertThat(result[4] & 0xff).isCloseTo((int) Math.round(ycc[1]), within(1));
            assertThat(result[5] & 0xff).isCloseTo((int) Math.round(ycc[2]), within(1));
        }
    }
}
