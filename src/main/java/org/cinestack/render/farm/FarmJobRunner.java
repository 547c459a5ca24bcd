package org.cinestack.render.farm;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cinestack.render.graph.GraphRun;
import org.cinestack.render.graph.Job;
import org.cinestack.render.graph.JobEvent;
import org.cinestack.render.graph.JobGraph;
import org.cinestack.render.graph.JobListener;
import org.cinestack.render.graph.JobRunner;
import org.cinestack.render.graph.LocalJobRunner;
import org.jobrunr.jobs.states.StateName;

/**
 * Runs a render's graph on a farm: plans every job in the farm's {@link JobTable}, queues each in JobRunr once what
 * it needs is done, and follows them through the database to the end, turning what workers record into the same
 * {@link JobEvent}s a render in this process gives (so the progress display is the same).
 * <p>
 * A job already done under its id (the digest of its inputs) is not queued again: it is reported cached. A job whose
 * worker stopped is retried by JobRunr on another worker; once its retries are spent, it fails with that reason.
 * <p>
 * When every job has succeeded, the graph is run once more in this process to hand the render its jobs' results:
 * every farm job then finds its result in the shared cache (takes, qa.json, segments, masters) and makes nothing new,
 * and the light jobs that only place those results into the project ({@link #placedHere}) run, once.
 */
public final class FarmJobRunner implements JobRunner {
    /** How often the database is read for the jobs' states. */
    static final Duration FOLLOW_EVERY = Duration.ofMillis(100);
    /** How often JobRunr's books are read for jobs whose worker stopped. */
    static final Duration CHECK_WORKERS_EVERY = Duration.ofSeconds(2);

    /**
     * How long a render waits for the farm's database to answer again before it gives up: long enough for a database
     * restart or a fail-over (the workers go on with the jobs they run meanwhile).
     */
    public static final Duration OUTAGE_LIMIT = Duration.ofMinutes(5);

    private final Farm farm;
    private final RenderRequest request;
    private final java.util.function.Consumer<String> warn;
    private volatile int lastGraphSize, lastMade;

    /**
     * @param farm    the farm
     * @param request the render, as workers rebuild it
     */
    public FarmJobRunner(Farm farm, RenderRequest request) {
        this(farm, request, w -> { });
    }

    /**
     * @param farm    the farm
     * @param request the render, as workers rebuild it
     * @param warn    hears what the user should know: the database lost, and back
     */
    public FarmJobRunner(Farm farm, RenderRequest request, java.util.function.Consumer<String> warn) {
        this.farm = farm;
        this.request = request;
        this.warn = warn;
    }

    /** @return the jobs in the graph this runner ran last */
    public int lastGraphSize() {
        return lastGraphSize;
    }

    /** @return the jobs of the last graph that workers ran in it (not found done before) */
    public int lastMade() {
        return lastMade;
    }

    /** A job failed on the farm, as its worker recorded it. */
    public static final class FarmJobFailed extends org.cinestack.render.graph.ReportedFailure {
        FarmJobFailed(String reason) {
            super(reason);
        }
    }

    @Override
    public GraphRun run(JobGraph graph, JobListener listener) throws InterruptedException {
        RenderRequest render = request;
        java.util.Set<String> here = placedHere(graph);
        List<Job> farmed = graph.jobs().stream().filter(j -> !here.contains(j.id())).toList();
        lastGraphSize = farmed.size();
        JobTable table = farm.table();
        Map<String, JobTable.Row> seen = new HashMap<>();
        Map<String, GraphRun.Outcome> outcomes = new LinkedHashMap<>();
        for (Job j : farmed) {
            table.plan(j);
            listener.event(new JobEvent.Queued(j));
        }
        List<String> ids = farmed.stream().map(Job::id).toList();
        long lastCheck = System.nanoTime();
        long lostSince = 0;
        while (outcomes.size() < farmed.size()) {
            try {
                follow(graph, farmed, listener, render, table, ids, seen, outcomes, System.nanoTime() - lastCheck
                    > CHECK_WORKERS_EVERY.toNanos());
            } catch (FarmException | org.jobrunr.storage.StorageException e) {
                long now = System.nanoTime();
                if (lostSince == 0) {
                    lostSince = now;
                    warn.accept("lost the farm's database at " + farm.name() + " (" + e.getMessage().lines()
                        .findFirst().orElse("") + "); waiting up to " + OUTAGE_LIMIT.toMinutes() + " min for it to "
                        + "answer again; the workers go on with their jobs");
                }
                if (now - lostSince > OUTAGE_LIMIT.toNanos()) throw e;
                Thread.sleep(1000);
                continue;
            }
            if (lostSince != 0) {
                warn.accept("the farm's database answers again, after " + (System.nanoTime() - lostSince)
                    / 1_000_000_000L + " s");
                lostSince = 0;
            }
            if (System.nanoTime() - lastCheck > CHECK_WORKERS_EVERY.toNanos()) lastCheck = System.nanoTime();
            if (outcomes.size() < farmed.size()) Thread.sleep(FOLLOW_EVERY.toMillis());
        }
        GraphRun onFarm = new GraphRun(outcomes);
        lastMade = (int) outcomes.values().stream().filter(x -> x instanceof GraphRun.Succeeded s && !s.cached())
            .count();
        if (!onFarm.succeeded()) return onFarm;
        // every farm job's result from the shared cache; the jobs placed here run once, and are heard
        return new LocalJobRunner().run(graph, e -> {
            if (here.contains(e.job().id())) listener.event(e);
        });
    }

