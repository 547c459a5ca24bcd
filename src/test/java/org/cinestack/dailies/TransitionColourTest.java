package org.cinestack.dailies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The colour continuity of a cut joins its five elements: CIEDE2000 between the mean colours either side, a jump
 * within a scene over {@link Transition#COLOUR_JUMP} said in the cut's words, never across scenes; it does not count
 * toward the five elements' flag.
 */
class TransitionColourTest {
    static TakeMetrics.Look look(double l, double a, double b) {
        return new TakeMetrics.Look(1.0, 0.2, 2.0, 0.1, 0.0, l, a, b);
    }

    @Test
    void aColourJumpWithinASceneIsSaidAndAcrossScenesIsNot() {
        // Sharma, Wu and Dalal (2005), table 1, pair 1: (50, 2.6772, -79.7751) and (50, 0, -82.7485) differ by 2.0425
        Transition small = Transition.judge("a", "b", look(50, 2.6772, -79.7751), look(50, 0, -82.7485),
            Transition.Gaze.UNSEEN, Transition.Gaze.UNSEEN, false);
        assertThat(small.colourDeltaE()).isCloseTo(2.0425, within(1e-3));
        assertThat(small.colourJumps()).isFalse();
        assertThat(small.words()).isEqualTo("nothing changed");

        Transition warm = Transition.judge("a", "b", look(55, 0, 0), look(55, 8, 14), Transition.Gaze.UNSEEN,
            Transition.Gaze.UNSEEN, false);
        assertThat(warm.colourDeltaE()).isGreaterThan(Transition.COLOUR_JUMP);
        assertThat(warm.colourJumps()).isTrue();
        assertThat(warm.flagged()).as("colour is not one of the five elements").isFalse();
        assertThat(warm.words()).startsWith("nothing changed; the colour jumps (").endsWith("grade to match");

        Transition newScene = Transition.judge("a", "b", look(55, 0, 0), look(55, 8, 14), Transition.Gaze.UNSEEN,
            Transition.Gaze.UNSEEN, true);
        assertThat(newScene.colourJumps()).isFalse();
    }
}
