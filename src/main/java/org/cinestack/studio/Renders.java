package org.cinestack.studio;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import tools.jackson.databind.json.JsonMapper;

import org.cinestack.render.FilmRender;
import org.cinestack.render.Project;
import org.cinestack.render.RenderClock;
import org.cinestack.render.RenderEvent;

/**
 * The studio's render queue: renders of a film run one after another, each on its own thread through the same
 * {@link FilmRender#render} as {@code cinestack render} (so the film's lock, its cache and its dailies are the same);
 * a render asked for while another of the film runs waits its turn. Their progress, turned into events by
 * {@link RenderClock}, goes to whoever follows the film (the pages, over server-sent events). A film's last render
 * stays readable until the next one starts.
 */
final class Renders {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One render of a film, as the studio follows it.
     */
    static final class Run {
        final long id;
        final String film;
        /** The shots rendered, empty for the whole film. */
        final List<String> shots;
        final Project project;
        final int takes;
        final double budgetUsd;
        /** queued, running, done, failed or cancelled. */
        volatile String state = "queued";
        volatile double percent;
        volatile String stage = "";
        volatile String shot = "";
        volatile String error = "";
        /** When the render's last progress event came, epoch milliseconds (0 before the first). */
        volatile long at;
        /** After a render of some shots: the shots the master waits for (with no takes yet). */
        volatile List<String> waitingFor = List.of();
        final List<String> warnings = new CopyOnWriteArrayList<>();
        volatile Thread thread;
        volatile boolean cancelled;
        private final Renders queue;

        Run(Renders queue, long id, String film, Project project, int takes, List<String> shots, double budgetUsd) {
            this.queue = queue;
            this.id = id;
            this.film = film;
            this.project = project;
            this.takes = takes;
            this.shots = List.copyOf(shots);
            this.budgetUsd = budgetUsd;
        }

        /**
         * @return the run's state as JSON: its id, state, percent, stage, shot, shots, warnings, error, the renders
         *         queued behind it ({@code queued}: their ids and shots), and {@code at}, when the render's last
         *         progress event came (epoch milliseconds), so a follower can tell how late it hears it
         */
        String json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("film", film);
            m.put("state", state);
            if (!shots.isEmpty()) m.put("shots", shots);
            if (!waitingFor.isEmpty()) m.put("masterWaitsFor", waitingFor);
            m.put("percent", Math.round(percent * 10) / 10.0);
            m.put("stage", stage);
            m.put("shot", shot);
            m.put("warnings", List.copyOf(warnings));
            if (!error.isEmpty()) m.put("error", error);
            m.put("queued", queue.queued(film));
            m.put("at", at);
            return JSON.writeValueAsString(m);
        }

        void tell() {
            queue.tell(film, json());
        }
    }

    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Run> running = new HashMap<>();
    private final Map<String, Deque<Run>> waiting = new HashMap<>();
    private final Map<String, Run> last = new HashMap<>();
    private final Map<String, List<Consumer<String>>> followers = new ConcurrentHashMap<>();

    /**
     * Asks for a render of a film: it starts now, or once the renders of the film asked for before it have ended.
     *
     * @param film      the film's id
     * @param project   its project
     * @param takes     takes a shot, as the film was last rendered with (so no take is dropped)
     * @param shots     the shots to render, or empty for the whole film ({@link FilmRender.Options#shots()})
     * @param budgetUsd what this render may spend on generative takes, US dollars (infinite for no limit)
     * @return the run, running or queued
     */
    synchronized Run start(String film, Project project, int takes, List<String> shots, double budgetUsd) {
        Run run = new Run(this, ids.incrementAndGet(), film, project, takes, shots, budgetUsd);
        if (running.containsKey(film)) {
            waiting.computeIfAbsent(film, k -> new ArrayDeque<>()).add(run);
            run.tell();
            return run;
        }
        launch(run);
        return run;
    }

    /** Starts a run on a thread of its own; when it ends, the next one of its film starts. */
    private void launch(Run run) {
        running.put(run.film, run);
        last.put(run.film, run);
        run.state = "running";
        RenderClock clock = new RenderClock(e -> progress(run, e), w -> {
            run.warnings.add(w);
            run.tell();
        });
        run.thread = Thread.ofPlatform().name("cinestack-studio-render-" + run.film).daemon(true).unstarted(() -> {
            try {
                FilmRender.Result r = FilmRender.render(run.project.file(), new FilmRender.Options(null,
                    Math.max(1, run.takes), null, Math.max(1, Runtime.getRuntime().availableProcessors()), clock)
                    .withShots(run.shots).withBudgetUsd(run.budgetUsd));
                run.waitingFor = r.waitingFor();
                clock.finished();
                run.percent = 100;
                run.state = "done";
            } catch (RuntimeException e) {
                run.state = run.cancelled ? "cancelled" : "failed";
                run.error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            synchronized (Renders.this) {
                running.remove(run.film);
                Deque<Run> next = waiting.get(run.film);
                if (next != null && !next.isEmpty()) launch(next.poll());
            }
            run.tell();
        });
        run.thread.start();
        run.tell();
    }

    /**
     * Cancels a film's renders: the running one's thread is interrupted and it ends as a Ctrl-C ends one (the takes
     * and shots already made are kept); those waiting are dropped.
     *
     * @param film the film's id
     * @return the run being cancelled, or null when none of this film is running
     */
    synchronized Run cancel(String film) {
        Run run = running.get(film);
        if (run == null || run.thread == null) return null;
        Deque<Run> dropped = waiting.remove(film);
        if (dropped != null) {
            for (Run q : dropped) {
                q.state = "cancelled";
                q.error = "cancelled before it started";
                q.tell();
            }
        }
        run.cancelled = true;
        run.thread.interrupt();
        return run;
    }

    /** @return the ids and shots of the film's renders waiting their turn, in order */
    synchronized List<Map<String, Object>> queued(String film) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Run q : waiting.getOrDefault(film, new ArrayDeque<>())) out.add(Map.of("id", q.id, "shots", q.shots));
        return out;
    }

    /**
     * Follows a film's renders: the follower hears every change of any of them, as {@link Run#json()}.
     *
     * @return what stops following
     */
    Runnable follow(String film, Consumer<String> follower) {
        followers.computeIfAbsent(film, k -> new CopyOnWriteArrayList<>()).add(follower);
        return () -> followers.getOrDefault(film, List.of()).remove(follower);
    }

    private void tell(String film, String json) {
        List<Consumer<String>> fs = followers.getOrDefault(film, List.of());
        for (Consumer<String> f : fs) {
            try {
                f.accept(json);
            } catch (RuntimeException e) {
                fs.remove(f); // a page that went away
            }
        }
    }

    private static void progress(Run run, RenderEvent e) {
        run.at = System.currentTimeMillis();
        run.stage = e.stage();
        run.shot = e.shot();
        if (e.etaSeconds() >= 0 && e.elapsedSeconds() + e.etaSeconds() > 0) {
            run.percent = Math.max(run.percent, Math.min(99.9, 100 * e.elapsedSeconds()
                / (e.elapsedSeconds() + e.etaSeconds())));
        }
        run.tell();
    }

    /** @return the film's render running now, else the last one that ran, or null */
    synchronized Run last(String film) {
        return last.get(film);
    }
}