    /**
     * The jobs made in this process once the farm is done, never queued: light jobs that no farm job needs (the
     * interchange files with the master copied to {@code out/}, the provenance, the dailies report). They only place
     * what the farm made into the project, so they run where the render was asked for, once: a worker running them
     * would do it again here, where the results are collected.
     *
     * @return their ids
     */
    static java.util.Set<String> placedHere(JobGraph graph) {
        java.util.Set<String> here = new java.util.HashSet<>();
        List<Job> jobs = graph.jobs(); // each after what it needs: so, backwards, each before what it needs
        for (int i = jobs.size() - 1; i >= 0; i--) {
            Job j = jobs.get(i);
            if (j.lane() == org.cinestack.render.graph.Lane.LIGHT && here.containsAll(graph.dependants(j.id()))) {
                here.add(j.id());
            }
        }
        return here;
    }

    /** One look at the jobs' rows: says what changed, records outcomes, queues the jobs that became ready. */
    private void follow(JobGraph graph, List<Job> farmed, JobListener listener, RenderRequest render, JobTable table,
                        List<String> ids, Map<String, JobTable.Row> seen, Map<String, GraphRun.Outcome> outcomes,
                        boolean checkWorkers) {
        Map<String, JobTable.Row> rows = table.rows(ids);
        for (Job j : farmed) {
            if (outcomes.containsKey(j.id())) continue;
            JobTable.Row row = rows.get(j.id());
            if (row == null) row = table.plan(j); // deleted under us: planned again
            say(j, seen.put(j.id(), row), row, listener, outcomes);
            if (outcomes.containsKey(j.id())) continue;
            String failedNeed = j.needs().stream().filter(n -> outcomes.get(n) instanceof GraphRun.Failed)
                .findFirst().orElse(null);
            if (failedNeed != null && row.state() == JobTable.State.PLANNED) {
                String reason = "needs " + graph.job(failedNeed).label() + ", which failed";
                outcomes.put(j.id(), new GraphRun.Failed(j, reason, null));
                listener.event(new JobEvent.Failed(j, reason, null));
                continue;
            }
            boolean ready = j.needs().stream().allMatch(n -> outcomes.get(n) instanceof GraphRun.Succeeded);
            if (row.state() == JobTable.State.PLANNED && ready) farm.enqueue(render, j);
            else if (checkWorkers && (row.state() == JobTable.State.QUEUED
                || row.state() == JobTable.State.RUNNING)) {
                checkQueue(render, j, row);
            }
        }
    }

    /** Says what changed in a job's row since it was last seen, and records its outcome when it ended. */
    private static void say(Job j, JobTable.Row before, JobTable.Row now, JobListener listener,
                            Map<String, GraphRun.Outcome> outcomes) {
        JobTable.State was = before == null ? JobTable.State.PLANNED : before.state();
        boolean newAttempt = before != null && before.attempt() != now.attempt();
        if (now.state() == JobTable.State.RUNNING && (was != JobTable.State.RUNNING || newAttempt
            || !java.util.Objects.equals(before.worker(), now.worker()))) {
            listener.event(new JobEvent.Started(j));
        }
        if (now.state() == JobTable.State.RUNNING && now.total() > 0 && (before == null || before.done() != now.done()
            || before.total() != now.total())) {
            listener.event(new JobEvent.Progress(j, now.done(), now.total()));
        }
        switch (now.state()) {
            case DONE -> {
                if (before == null) { // done by an earlier render: this one made nothing
                    outcomes.put(j.id(), new GraphRun.Succeeded(j, null, true, 0));
                    listener.event(new JobEvent.Cached(j));
                    return;
                }
                double seconds = now.startedAt() == null ? 0
                    : Duration.between(now.startedAt(), now.updatedAt()).toMillis() / 1000.0;
                outcomes.put(j.id(), new GraphRun.Succeeded(j, null, false, seconds));
                listener.event(new JobEvent.Done(j, seconds));
            }
            case CACHED -> {
                outcomes.put(j.id(), new GraphRun.Succeeded(j, null, true, 0));
                listener.event(new JobEvent.Cached(j));
            }
            case FAILED -> {
                String reason = now.reason() == null ? "failed on the farm" : now.reason();
                outcomes.put(j.id(), new GraphRun.Failed(j, reason, new FarmJobFailed(reason)));
                listener.event(new JobEvent.Failed(j, reason, new FarmJobFailed(reason)));
            }
            default -> {
            }
        }
    }

    /**
     * A queued or running job as JobRunr has it: handed over again when JobRunr never got it (the render that queued
     * it stopped first), failed when its retries are spent.
     */
    private void checkQueue(RenderRequest render, Job j, JobTable.Row row) {
        org.jobrunr.jobs.Job queued;
        try {
            queued = farm.storage().getJobById(Farm.queueId(j.id(), row.attempt()));
        } catch (org.jobrunr.storage.JobNotFoundException e) {
            farm.submit(render, j.id(), j.label(), row.attempt());
            return;
        }
        if (queued.getState() == StateName.FAILED || queued.getState() == StateName.DELETED) {
            var failed = queued.getLastJobStateOfType(org.jobrunr.jobs.states.FailedState.class);
            boolean orphaned = failed.map(f -> f.getException() instanceof IllegalThreadStateException).orElse(false);
            String why = failed.map(f -> f.getMessage() + (f.getExceptionMessage() == null ? ""
                : ": " + f.getExceptionMessage().lines().reduce((a, b) -> b).orElse(""))) // its deepest cause
                .orElse(queued.getState().name().toLowerCase(java.util.Locale.ROOT));
            farm.table().end(j.id(), row.attempt(), JobTable.State.FAILED, orphaned
                ? "its workers stopped before it ended, " + (Farm.RETRIES_WHEN_A_WORKER_STOPS + 1) + " times (" + why
                + ")" : "the farm's workers could not run it (" + why + "); are they the same Cinestack version "
                + "as this render?");
        }
    }
}
