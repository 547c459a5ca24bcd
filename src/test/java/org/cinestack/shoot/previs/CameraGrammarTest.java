package org.cinestack.shoot.previs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ForkJoinPool;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.cinestack.TestFilms;
import org.cinestack.plan.Optics;
import org.cinestack.plan.Planner;
import org.cinestack.plan.ShotSpec;

/** The previs renderer's pictures obey the camera grammar; every fact here is measured on rendered pixels. */
class CameraGrammarTest {
    static final ForkJoinPool POOL = new ForkJoinPool(2);

    @AfterAll
    static void close() {
        POOL.shutdown();
    }

    static PrevisFrame render(ShotSpec s, int frame) {
        PrevisFrame f = new PrevisFrame(s.pictureWidth(), s.pictureHeight());
        new PrevisRenderer(s, POOL).render(frame, f);
        return f;
    }

    @Test
    void theSameShotRendersToTheSameBytes() throws Exception {
        ShotSpec s = TestFilms.spec(TestFilms.oneShot("EXT. MOOR - DUSK", "ms", "handheld", 50, 2, 0.5, 1));
        String a = sha(render(s, 10).bgr), b = sha(render(s, 10).bgr);
        assertThat(a).isEqualTo(b);
        assertThat(sha(render(s, 11).bgr)).isNotEqualTo(a);
    }

    @Test
    void dollyInGrowsTheSubjectMonotonically() {
        ShotSpec s = TestFilms.spec(TestFilms.oneShot("EXT. FIELD - DAY", "ms", "dolly-in", 35, 5.6, 0.5, 2));
        PrevisRenderer r = new PrevisRenderer(s, POOL);
        PrevisFrame f = new PrevisFrame(s.pictureWidth(), s.pictureHeight());
        int previous = 0;
        for (int i = 0; i < s.frameCount(); i += 4) {
            r.render(i, f);
            int area = f.subjectBox[2] * f.subjectBox[3];
            assertThat(area).as("frame %d", i).isGreaterThanOrEqualTo(previous);
            previous = area;
        }
        r.render(0, f);
        int first = f.subjectBox[2] * f.subjectBox[3];
        assertThat(previous).isGreaterThan(first * 3 / 2); // distance falls by 1.6x; the frame edge clips the legs
    }

    @Test
    void aCloseUpsHeadFillsFiftyFiveToEightyPercentOfThePictureHeight() {
        for (double lens : new double[] {35, 85}) {
            ShotSpec s = TestFilms.spec(TestFilms.oneShot("INT. ROOM - DAY", "cu", "static", lens, 4, 0.4, 0.5));
            PrevisFrame f = render(s, 0);
            double fill = (double) f.headBox[3] / f.height;
            assertThat(fill).as("head fill at %s mm", lens).isBetween(0.55, 0.80);
        }
    }

    @Test
    void aPanMovesThePictureAtThePredictedRate() {
        double k = 0.5, lens = 35;
        ShotSpec s = TestFilms.spec(TestFilms.oneShot("EXT. FIELD - DAY", "ws", "pan-right", lens, 11, k, 4));
        int mid = s.frameCount() / 2, step = 4;
        PrevisFrame a = render(s, mid), b = render(s, mid + step);
        double measured = shift(a, b); // pixels the picture moved left between the frames
        double fov = Optics.horizontalFovDegrees(lens, s.sensorWidthMm());
        double degreesPerFrame = k * Planner.PAN_FOV_PER_SECOND * fov / s.fps();
        double fpx = lens / s.sensorWidthMm() * s.pictureWidth();
        double predicted = fpx * Math.tan(Math.toRadians(degreesPerFrame * step));
        assertThat(measured).isCloseTo(predicted, within(predicted * 0.10));
    }

    @Test
    void aLongLensShowsLessBackgroundThanAWideOne() {
        int wide = stripes(render(TestFilms.spec(TestFilms.oneShot("INT. HALL - DAY", "ms", "static", 24, 16, 0, 0.5)),
            0));
        int longLens = stripes(render(TestFilms.spec(TestFilms.oneShot("INT. HALL - DAY", "ms", "static", 85, 16, 0,
            0.5)), 0));
        assertThat(longLens).isPositive();
        assertThat(wide).isGreaterThan((int) (longLens * 1.4));
    }

    /** Wallpaper stripes (0.3 m pitch) crossed along a row near the top of the picture, outside any figure. */
    static int stripes(PrevisFrame f) {
        int y = f.height / 10, edges = 0;
        int prev = -1;
        for (int x = 0; x < f.width; x++) {
            int i = y * f.width + x;
            if (f.mask[i] != 0) {
                prev = -1;
                continue;
            }
            int luma = f.bgr[3 * i + 1] & 255;
            if (prev >= 0 && luma - prev >= 3) edges++;
            prev = luma;
        }
        return edges;
    }

    /** Horizontal shift between two frames, by cross-correlating column means of the lower half, sub-pixel. */
    static double shift(PrevisFrame a, PrevisFrame b) {
        double[] pa = columns(a), pb = columns(b);
        int w = a.width, lo = w / 3, hi = 2 * w / 3, range = 40;
        double[] score = new double[2 * range + 1];
        for (int s = -range; s <= range; s++) {
            double sum = 0;
            for (int x = lo; x < hi; x++) {
                double d = pa[x] - pb[x - s];
                sum -= d * d;
            }
            score[s + range] = sum;
        }
        int best = 1;
        for (int i = 1; i < score.length - 1; i++) if (score[i] > score[best]) best = i;
        double y0 = score[best - 1], y1 = score[best], y2 = score[best + 1];
        double sub = (y0 - y2) / (2 * (y0 - 2 * y1 + y2));
        return best - range + sub;
    }

    static double[] columns(PrevisFrame f) {
        double[] p = new double[f.width];
        for (int y = f.height / 2; y < f.height; y++) {
            for (int x = 0; x < f.width; x++) p[x] += f.bgr[3 * (y * f.width + x) + 1] & 255;
        }
        return p;
    }

    static String sha(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
