package org.cinestack.render.graph;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a graph in this process: a job starts once every job it needs has succeeded, as many at once as its
 * {@link Lane} allows ({@link Lane#MACHINE}: one, since such a job spreads over every core itself;
 * {@link Lane#WAITING}: {@link Lane#WAITING_AT_ONCE}; {@link Lane#LIGHT}: the number of cores), in the graph's order
 * among those ready. A job that fails (throws) fails every job that needs it, transitively, without running them;
 * every other job goes on. Events reach the listener one at a time.
 */
public final class LocalJobRunner implements JobRunner {
    private final Map<Lane, Integer> widths = new EnumMap<>(Lane.class);

    /** A runner sized to this machine. */
    public LocalJobRunner() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** @param cores cores to use for {@link Lane#LIGHT} jobs, 1 or more */
    public LocalJobRunner(int cores) {
        if (cores < 1) throw new IllegalArgumentException("cores must be 1 or more, not " + cores);
        widths.put(Lane.MACHINE, 1);
        widths.put(Lane.WAITING, Lane.WAITING_AT_ONCE);
        widths.put(Lane.LIGHT, cores);
    }

    /** A job that ended, handed from its thread to the thread running the graph. */
    private record Ended(Job job, Object result, boolean cached, double seconds, Throwable failure) {
    }

    @Override
    public GraphRun run(JobGraph graph, JobListener listener) throws InterruptedException {
        Object say = new Object(); // one event at a time
        JobListener heard = e -> {
            synchronized (say) {
                listener.event(e);
            }
        };
        Map<String, GraphRun.Outcome> outcomes = new HashMap<>();
        Map<String, Integer> waitingFor = new HashMap<>();
        Map<Lane, Queue<Job>> ready = new EnumMap<>(Lane.class);
        Map<Lane, Integer> running = new EnumMap<>(Lane.class);
        for (Lane l : Lane.values()) {
            ready.put(l, new ArrayDeque<>());
            running.put(l, 0);
        }
        for (Job j : graph.jobs()) {
            heard.event(new JobEvent.Queued(j));
            waitingFor.put(j.id(), j.needs().size());
            if (j.needs().isEmpty()) ready.get(j.lane()).add(j);
        }
        LinkedBlockingQueue<Ended> ended = new LinkedBlockingQueue<>();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "cinestack-job-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Map<String, Future<?>> futures = new HashMap<>();
        int left = graph.size();
        try {
            while (left > 0) {
                for (Lane lane : Lane.values()) { // start what is ready, within each lane's width
                    Queue<Job> q = ready.get(lane);
                    while (!q.isEmpty() && running.get(lane) < widths.get(lane)) {
                        Job j = q.poll();
                        running.merge(lane, 1, Integer::sum);
                        Map<String, Object> inputs = new HashMap<>();
                        for (String need : j.needs()) {
                            inputs.put(need, ((GraphRun.Succeeded) outcomes.get(need)).result());
                        }
                        futures.put(j.id(), threads.submit(() -> ended.add(execute(j, inputs, heard))));
                    }
                }
                Ended e = ended.take();
                left--;
                running.merge(e.job().lane(), -1, Integer::sum);
                futures.remove(e.job().id());
                if (e.failure() == null) {
                    outcomes.put(e.job().id(), new GraphRun.Succeeded(e.job(), e.result(), e.cached(), e.seconds()));
                    heard.event(e.cached() ? new JobEvent.Cached(e.job()) : new JobEvent.Done(e.job(), e.seconds()));
                    for (String d : graph.dependants(e.job().id())) {
                        // a job failed already through another job it needs never runs
                        if (waitingFor.merge(d, -1, Integer::sum) == 0 && !outcomes.containsKey(d)) {
                            Job dj = graph.job(d);
                            ready.get(dj.lane()).add(dj);
                        }
                    }
                } else {
                    String reason = reason(e.failure());
                    outcomes.put(e.job().id(), new GraphRun.Failed(e.job(), reason, e.failure()));
                    heard.event(new JobEvent.Failed(e.job(), reason, e.failure()));
                    left -= failDependants(graph, e.job(), outcomes, heard);
                }
            }
        } catch (InterruptedException ie) {
            futures.values().forEach(f -> f.cancel(true));
            throw ie;
        } finally {
            threads.shutdownNow();
        }
        Map<String, GraphRun.Outcome> ordered = new LinkedHashMap<>();
        for (Job j : graph.jobs()) ordered.put(j.id(), outcomes.get(j.id()));
        return new GraphRun(ordered);
    }

    /** Fails every job that needs {@code failed}, transitively, without running it. @return how many */
    private static int failDependants(JobGraph graph, Job failed, Map<String, GraphRun.Outcome> outcomes,
                                      JobListener heard) {
        int n = 0;
        Queue<Job> todo = new ArrayDeque<>(List.of(failed));
        while (!todo.isEmpty()) {
            Job cause = todo.poll();
            for (String d : graph.dependants(cause.id())) {
                if (outcomes.containsKey(d)) continue; // failed already through another job it needs
                Job dj = graph.job(d);
                String reason = "not made: it needs " + cause.label() + ", which failed";
                outcomes.put(d, new GraphRun.Failed(dj, reason, null));
                heard.event(new JobEvent.Failed(dj, reason, null));
                todo.add(dj);
                n++;
            }
        }
        return n;
    }

    private static Ended execute(Job job, Map<String, Object> inputs, JobListener heard) {
        boolean[] cached = {false};
        JobContext context = new JobContext() {
            @Override
            public <T> T result(String id, Class<T> type) {
                if (!inputs.containsKey(id)) {
                    throw new IllegalArgumentException(job.label() + " does not need job " + id);
                }
                return type.cast(inputs.get(id));
            }

            @Override
            public void progress(long done, long total) {
                heard.event(new JobEvent.Progress(job, done, total));
            }

            @Override
            public void cached() {
                cached[0] = true;
            }
        };
        heard.event(new JobEvent.Started(job));
        long t0 = System.nanoTime();
        try {
            Object result = job.work().run(context);
            return new Ended(job, result, cached[0], (System.nanoTime() - t0) / 1e9, null);
        } catch (Throwable t) { // the job failed, whatever it threw: its dependants fail, the rest go on
            return new Ended(job, null, false, (System.nanoTime() - t0) / 1e9, t);
        }
    }

    /** @return a failure's message, or its kind when it has none */
    static String reason(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
