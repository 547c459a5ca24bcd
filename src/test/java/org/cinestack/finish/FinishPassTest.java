package org.cinestack.finish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fused pass gives exactly what the LUT, the letterbox and the grain give one after the other. */
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
}
