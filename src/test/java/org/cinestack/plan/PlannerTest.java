package org.cinestack.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.cinestack.TestFilms;
import org.cinestack.film.Format;

class PlannerTest {

    @Test
    void pictureAreaIsLetterboxedInsideTheDeliveryFrame() {
        assertThat(Planner.pictureArea(new Format(2.39, 1920, 1080, 24))).containsExactly(1920, 804);
        assertThat(Planner.pictureArea(new Format(1.78, 1920, 1080, 24))).containsExactly(1920, 1080);
        assertThat(Planner.pictureArea(new Format(1.0, 1920, 1080, 24))).containsExactly(1080, 1080);
        assertThat(Planner.pictureArea(new Format(0.5625, 1920, 1080, 24))).containsExactly(608, 1080);
    }

    @ParameterizedTest
    @CsvSource({"2.5, 60", "1.02, 24", "3.33, 80", "0.25, 6"})
    void frameCountIsRoundedDurationTimesFps(double seconds, int frames) {
        ShotSpec s = TestFilms.spec(TestFilms.oneShot("INT. A - DAY", "ms", "static", 50, 2.8, 0.4, seconds));
        assertThat(s.frameCount()).isEqualTo(frames);
    }

    @ParameterizedTest
    @ValueSource(doubles = {24, 35, 50, 85, 135})
    void closeUpDistanceMakesTheHeadFillTheStandardShareOfThePicture(double lens) {
        ShotSpec s = TestFilms.spec(TestFilms.oneShot("INT. A - DAY", "cu", "static", lens, 2.8, 0.4, 1));
        double visible = Optics.visibleHeightM(s.path().start().focusDistanceM(), lens, s.sensorHeightMm());
        double head = Framing.HEAD_FRACTION * 1.75;
        assertThat(head / visible).isBetween(0.55, 0.80);
        // and the distance scales with the focal length: same framing, longer lens, further away
        assertThat(s.path().start().focusDistanceM()).isCloseTo(visible * lens / s.sensorHeightMm(), within(1e-9));
    }

    @Test
    void seedsAndDigestsAreStableAndFollowTheShot() {
        String yaml = TestFilms.oneShot("INT. A - DAY", "ms", "dolly-in", 50, 2.8, 0.4, 2);
        ShotSpec a = TestFilms.spec(yaml), b = TestFilms.spec(yaml);
        assertThat(a.seed()).isEqualTo(b.seed());
        assertThat(a.digest()).isEqualTo(b.digest()).hasSize(64);
        ShotSpec c = TestFilms.spec(yaml.replace("dolly-in", "dolly-out"));
        assertThat(c.digest()).isNotEqualTo(a.digest());
        assertThat(c.seed()).isEqualTo(a.seed());
    }

    @Test
    void dollyInStartsFurtherAndArrivesAtTheFraming() {
        ShotSpec s = TestFilms.spec(TestFilms.oneShot("EXT. A - DAY", "mcu", "dolly-in", 50, 2.8, 0.5, 3));
        assertThat(s.path().start().focusDistanceM()).isCloseTo(s.path().end().focusDistanceM() * 1.6, within(1e-9));
        assertThat(s.path().sample(1, 3).zM()).isCloseTo(s.path().end().zM(), within(1e-9));
    }

    @Test
    void easingIsMonotoneAndReachesBothEnds() {
        ShotSpec s = TestFilms.spec(TestFilms.oneShot("EXT. A - DAY", "ms", "pan-left", 50, 2.8, 0.5, 3));
        double prev = -1;
        for (int i = 0; i <= 100; i++) {
            double e = s.path().ease(i / 100.0);
            assertThat(e).isGreaterThanOrEqualTo(prev);
            prev = e;
        }
        assertThat(s.path().ease(0)).isZero();
        assertThat(s.path().ease(1)).isCloseTo(1, within(1e-12));
    }
}
