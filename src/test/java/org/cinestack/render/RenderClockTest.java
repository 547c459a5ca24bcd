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
        long[] now = {0};
        RenderClock clock = new RenderClock(events::add, w -> { }, () -> now[0]);
        clock.planned(new RenderWork(0, true, List.of(new RenderWork.Encode("master", 200))));
        clock.stage("mix");
        now[0] += 2_000_000_000L; // the mix's time says nothing of how fast pictures go
        clock.stage("master");
        clock.master(100, 200); // a cached segment: at once
        assertThat(events.getLast().etaSeconds()).isEqualTo(-1);
        for (int f = 101; f <= 100 + RenderClock.SETTLE_FRAMES; f++) {
            now[0] += 100_000_000L; // 100 ms a frame (events go out at most every 100 ms)
            clock.master(f, 200);
            if (f < 100 + RenderClock.SETTLE_FRAMES) assertThat(events.getLast().etaSeconds()).isEqualTo(-1);
        }
        RenderEvent e = events.getLast();
        // the frames left go at 100 ms each; the 100 cached ones took none of it; then the whole is decoded once
        assertThat(e.etaSeconds() - RenderClock.TAIL_SECONDS).isCloseTo((200 - 100 - RenderClock.SETTLE_FRAMES) * 0.1
            + 200 * 0.1 * RenderClock.CHECK_SHARE, within(1e-6));
        assertThat(e.framesPerSecond()).isCloseTo(10, within(1e-6)); // made frames only, not the cached ones
    }

    /** Hosted takes are said as they arrive, without disturbing the previs take being timed. */
    @Test
    void hostedTakesAreSaidButNotTimed() {
        List<RenderEvent> events = new ArrayList<>();
        long[] now = {0};
        RenderClock clock = new RenderClock(events::add, w -> { }, () -> now[0]);
        clock.planned(new RenderWork(60, false, List.of()));
        clock.stage("shoot");
        clock.shot(0, 2, "previs-shot", 60, 1);
        for (int f = 1; f <= 30; f++) {
            now[0] += 100_000_000L;
            clock.frames(f, 60);
        }
        clock.hostedTake(0, 1, "hosted-shot");
        assertThat(events.getLast().event()).isEqualTo("take");
        assertThat(events.getLast().shot()).isEqualTo("hosted-shot");
        for (int f = 31; f <= 60; f++) {
            now[0] += 100_000_000L;
            clock.frames(f, 60);
        }
        assertThat(events.getLast().shot()).isEqualTo("previs-shot");
        assertThat(events.getLast().framesDone()).isEqualTo(60);
        assertThat(events.getLast().framesPerSecond()).isCloseTo(10, within(1e-6));
        assertThat(events.getLast().etaSeconds()).isCloseTo(RenderClock.TAIL_SECONDS, within(1e-6));
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
