package org.cinestack.finish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fused pass gives exactly what the LUT, the letterbox and the grain give one after the other; its 4:2:0 form. */
class FinishPassTest {

    @ParameterizedTest
    @CsvSource({"1,320,134,320,180,VISION3_500T,true", "2,240,180,320,180,SIXTEEN_MM,true",
        "3,320,180,320,180,DEFAULT,false", "4,300,120,320,180,VISION3_50D,true"})
    void theFusedPassEqualsTheSteps(long seed, int pw, int ph, int fw, int fh, Grain.Stock stock, boolean graded) {
        Random rnd = new Random(seed);
        byte[] picture = new byte[pw * ph * 3];
        for (int i = 0; i < picture.length; i++) picture[i] = (byte) (i / 3 % pw + rnd.nextInt(20));
        Optional<CubeLut> lut = graded ? Optional.of(new Grade(0.2, 0.4, 0.7, Optional.empty(),
            Optional.of(Grade.Preset.WARM_NOIR), Optional.empty()).compile(17)) : Optional.empty();
        Grain grain = new Grain(0.6, seed, stock);
        byte[] fused = new byte[fw * fh * 3];
        new FinishPass(lut, grain, pw, ph, fw, fh).apply(picture, fused, 5);
        byte[] steps = new byte[fw * fh * 3], work = picture.clone();
        lut.ifPresent(l -> l.applyBgr24(work, pw * ph));
        Letterbox.place(work, pw, ph, steps, fw, fh);
        int[] o = Letterbox.origin(pw, ph, fw, fh);
        grain.apply(steps, fw, o[0], o[1], pw, ph, 5);
        assertThat(fused).isEqualTo(steps);
        assertThat(fused).isNotEqualTo(new byte[fused.length]);
    }

    /** A smooth picture with noise, BGR24. */
    private static byte[] picture(long seed, int pw, int ph) {
        Random rnd = new Random(seed);
        byte[] picture = new byte[pw * ph * 3];
        for (int y = 0, i = 0; y < ph; y++) {
            for (int x = 0; x < pw; x++, i += 3) {
                picture[i] = (byte) (20 + x * 200 / pw + rnd.nextInt(9));
                picture[i + 1] = (byte) (30 + y * 190 / ph + rnd.nextInt(9));
                picture[i + 2] = (byte) (40 + (x + y) * 180 / (pw + ph) + rnd.nextInt(9));
            }
        }
        return picture;
    }

    /**
     * The 4:2:0 pass against the BGR24 pass it replaces: the picture decoded to BGR24 (each pixel with its block's
     * chroma), graded and placed there, and brought back to 4:2:0 (box-filtered chroma), as swscale did around the
     * BGR24 pass. No grain here (it is drawn the same, but rounds differently).
     */
    @ParameterizedTest
    @CsvSource({"1,320,134,320,180,WARM_NOIR", "2,240,180,320,180,TEAL_ORANGE", "3,320,180,320,180,BLEACH_BYPASS"})
    void theFourTwoZeroPassAgreesWithTheBgrPass(long seed, int pw, int ph, int fw, int fh, Grade.Preset look) {
        byte[] yuv = YCbCr.BT601.fromBgr24(picture(seed, pw, ph), pw, ph);
        Optional<CubeLut> lut = Optional.of(new Grade(0.2, 0.4, 0.7, Optional.empty(), Optional.of(look),
            Optional.empty()).compile(33));
        byte[] native420 = FinishPass.blackYuv420(fw, fh);
        FinishPass.yuv420(lut, YCbCr.BT601, YCbCr.BT601, new Grain(0, 0), pw, ph, fw, fh).applyYuv420(yuv, native420, 0);
        byte[] bgr = new byte[pw * ph * 3];
        new FinishPass(lut, new Grain(0, 0), pw, ph, pw, ph).apply(YCbCr.BT601.toBgr24(yuv, pw, ph), bgr, 0);
        byte[] viaBgr = YCbCr.BT601.fromBgr24(bgr, pw, ph);
        int[] o = Letterbox.origin(pw, ph, fw, fh);
        int x0 = o[0] & ~1, y0 = o[1] & ~1; // a 4:2:0 picture starts on a chroma sample
        long sum = 0;
        int worst = 0;
        for (int plane = 0, at = 0; plane < 3; plane++) {
            int s = plane == 0 ? 1 : 2, w = pw / s, h = ph / s, start = plane == 0 ? 0
                : fw * fh + (plane - 1) * (fw / 2) * (fh / 2);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++, at++) {
                    int d = Math.abs((native420[start + (y0 / s + y) * (fw / s) + x0 / s + x] & 0xff)
                        - (viaBgr[at] & 0xff));
                    sum += d;
                    worst = Math.max(worst, d);
                }
            }
        }
        assertThat(sum / (double) viaBgr.length).as("mean difference in codes").isLessThan(0.5);
        assertThat(worst).as("largest difference in codes").isLessThanOrEqualTo(3);
        if (fh > ph) {
            assertThat(native420[0]).isEqualTo((byte) 16); // the bars stay black
            assertThat(native420[fw * fh]).isEqualTo((byte) 128);
        }
    }

    /**
     * Grain on 4:2:0 touches Y' alone, the picture's chroma is copied as it was, and Y' moves by 219/255 of what the
     * same grain moves R', G' and B' by.
     */
    @Test
    void grainOnFourTwoZeroMovesLumaAlone() {
        int w = 320, h = 180;
        byte[] grey = new byte[w * h * 3];
        java.util.Arrays.fill(grey, (byte) 128);
        byte[] yuv = YCbCr.BT601.fromBgr24(grey, w, h);
        Grain grain = new Grain(0.8, 11, Grain.Stock.DEFAULT);
        byte[] out = FinishPass.blackYuv420(w, h);
        FinishPass.yuv420(Optional.empty(), YCbCr.BT601, YCbCr.BT601, grain, w, h, w, h).applyYuv420(yuv, out, 3);
        assertThat(java.util.Arrays.copyOfRange(out, w * h, out.length))
            .isEqualTo(java.util.Arrays.copyOfRange(yuv, w * h, yuv.length));
        byte[] bgr = new byte[w * h * 3];
        new FinishPass(Optional.empty(), grain, w, h, w, h).apply(grey, bgr, 3);
        double yuvVar = 0, bgrVar = 0;
        for (int i = 0; i < w * h; i++) {
            double dy = (out[i] & 0xff) - (yuv[i] & 0xff), dg = (bgr[i * 3 + 1] & 0xff) - 128;
            yuvVar += dy * dy;
            bgrVar += dg * dg;
        }
        assertThat(Math.sqrt(yuvVar / bgrVar)).isCloseTo(219 / 255.0, within(0.03));
    }

    @Test
    void oddSizesAndTheWrongFormAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FinishPass.yuv420(Optional.empty(), YCbCr.BT601,
            YCbCr.BT601, new Grain(0, 0), 321, 180, 322, 180)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("even");
        FinishPass rgb = new FinishPass(Optional.empty(), new Grain(0, 0), 4, 4, 4, 4);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rgb.applyYuv420(new byte[24], new byte[24], 0))
            .isInstanceOf(IllegalStateException.class);
    }
}
