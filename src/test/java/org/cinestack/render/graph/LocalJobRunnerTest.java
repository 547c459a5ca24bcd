package org.cinestack.render.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The in-process runner: order, lanes, failures that stay with their dependants, events. */
class LocalJobRunnerTest {
    private static Job job(String id, JobKind kind, Lane lane, Job.Work work, String... needs) {
        return new Job(id, kind, id, List.of(needs), lane, work);
    }

    @Test
    void eachJobRunsAfterWhatItNeedsAndReadsTheirResults() throws Exception {
        JobGraph g = new JobGraph();
        g.add(job("a", JobKind.SHOOT, Lane.MACHINE, c -> 2));
        g.add(job("b", JobKind.SHOOT, Lane.WAITING, c -> 3));
        g.add(job("cut", JobKind.CUT, Lane.LIGHT, c -> c.result("a", Integer.class) * c.result("b", Integer.class),
            "a", "b"));
        g.add(job("master", JobKind.MASTER, Lane.MACHINE, c -> {
            c.progress(1, 2);
            c.progress(2, 2);
            return c.result("cut", Integer.class) + 1;
        }, "cut"));
        List<JobEvent> events = Collections.synchronizedList(new ArrayList<>());
        GraphRun run = new LocalJobRunner(2).run(g, events::add);
        assertThat(run.succeeded()).isTrue();
        assertThat(run.result("master", Integer.class)).isEqualTo(7);
        List<String> master = events.stream().filter(e -> e.job().id().equals("master"))
            .map(e -> e.getClass().getSimpleName()).toList();
        assertThat(master).containsExactly("Queued", "Started", "Progress", "Progress", "Done");
    }

    @Test
    void aFailedShotFailsWhatNeedsItAndTheOtherShotsGoOn() throws Exception {
        JobGraph g = new JobGraph();
        AtomicInteger ran = new AtomicInteger();
        g.add(job("s1", JobKind.SHOOT, Lane.WAITING, c -> ran.incrementAndGet()));
        g.add(job("s2", JobKind.SHOOT, Lane.WAITING, c -> {
            throw new IllegalStateException("runway refused the prompt (content policy)");
        }));
        g.add(job("s3", JobKind.SHOOT, Lane.WAITING, c -> ran.incrementAndGet()));
        g.add(job("seg1", JobKind.SEGMENT, Lane.MACHINE, c -> ran.incrementAndGet(), "s1"));
        g.add(job("seg2", JobKind.SEGMENT, Lane.MACHINE, c -> ran.incrementAndGet(), "s2"));
        g.add(job("seg3", JobKind.SEGMENT, Lane.MACHINE, c -> ran.incrementAndGet(), "s3"));
        g.add(job("master", JobKind.MASTER, Lane.MACHINE, c -> ran.incrementAndGet(), "seg1", "seg2", "seg3"));
        GraphRun run = new LocalJobRunner(2).run(g, JobListener.NONE);
        assertThat(run.succeeded()).isFalse();
        assertThat(ran.get()).as("s1, s3 and their segments").isEqualTo(4);
        assertThat(run.outcomes().get("seg3")).isInstanceOf(GraphRun.Succeeded.class);
        assertThat(run.summary()).containsExactly("shoot s2: runway refused the prompt (content policy)",
            "segment seg2: not made: it needs shoot s2, which failed",
            "master master: not made: it needs segment seg2, which failed");
    }

    @Test
    void aJobWhoseOtherNeedEndsLaterStillNeverRuns() throws Exception {
        JobGraph g = new JobGraph();
        CountDownLatch failed = new CountDownLatch(1);
        AtomicInteger joined = new AtomicInteger();
        g.add(job("fails", JobKind.SHOOT, Lane.WAITING, c -> {
            failed.countDown();
            throw new IllegalStateException("no");
        }));
        g.add(job("slow", JobKind.SHOOT, Lane.WAITING, c -> failed.await(5, TimeUnit.SECONDS)));
        g.add(job("join", JobKind.CUT, Lane.LIGHT, c -> joined.incrementAndGet(), "fails", "slow"));
        GraphRun run = new LocalJobRunner(2).run(g, JobListener.NONE);
        assertThat(joined.get()).isZero();
        assertThat(run.outcomes().get("slow")).isInstanceOf(GraphRun.Succeeded.class);
        assertThat(run.outcomes().get("join")).isInstanceOf(GraphRun.Failed.class);
    }

