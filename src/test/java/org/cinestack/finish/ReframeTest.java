package org.cinestack.finish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The crop path keeps the subject inside, holds still when it can, and moves smoothly when it must. */
class ReframeTest {
    @Test
    void holdsStillWhenOnePositionKeepsTheSubjectIn() {
        List<int[]> boxes = new ArrayList<>();
        for (int i = 0; i < 48; i++) boxes.add(new int[] {900 + (i % 5), 100, 120, 500});
        int[] x = Reframe.path(1920, 452, boxes, 48, 24);
        assertThat(x).containsOnly(x[0]);
        assertThat(x[0]).isBetween(900 + 4 + 120 - 452, 900);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void aMovingSubjectStaysInsideAndThePathIsSmooth(long seed) {
        Random rnd = new Random(seed);
        int frames = 96, w = 60 + rnd.nextInt(300);
        double pos = rnd.nextDouble() * (1920 - w), v = (rnd.nextDouble() - 0.5) * 30;
        List<int[]> boxes = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            pos = Math.clamp(pos + v + rnd.nextGaussian() * 2, 0, 1920 - w);
            boxes.add(new int[] {(int) pos, 50, w, 600});
        }
        int crop = 452;
        int[] x = Reframe.path(1920, crop, boxes, frames, 24);
        int biggestStep = 0;
        for (int i = 0; i < frames; i++) {
            int[] b = boxes.get(i);
            assertThat(x[i]).as("frame %d: box %d..%d inside window %d..%d", i, b[0], b[0] + b[2], x[i], x[i] + crop)
                .isLessThanOrEqualTo(b[0]).isGreaterThanOrEqualTo(b[0] + b[2] - crop);
            if (i > 0) biggestStep = Math.max(biggestStep, Math.abs(x[i] - x[i - 1]));
        }
        assertThat(biggestStep).as("no jumps larger than the subject's own speed allows").isLessThanOrEqualTo(40);
    }

    @Test
    void withoutBoxesTheWindowIsCentred() {
        assertThat(Reframe.path(1920, 452, null, 10, 24)).containsOnly((1920 - 452) / 2);
    }

    /** A box wider than the window whose centre falls between pixels, moving: one position per frame, rounded. */
    @Test
    void aWideBoxWithAHalfPixelCentreGivesAWholePosition() {
        java.util.List<int[]> boxes = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) boxes.add(new int[] {100 + 3 * i, 0, 301, 200}); // centre at .5
        int[] x = Reframe.path(720, 240, boxes, 30, 24);
        for (int i = 0; i < 30; i++) {
            assertThat(Math.abs(x[i] + 120 - (100 + 3 * i + 150.5))).as("frame %d", i).isLessThanOrEqualTo(1);
        }
    }
}
