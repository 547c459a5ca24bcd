package org.cinestack.render.farm;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.cinestack.render.RenderListener;
import org.cinestack.render.StagedRender;
import org.cinestack.render.graph.GraphRun;
import org.cinestack.render.graph.Job;
import org.cinestack.render.graph.JobEvent;
import org.cinestack.render.graph.JobGraph;
import org.cinestack.render.graph.LocalJobRunner;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;

/**
 * A farm worker: a JobRunr background server that takes render jobs from the farm's queue and runs them on this
 * machine, which must see the project folder at the same path as the render that queued them.
 * <p>
 * To run a job, the worker stages the render as the render did ({@link StagedRender}, without its lock: the render
 * holds it) and runs the job with the jobs it needs, which were done elsewhere and so are found in the shared cache.
 * A job that fails is recorded as failed in the {@link JobTable} and not retried (it would fail again); a worker that
 * dies mid-job (killed, its machine lost) leaves the job running in JobRunr's books, which fails it as orphaned after
 * four poll intervals without a heartbeat and retries it on another worker. Takes and segments are moved into place
 * in one rename, so a worker killed mid-take leaves nothing that a later job trusts.
 * <p>
 * After a job ends, the worker queues the jobs that needed it and are now ready, so its thread takes the next one at
 * once rather than at the next poll.
 */
public final class FarmWorker implements AutoCloseable {
    /** JobRunr's shortest poll of an SQL database; a dead worker's jobs are retried after four of them. */
    public static final Duration POLL = Duration.ofSeconds(5);
    /** The least time between two progress writes of one job. */
    private static final long PROGRESS_EVERY_NANOS = 250_000_000L;
    /** Renders kept staged, by what they were staged from. */
    private static final int STAGED_KEPT = 8;

    private final Farm farm;
    private final String name;
    private final int threads;
    private final int workers;
    private final java.util.function.Consumer<String> say;
    private volatile BackgroundJobServer server;
    private final Map<String, StagedRender> staged = new LinkedHashMap<>();
    private volatile boolean closed;

    private FarmWorker(Farm farm, int workers, String name, java.util.function.Consumer<String> say) {
        this.farm = farm;
        this.name = name;
        this.workers = workers;
        this.say = say;
        this.threads = Runtime.getRuntime().availableProcessors();
        this.server = newServer();
    }

    private BackgroundJobServer newServer() {
        FarmTaskHandler handler = new FarmTaskHandler(this);
        return new BackgroundJobServer(farm.storage(), farm.json(), new org.jobrunr.server.JobActivator() {
            @Override
            public <T> T activateJob(Class<T> type) {
                return type == FarmTaskHandler.class ? type.cast(handler) : null;
            }
        }, BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration().andName(name)
            .andWorkerCount(workers).andPollInterval(POLL));
    }

    /**
     * Starts a worker.
     *
     * @param farm    the farm
     * @param workers jobs run at once, 1 or more (previs and encoding use every core, so one is fastest for them;
     *                more suit hosted models, which mostly wait)
     * @param say     hears what the worker does on its own (it lost the database, it takes jobs again)
     * @return the running worker
     */
    public static FarmWorker start(Farm farm, int workers, java.util.function.Consumer<String> say) {
        if (workers < 1) throw new IllegalArgumentException("a worker runs 1 or more jobs at once, not " + workers);
        FarmWorker w = new FarmWorker(farm, workers, defaultName(), say);
        w.server.start();
        Thread wake = new Thread(w::listen, "cinestack-farm-wake");
        wake.setDaemon(true);
        wake.start();
        return w;
    }