    @Test
    void machineJobsRunOneAtATimeAndWaitingJobsTogether() throws Exception {
        JobGraph g = new JobGraph();
        AtomicInteger machineNow = new AtomicInteger(), machineMost = new AtomicInteger();
        CountDownLatch allWaiting = new CountDownLatch(8);
        for (int i = 0; i < 4; i++) {
            g.add(job("m" + i, JobKind.SEGMENT, Lane.MACHINE, c -> {
                machineMost.accumulateAndGet(machineNow.incrementAndGet(), Math::max);
                Thread.sleep(20);
                machineNow.decrementAndGet();
                return null;
            }));
        }
        for (int i = 0; i < 8; i++) { // each waits until all eight run at once: a runner holding fewer never ends
            g.add(job("w" + i, JobKind.SHOOT, Lane.WAITING, c -> {
                allWaiting.countDown();
                return allWaiting.await(10, TimeUnit.SECONDS);
            }));
        }
        GraphRun run = new LocalJobRunner(2).run(g, JobListener.NONE);
        assertThat(machineMost.get()).isEqualTo(1);
        for (int i = 0; i < 8; i++) assertThat(run.result("w" + i, Boolean.class)).isTrue();
    }

    @Test
    void cachedJobsSaySoAndTheSameWorkIsOneJob() throws Exception {
        JobGraph g = new JobGraph();
        Job first = g.add(job("k", JobKind.SEGMENT, Lane.LIGHT, c -> {
            c.cached();
            return "from the cache";
        }));
        assertThat(g.add(job("k", JobKind.SEGMENT, Lane.LIGHT, c -> "again"))).isSameAs(first);
        assertThat(g.size()).isEqualTo(1);
        assertThatThrownBy(() -> g.add(job("x", JobKind.CUT, Lane.LIGHT, c -> null, "missing")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing");
        List<JobEvent> events = new ArrayList<>();
        GraphRun run = new LocalJobRunner().run(g, events::add);
        assertThat(events.getLast()).isInstanceOf(JobEvent.Cached.class);
        assertThat(((GraphRun.Succeeded) run.outcomes().get("k")).cached()).isTrue();
    }

    static Stream<Long> seeds() {
        return LongStream.range(1, 41).boxed();
    }

    /**
     * Random graphs with random failures: a job runs exactly once when everything it needs succeeded, and never
     * otherwise; it fails when it threw or a job it needs failed; every job ends.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void randomGraphsKeepTheRules(long seed) throws Exception {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 2 + rnd.nextInt(40);
        JobGraph g = new JobGraph();
        Set<String> throwing = new HashSet<>();
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        Map<String, List<String>> needs = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String id = "j" + i;
            List<String> ns = new ArrayList<>();
            for (int k = 0; k < i; k++) if (rnd.nextInt(5) == 0) ns.add("j" + k);
            needs.put(id, ns);
            boolean fails = rnd.nextInt(6) == 0;
            if (fails) throwing.add(id);
            runs.put(id, new AtomicInteger());
            Lane lane = Lane.values()[rnd.nextInt(Lane.values().length)];
            g.add(job(id, JobKind.values()[rnd.nextInt(JobKind.values().length)], lane, c -> {
                runs.get(id).incrementAndGet();
                for (String need : ns) c.result(need, Object.class);
                if (fails) throw new IllegalStateException(id + " failed");
                return id;
            }, ns.toArray(String[]::new)));
        }
        GraphRun run = new LocalJobRunner(1 + rnd.nextInt(4)).run(g, JobListener.NONE);
        assertThat(run.outcomes()).hasSize(n);
        Set<String> ok = new HashSet<>();
        for (int i = 0; i < n; i++) { // in order: needs are decided before
            String id = "j" + i;
            boolean needsOk = ok.containsAll(needs.get(id));
            assertThat(runs.get(id).get()).as(id).isEqualTo(needsOk ? 1 : 0);
            boolean succeeded = needsOk && !throwing.contains(id);
            assertThat(run.outcomes().get(id) instanceof GraphRun.Succeeded).as(id).isEqualTo(succeeded);
            if (succeeded) ok.add(id);
        }
    }
}
