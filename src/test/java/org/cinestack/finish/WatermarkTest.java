package org.cinestack.finish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The watermark sits in the bottom-right corner, lightens its text and darkens its edge, and touches nothing else. */
class WatermarkTest {

    @ParameterizedTest
    @CsvSource({"1920,1080", "1080,1920", "1080,1080", "320,180"})
    void theTextLandsInTheCornerAndNowhereElse(int w, int h) {
        byte[] frame = new byte[w * h * 3];
        java.util.Arrays.fill(frame, (byte) 128);
        Watermark mark = new Watermark("AI-generated", w, h);
        mark.apply(frame);
        int[] a = mark.area();
        assertThat(a[0] + a[2]).isLessThan(w).isGreaterThan(w * 9 / 10);
        assertThat(a[1] + a[3]).isLessThan(h).isGreaterThan(h * 9 / 10);
        int lighter = 0, darker = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = frame[(y * w + x) * 3] & 255;
                boolean inside = x >= a[0] && x < a[0] + a[2] && y >= a[1] && y < a[1] + a[3];
                if (!inside) assertThat(v).as("(%d, %d) outside the mark", x, y).isEqualTo(128);
                if (v > 170) lighter++;
                if (v < 100) darker++;
            }
        }
        assertThat(lighter).as("text pixels").isGreaterThan(a[2] * a[3] / 20);
        assertThat(darker).as("edge pixels").isGreaterThan(a[2] * a[3] / 40);
    }

    /** Marking a frame whose corner is not drawn again (a bar, a held gap) gives the same picture every time. */
    @org.junit.jupiter.api.Test
    void markingTheSameFrameTwiceDoesNotDarkenOrLightenIt() {
        byte[] frame = new byte[640 * 360 * 3], a = new byte[frame.length], b = new byte[frame.length];
        java.util.Arrays.fill(frame, (byte) 90);
        Watermark mark = new Watermark("AI-generated", 640, 360);
        mark.over(frame, a);
        mark.over(frame, b);
        assertThat(b).isEqualTo(a).isNotEqualTo(frame);
        assertThat(frame).containsOnly((byte) 90);
    }

    @org.junit.jupiter.api.Test
    void aLabelWiderThanTheFrameIsRefused() {
        assertThatThrownBy(() -> new Watermark("a very long watermark that cannot fit", 120, 90))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorten it");
        assertThatThrownBy(() -> new Watermark("  ", 1920, 1080)).isInstanceOf(IllegalArgumentException.class);
    }
}