    /**
     * Listens for queued jobs ({@code LISTEN}, see {@link Farm#submit}) and has JobRunr look for work at once when one
     * is queued, rather than at its next poll ({@link #POLL}); reconnects when the database goes away. JobRunr's
     * server stops itself when it cannot reach the database; once the database answers again, a new one is started.
     */
    private void listen() {
        boolean lost = false;
        while (!closed) {
            try (java.sql.Connection c = farm.connection(); java.sql.Statement s = c.createStatement()) {
                s.execute("LISTEN " + Farm.WAKE_CHANNEL);
                org.postgresql.PGConnection pg = c.unwrap(org.postgresql.PGConnection.class);
                if (lost) {
                    say.accept("worker " + name + ": the farm's database at " + farm.name() + " answers again");
                    lost = false;
                }
                while (!closed) {
                    if (!server.isRunning()) { // JobRunr gave up on the database while it was away
                        server = newServer();
                        server.start();
                        say.accept("worker " + name + ": taking render jobs again");
                    }
                    org.postgresql.PGNotification[] queued = pg.getNotifications(1000);
                    if (queued != null && queued.length > 0 && server.isRunning()) {
                        // JobRunr's own way in after a job ends: a thread seen idle looks for enqueued jobs
                        server.getJobSteward().notifyThreadOccupied();
                        server.getJobSteward().notifyThreadIdle();
                    }
                }
            } catch (java.sql.SQLException | RuntimeException e) {
                if (!lost && !closed) {
                    say.accept("worker " + name + ": lost the farm's database at " + farm.name() + " ("
                        + e.getMessage() + "); waiting for it");
                    lost = true;
                }
                try {
                    Thread.sleep(1000); // the database is away: JobRunr's poll goes on; listen again when it is back
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** @return "host/pid", the name a worker is listed by */
    static String defaultName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return host + "/" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    /** @return the name this worker is listed by */
    public String name() {
        return name;
    }

    /** Runs one attempt of one job; called on a JobRunr worker thread. */
    void run(FarmTask task) throws InterruptedException {
        JobTable table = farm.table();
        if (!table.start(task.jobId(), task.attempt(), name)) return; // a newer attempt, or it ended
        StagedRender render;
        try {
            render = staged(task.render());
        } catch (RuntimeException e) {
            table.end(task.jobId(), task.attempt(), JobTable.State.FAILED, "on worker " + name + ": "
                + String.valueOf(e.getMessage()).strip());
            return;
        }
        JobGraph graph = render.jobGraph();
        Job job = graph.job(task.jobId());
        if (job == null) {
            table.end(task.jobId(), task.attempt(), JobTable.State.FAILED, "the film changed after this render queued "
                + "its jobs (its job graph no longer holds this one); render it again");
            return;
        }
        long[] said = {0};
        GraphRun run = new LocalJobRunner(threads).run(withNeeds(graph, job), e -> {
            if (e instanceof JobEvent.Progress p && p.job().id().equals(job.id())) {
                long now = System.nanoTime();
                if (now - said[0] >= PROGRESS_EVERY_NANOS) {
                    said[0] = now;
                    table.progress(job.id(), task.attempt(), p.done(), p.total());
                }
            }
        });
        switch (run.outcomes().get(job.id())) {
            case GraphRun.Succeeded s -> table.end(job.id(), task.attempt(), s.cached() ? JobTable.State.CACHED
                : JobTable.State.DONE, null);
            case GraphRun.Failed f -> table.end(job.id(), task.attempt(), JobTable.State.FAILED, f.reason());
        }
        for (String next : graph.dependants(job.id())) {
            Job d = graph.job(next);
            Map<String, JobTable.Row> needs = table.rows(d.needs());
            if (needs.size() == d.needs().size() && needs.values().stream().allMatch(r -> r.state().succeeded())) {
                farm.enqueue(task.render(), d);
            }
        }
    }

    /** @return the job and every job it needs, directly or not, in the graph's order */
    static JobGraph withNeeds(JobGraph graph, Job job) {
        Set<String> wanted = new HashSet<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(java.util.List.of(job.id()));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (wanted.add(id)) todo.addAll(graph.job(id).needs());
        }
        JobGraph sub = new JobGraph();
        for (Job j : graph.jobs()) if (wanted.contains(j.id())) sub.add(j);
        return sub;
    }

    /**
     * @return the render staged from this request, made once while its film file and film.lock are unchanged
     */
    private StagedRender staged(RenderRequest request) {
        Path file = Path.of(request.file());
        String key = request.key() + "\n" + stamp(file) + "\n" + stamp(file.resolveSibling("film.lock"));
        synchronized (staged) {
            StagedRender s = staged.get(key);
            if (s != null) return s;
            s = StagedRender.of(file, request.options(new RenderListener() {
            }, System.getenv()), false);
            if (staged.size() >= STAGED_KEPT) {
                var first = staged.entrySet().iterator().next();
                first.getValue().close();
                staged.remove(first.getKey());
            }
            staged.put(key, s);
            return s;
        }
    }

    private static String stamp(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis() : "none";
        } catch (IOException e) {
            return "unreadable";
        }
    }

    /** Stops taking jobs, waits a little for the running ones (JobRunr interrupts them after 10 s) and stops. */
    @Override
    public void close() {
        closed = true;
        server.stop();
        synchronized (staged) {
            staged.values().forEach(StagedRender::close);
            staged.clear();
        }
    }
}
