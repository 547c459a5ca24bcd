package org.cinestack.studio;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import tools.jackson.databind.json.JsonMapper;

import org.cinestack.render.FilmRender;
import org.cinestack.render.Project;
import org.cinestack.render.RenderClock;
import org.cinestack.render.RenderEvent;

/**
 * The studio's render queue: a render per film at a time, run on its own thread through the same
 * {@link FilmRender#render} as {@code cinestack render} (so the film's lock, its cache and its dailies are the same),
 * its progress turned into events by {@link RenderClock} and sent to whoever follows the film (the page, over
 * server-sent events). A film's last render stays readable until the next one starts.
 */
final class Renders {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One render of a film, as the studio follows it.
     */
    static final class Run {
        final String film;
        volatile String state = "running";
        volatile double percent;
        volatile String stage = "";
        volatile String shot = "";
        volatile String error = "";
        /** When the render's last progress event came, epoch milliseconds (0 before the first). */
        volatile long at;
        final List<String> warnings = new CopyOnWriteArrayList<>();
        final List<Consumer<String>> followers = new CopyOnWriteArrayList<>();
        volatile Thread thread;
        volatile boolean cancelled;

        /** The shots rendered, empty for the whole film. */
        final List<String> shots;
        /** After a render of some shots: the shots the master waits for (with no takes yet). */
        volatile List<String> waitingFor = List.of();

        Run(String film, List<String> shots) {
            this.film = film;
            this.shots = List.copyOf(shots);
        }

        /**
         * @return the run's state as JSON: state, percent, stage, shot, warnings, error, and {@code at}, when the
         *         render's last progress event came (epoch milliseconds), so a follower can tell how late it hears it
         */
        String json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("film", film);
            m.put("state", state);
            if (!shots.isEmpty()) m.put("shots", shots);
            if (!waitingFor.isEmpty()) m.put("masterWaitsFor", waitingFor);
            m.put("percent", Math.round(percent * 10) / 10.0);
            m.put("stage", stage);
            m.put("shot", shot);
            m.put("warnings", List.copyOf(warnings));
            if (!error.isEmpty()) m.put("error", error);
            m.put("at", at);
            return JSON.writeValueAsString(m);
        }

        void tell() {
            String j = json();
            for (Consumer<String> f : followers) {
                try {
                    f.accept(j);
                } catch (RuntimeException e) {
                    followers.remove(f); // a page that went away
                }
            }
        }
    }

    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    /**
     * Starts a render of a film, unless one is running.
     *
     * @param film    the film's id
     * @param project its project
     * @param takes   takes a shot, as the film was last rendered with (so no take is dropped)
     * @param shots   the shots to render, or empty for the whole film ({@link FilmRender.Options#shots()})
     * @param budgetUsd what this render may spend on generative takes, US dollars (infinite for no limit)
     * @return the run, or null when a render of this film is already running
     */
    synchronized Run start(String film, Project project, int takes, List<String> shots, double budgetUsd) {
        Run last = runs.get(film);
        if (last != null && last.state.equals("running")) return null;
        Run run = new Run(film, shots);
        runs.put(film, run);
        RenderClock clock = new RenderClock(e -> progress(run, e), w -> {
            run.warnings.add(w);
            run.tell();
        });
        Thread t = Thread.ofPlatform().name("cinestack-studio-render-" + film).daemon(true).start(() -> {
            try {
                FilmRender.Result r = FilmRender.render(project.file(), new FilmRender.Options(null, Math.max(1,
                    takes), null, Math.max(1, Runtime.getRuntime().availableProcessors()), clock).withShots(shots)
                    .withBudgetUsd(budgetUsd));
                run.waitingFor = r.waitingFor();
                clock.finished();
                run.percent = 100;
                run.state = "done";
            } catch (RuntimeException e) {
                run.state = run.cancelled ? "cancelled" : "failed";
                run.error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            run.tell();
        });
        run.thread = t;
        return run;
    }

    /**
     * Cancels a film's running render: its thread is interrupted, the jobs running are interrupted, and the render
     * ends as a Ctrl-C ends one (the takes and shots already made are kept).
     *
     * @param film the film's id
     * @return the run being cancelled, or null when none of this film is running
     */
    synchronized Run cancel(String film) {
        Run run = runs.get(film);
        if (run == null || !run.state.equals("running") || run.thread == null) return null;
        run.cancelled = true;
        run.thread.interrupt();
        return run;
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

    /** @return the film's last render, or null */
    Run last(String film) {
        return runs.get(film);
    }
}
