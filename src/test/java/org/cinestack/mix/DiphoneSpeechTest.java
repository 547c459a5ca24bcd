package org.cinestack.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in voice, measured on what it says: a female variant speaks higher, {@code pitch} moves it, {@code rate}
 * changes the length of a line.
 */
class DiphoneSpeechTest {
    private static final String LINE = "The lamp went out at midnight, and nobody came to light it again.";
    private static DiphoneSpeech speech;

    @BeforeAll
    static void load() {
        speech = DiphoneSpeech.shared();
    }

    @Test
    void femaleVariantsSpeakHigherAndPitchMovesTheVoice() throws Exception {
        double male = medianF0(speech.speak(LINE, "en", 50, 160, 16_000));
        double female = medianF0(speech.speak(LINE, "en+f3", 50, 160, 16_000));
        double low = medianF0(speech.speak(LINE, "en", 10, 160, 16_000));
        System.out.printf(java.util.Locale.ROOT, "built-in voice: median F0 %.0f Hz (en), %.0f Hz (en+f3), %.0f Hz "
            + "(pitch 10)%n", male, female, low);
        // the voice's own pitch is 100 Hz; a female variant is set to 190 Hz (1.9x)
        assertThat(male).isBetween(80.0, 130.0);
        assertThat(female / male).isCloseTo(1.9, within(0.35));
        assertThat(low).isLessThan(male * 0.95);
        assertThat(DiphoneSpeech.pitchHz("en", 0)).isCloseTo(70f, within(0.01f));
        assertThat(DiphoneSpeech.pitchHz("en", 99)).isCloseTo(140f, within(0.01f));
        assertThat(DiphoneSpeech.pitchHz("en-gb+f1", 50)).isEqualTo(DiphoneSpeech.FEMALE_HZ);
        assertThat(DiphoneSpeech.pitchHz(null, 50)).isEqualTo(DiphoneSpeech.MALE_HZ);
        assertThat(DiphoneSpeech.baseHz("en+Annie")).isEqualTo(DiphoneSpeech.FEMALE_HZ); // a named female variant
        assertThat(DiphoneSpeech.baseHz("en+steph3")).isEqualTo(DiphoneSpeech.FEMALE_HZ);
        assertThat(DiphoneSpeech.baseHz("en+fast")).isEqualTo(DiphoneSpeech.MALE_HZ); // fast is a speed, not a woman
        assertThat(DiphoneSpeech.baseHz("en+m3")).isEqualTo(DiphoneSpeech.MALE_HZ);
    }

    @Test
    void rateIsWordsPerMinute() throws Exception {
        float[] slow = speech.speak(LINE, null, 50, 120, 16_000), fast = speech.speak(LINE, null, 50, 240, 16_000);
        double ratio = (double) voiced(slow) / voiced(fast);
        assertThat(ratio).isCloseTo(2.0, within(0.4));
        // 13 words at 120 a minute: about 6.5 s of speech
        assertThat(voiced(slow) / 16_000.0).isBetween(4.0, 9.0);
    }

    /** Samples from the first to the last that is above -40 dBFS. */
    private static int voiced(float[] s) {
        int first = -1, last = -1;
        for (int i = 0; i < s.length; i++) {
            if (Math.abs(s[i]) > 0.01) {
                if (first < 0) first = i;
                last = i;
            }
        }
        return last - first;
    }

    /**
     * Median fundamental frequency over voiced 40 ms windows by autocorrelation (lags for 60-400 Hz, a window counts
     * as voiced when its normalised peak is above 0.5), at 16 kHz.
     */
    static double medianF0(float[] s) {
        int rate = 16_000, window = 640, minLag = rate / 400, maxLag = rate / 60;
        java.util.List<Double> f0 = new java.util.ArrayList<>();
        for (int at = 0; at + window + maxLag < s.length; at += window / 2) {
            double energy = 0;
            for (int i = 0; i < window; i++) energy += s[at + i] * s[at + i];
            if (energy < window * 1e-4) continue;
            double best = 0;
            int bestLag = 0;
            for (int lag = minLag; lag <= maxLag; lag++) {
                double c = 0, e2 = 0;
                for (int i = 0; i < window; i++) {
                    c += s[at + i] * s[at + i + lag];
                    e2 += s[at + i + lag] * s[at + i + lag];
                }
                double r = c / Math.sqrt(energy * e2 + 1e-12);
                if (r > best) {
                    best = r;
                    bestLag = lag;
                }
            }
            if (best > 0.5) f0.add((double) rate / bestLag);
        }
        java.util.Collections.sort(f0);
        return f0.isEmpty() ? 0 : f0.get(f0.size() / 2);
    }
}
