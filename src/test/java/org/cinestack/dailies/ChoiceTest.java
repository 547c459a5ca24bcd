package org.cinestack.dailies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The rules circle the best-scored take and keep the next best as B; the director's choice stands. */
class ChoiceTest {
    private static final Defect MAJOR = new Defect("black", Defect.Severity.MAJOR, "frames 3-4 are black");
    private static final Defect MINOR = new Defect("flicker", Defect.Severity.MINOR, "pumps");

    private static Dailies.Verdict v(double sharpness, Defect... defects) {
        TakeMetrics m = new TakeMetrics(24, 24, 0, 0, List.of(), List.of(), sharpness, 0, 0, 0, 0, 0, 0, 1, 0, 0,
            TakeMetrics.Look.NONE, TakeMetrics.Look.NONE, List.of());
        return new Dailies.Verdict(m, List.of(), List.of(defects), true);
    }

    @Test
    void theBestScoreIsCircledThenTheSharpestThenTheFirst() {
        Map<Integer, Dailies.Verdict> takes = new TreeMap<>(Map.of(1, v(50, MINOR), 2, v(40), 3, v(45)));
        Choice c = Choice.byRule(takes);
        assertThat(c.circled()).as("no defect beats a minor one").isEqualTo(3);
        assertThat(c.b()).isEqualTo(2);
        assertThat(c.needsDirector()).isFalse();
        assertThat(c.by()).isEqualTo(FilmLock.By.RULE);
        assertThat(Choice.byRule(Map.of(1, v(40), 2, v(40))).circled()).as("equal: the first").isEqualTo(1);
    }

    @Test
    void aRejectedTakeIsNeverBWhileAGoodOneIsCircled() {
        Choice c = Choice.byRule(Map.of(1, v(90, MAJOR), 2, v(10)));
        assertThat(c.circled()).isEqualTo(2);
        assertThat(c.b()).isZero();
        assertThat(c.rejected()).containsExactly(1);
    }

    @Test
    void everyTakeRejectedNeedsTheDirectorAndUsesTheBest() {
        Choice c = Choice.byRule(Map.of(1, v(10, MAJOR, MAJOR), 2, v(5, MAJOR), 3, v(1, MAJOR, MINOR)));
        assertThat(c.circled()).isEqualTo(2);
        assertThat(c.b()).isEqualTo(3);
        assertThat(c.needsDirector()).isTrue();
        assertThat(c.status()).isEqualTo("needs-director");
        assertThat(c.rejected()).containsExactly(1, 2, 3);
    }

    @Test
    void theDirectorsTakeStandsEvenRejected() {
        Choice c = Choice.byDirector(1, Map.of(1, v(10, MAJOR), 2, v(5), 3, v(9)));
        assertThat(c.circled()).isEqualTo(1);
        assertThat(c.b()).isEqualTo(3);
        assertThat(c.needsDirector()).isFalse();
        assertThat(c.by()).isEqualTo(FilmLock.By.DIRECTOR);
    }
}
