package org.cinestack.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The time left from the work planned and the work timed so far. */
class RenderClockTest {

    @Test
    void timeLeftIsTheWorkLeftAtTheRateSoFar() throws Exception {
        List<RenderEvent> events = new ArrayList<>();
        RenderClock clock = new RenderClock(events::add, w -> { });
        clock.planned(new RenderWork(100, false, List.of(new RenderWork.Encode("master", 100))));
        clock.stage("shoot");
        clock.shot(0, 1, "a", 100, 1);
        assertThat(events.getLast().etaSeconds()).isEqualTo(-1); // nothing timed yet
        Thread.sleep(200);
        clock.frames(50, 100); // 50 units in 0.2 s; 50 + 155 units left
        RenderEvent e = events.getLast();
        double perUnit = e.elapsedSeconds() / 50;
        assertThat(e.etaSeconds() - RenderClock.TAIL_SECONDS).isCloseTo((50 + 100 * RenderClock.MASTER_WEIGHT) * perUnit,
            within(0.05));
        assertThat(e.framesDone()).isEqualTo(50);
        assertThat(e.shot()).isEqualTo("a");
    }

    @Test
    void cachedSegmentsCountAsDoneWithoutBeingTimed() throws Exception {
        List<RenderEvent> events = new ArrayList<>();
        RenderClock clock = new RenderClock(events::add, w -> { });
        clock.planned(new RenderWork(0, false, List.of(new RenderWork.Encode("master", 200))));
        clock.stage("master");
        clock.master(100, 200); // a cached segment: at once
        assertThat(events.getLast().etaSeconds()).isEqualTo(-1);
        for (int f = 101; f <= 110; f++) {
            Thread.sleep(20);
            clock.master(f, 200);
        }
        RenderEvent e = events.getLast();
        // 10 frames were timed since the stage began: the 90 left take 9 times as long, the 100 cached ones nothing
        double timed = e.elapsedSeconds() - events.getFirst().elapsedSeconds();
        assertThat(e.etaSeconds() - RenderClock.TAIL_SECONDS).isCloseTo(9 * timed, within(0.15 * 9 * timed));
        assertThat(e.stage()).isEqualTo("master");
    }

    @Test
    void aPictureToComeIsPricedLikeTheLastEncoding() throws Exception {
        List<RenderEvent> events = new ArrayList<>();
        RenderClock clock = new RenderClock(events::add, w -> { });
        clock.planned(new RenderWork(0, false, List.of(new RenderWork.Encode("master", 30),
            new RenderWork.Encode("vertical", 100))));
        clock.stage("master");
        long start = System.nanoTime();
        for (int f = 1; f <= 30; f++) {
            Thread.sleep(10);
            clock.master(f, 30);
        }
        double perFrame = (System.nanoTime() - start) / 1e9 / 30;
        clock.stage("vertical");
        RenderEvent e = events.getLast();
        assertThat(e.framesTotal()).isEqualTo(100); // the stage's planned frames, before its first frame
        double expected = 100 * perFrame * RenderClock.REFRAMED_WEIGHT / RenderClock.MASTER_WEIGHT;
        assertThat(e.etaSeconds() - RenderClock.TAIL_SECONDS).isCloseTo(expected, within(0.2 * expected));
    }

    @Test
    void theLastEventSaysDoneWithNothingLeft() {
        List<RenderEvent> events = new ArrayList<>();
        RenderClock clock = new RenderClock(events::add, w -> { });
        clock.stage("master");
        clock.finished();
        assertThat(events.getLast().event()).isEqualTo("done");
        assertThat(events.getLast().etaSeconds()).isZero();
    }
}
