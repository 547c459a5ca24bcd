package org.cinestack.finish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.media.VideoWriter;

/** A master of three 12-frame shots, warm, cool, warm, in letterbox bars: the cuts are measured inside the picture. */
class ContinuityTest {
    @Test
    void aCoolShotBetweenWarmOnesIsFlaggedAndMatchingRemovesTheCast(@TempDir Path dir) {
        Path master = dir.resolve("m.mp4");
        int w = 64, h = 48;
        int[][] colours = {{200, 150, 110}, {110, 150, 200}, {200, 150, 110}}; // r g b
        try (VideoWriter v = new VideoWriter(master, w, h, 24, false, VideoWriter.Settings.TAKE)) {
            for (int[] rgb : colours) {
                for (int f = 0; f < 12; f++) {
                    byte[] bgr = new byte[w * h * 3];
                    for (int y = 8; y < 40; y++) { // the picture; black bars above and below
                        for (int x = 0; x < w; x++) {
                            int i = (y * w + x) * 3, ramp = (x + y) % 24 - 12;
                            bgr[i] = (byte) (rgb[2] + ramp);
                            bgr[i + 1] = (byte) (rgb[1] + ramp);
                            bgr[i + 2] = (byte) (rgb[0] + ramp);
                        }
                    }
                    v.write(bgr);
                }
            }
        }
        List<Continuity.Cut> cuts = Continuity.measure(master, List.of("a", "b", "c"), List.of("s", "s", "t"),
            new int[] {12, 12, 12}, new int[] {0, 8, 64, 32}, 5);
        assertThat(cuts).hasSize(2);
        assertThat(cuts.get(0).before()).isGreaterThan(20);
        assertThat(cuts.get(0).flagged()).isTrue();
        assertThat(cuts.get(0).afterMkl()).isLessThan(1);
        assertThat(cuts.get(0).afterReinhard()).isLessThan(1);
        assertThat(cuts.get(1).sameScene()).isFalse();
        assertThat(cuts.get(1).flagged()).as("a change of scene is not a mismatch").isFalse();
    }
}
