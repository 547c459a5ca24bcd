package org.cinestack.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;

import org.cinestack.dailies.FilmLock;
import org.cinestack.edit.Recut;
import org.cinestack.film.BadInputException;
import org.cinestack.film.CastMember;
import org.cinestack.film.Film;
import org.cinestack.film.Problem;
import org.cinestack.film.ShootPlan;
import org.cinestack.mix.Speech;
import org.cinestack.plan.Plan;
import org.cinestack.plan.Planner;
import org.cinestack.plan.ShotSpec;
import org.cinestack.shoot.Backend;
import org.cinestack.shoot.TakeStore;
import org.cinestack.shoot.previs.PrevisBackend;
import org.cinestack.shoot.remote.RemoteBackend;

/**
 * A render made ready to run: the film read, validated and planned, everything a user could have got wrong checked
 * (the backend, the grade files, the edit, the watermark, film.lock, the voices, the reference stills, the budget),
 * the backends made, and the job graph built. The same preparation serves the render that runs the graph and a farm
 * worker that runs one job of it, so both build the same graph with the same job ids.
 * <p>
 * Closing it releases the project's lock (when it holds it) and the previs renderer's threads.
 */
public final class StagedRender implements AutoCloseable {
    private final Film film;
    private final Path out;
    private final List<String> warnings;
    private final FilmJobs jobs;
    private final RenderGraph graph;
    private final ForkJoinPool pool;
    private final RenderLock lock;
    private final RenderListener listener;
    private final Path cache;
    private final List<String> waitingFor;

    private StagedRender(Film film, Path out, List<String> warnings, FilmJobs jobs, RenderGraph graph,
                         ForkJoinPool pool, RenderLock lock, RenderListener listener, Path cache,
                         List<String> waitingFor) {
        this.waitingFor = waitingFor;
        this.film = film;
        this.out = out;
        this.warnings = warnings;
        this.jobs = jobs;
        this.graph = graph;
        this.pool = pool;
        this.lock = lock;
        this.listener = listener;
        this.cache = cache;
    }

    /**
     * Prepares a render of a film.
     *
     * @param fileOrDir a film.yaml, a screenplay, or the project folder holding one
     * @param o         options
     * @param lock      true to take the project's {@link RenderLock} (a render); false for a farm worker, which runs
     *                  jobs of a render that holds it
     * @return the render, ready to run its graph
     * @throws BadInputException when the film or an option cannot be used (nothing is written)
     */
    public static StagedRender of(Path fileOrDir, FilmRender.Options o, boolean lock) {
        Project where = Project.of(fileOrDir);
        Path file = where.file();
        Film film = where.film(o.allowOutside());
        org.cinestack.film.Limits.shotCountWarning(film.shotCount()).ifPresent(o.listener()::warning);
        String override = o.backend() == null ? "" : o.backend().strip();
        if (!override.isEmpty() && !ShootPlan.BACKENDS.contains(override)) {
            throw new BadInputException(List.of(new Problem("--backend", 0, 0, "unknown backend '" + override
                + "'; available: " + String.join(", ", ShootPlan.BACKENDS))));
        }
        Map<String, Routing.Route> routes = Routing.routes(film, override);
        Plan plan = Planner.plan(film);
        checkVoices(film, file);
        Map<String, org.cinestack.finish.CubeLut> luts = FilmRender.gradeFiles(film, file); // a bad .cube stops us first
        List<String> shotIds = plan.specs().stream().map(ShotSpec::shotId).toList();
        int[] planFrames = plan.specs().stream().mapToInt(ShotSpec::frameCount).toArray();
        Optional<Recut.Edit> edit = o.edit().map(e -> Recut.read(e.toAbsolutePath(), film.format().fps()));
        edit.ifPresent(e -> Recut.conform(e, film.title(), film.format().fps(), shotIds, null, planFrames));
        FilmRender.checkWatermark(film, file); // a watermark that does not fit stops us before shooting
        FilmLock circled = FilmLock.read(where.folder()); // a malformed film.lock stops us before shooting
        org.cinestack.dailies.TakeNotes.read(where.folder()); // so does a malformed notes.json (the report reads it)
        for (FilmLock.Entry e : circled.entries().values()) {
            if (e.by() == FilmLock.By.DIRECTOR && !shotIds.contains(e.shot())) {
                throw new BadInputException(List.of(new Problem(circled.file().toString(), e.line(), 1, "the "
                    + "director circled take " + e.take() + " of shot '" + e.shot() + "', which is not in the film; "
                    + "delete the line, or give the shot back to the film")));
            }
        }
        Path project = where.folder();
        Path cache = where.cache();
        Path out = o.out() != null ? o.out().toAbsolutePath() : where.out();
        RenderListener listener = o.listener();
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, o.jobs()));
        RenderLock lockHeld = null;
        boolean staged = false;
        try {
            if (lock) lockHeld = RenderLock.acquire(cache, o.waitForOthers(), listener::warning); // one writer a project
            PrevisBackend previs = new PrevisBackend(pool);
            TakeStore store = new TakeStore(cache);
            List<ShotSpec> specs = plan.specs();
            Backends.checkStills(film, project); // before anything is made or uploaded
            Backends backends = new Backends(film, project, cache, o, previs, store, override);
            List<Backend> perShot = new ArrayList<>();
            for (ShotSpec spec : specs) perShot.add(backends.forShot(routes.get(spec.shotId()), warn(warnings, listener)));
            for (int i = 0; i < specs.size(); i++) {
                if (perShot.get(i) instanceof RemoteBackend r) {
                    List<Path> stills = backends.stills(specs.get(i));
                    if (!stills.isEmpty() && r.usedReferences(specs.get(i)).isEmpty()) {
                        warn(warnings, listener).accept("shot " + specs.get(i).shotId() + ": " + r.id() + " takes no "
                            + "reference stills or first frames, so " + stills.stream().map(p -> p.getFileName()
                            .toString()).toList() + " were not sent; its look may drift from the other shots");
                    }
                }
            }
            java.util.Set<Integer> held = held(specs, o.shots(), file);
            int wanted = o.shoot().quality() == FilmRender.Quality.FINAL ? 1 : o.takes(); // the circled take again
            List<String> waiting = new ArrayList<>(); // held shots without their takes: nothing to cut yet
            for (int i : held) {
                if (!FilmRender.missingTakes(store.takes(TakeStore.digest(specs.get(i), perShot.get(i))), wanted)
                    .isEmpty()) {
                    waiting.add(specs.get(i).shotId());
                }
            }
            long shootFrames = 0; // the work ahead, for the time left
            for (int i = 0; i < specs.size(); i++) {
                if (perShot.get(i) instanceof RemoteBackend || held.contains(i)) continue; // not timed here
                shootFrames += (long) FilmRender.missingTakes(store.takes(TakeStore.digest(specs.get(i),
                    perShot.get(i))), o.takes()).size() * specs.get(i).frameCount();
            }
            long planned = java.util.Arrays.stream(planFrames).asLongStream().sum();
            List<RenderWork.Encode> encodes = new ArrayList<>();
            if (shootFrames > 0 && waiting.isEmpty()) { // a new take makes a new master and deliverables
                encodes.add(new RenderWork.Encode("master", planned));
                for (String p : film.deliver()) {
                    if (Film.DELIVERABLES.contains(p)) encodes.add(new RenderWork.Encode(p, planned));
                }
            }
            listener.planned(new RenderWork(shootFrames, shootFrames > 0, encodes));
            double estimate = checkBudget(specs, perShot, store, o, wanted, held);
            int hostedTakes = hostedTakes(specs, perShot, store, wanted, held);
            FilmJobs jobs = new FilmJobs(film, file, out, o, specs, perShot, store, luts, edit, warnings,
                warn(warnings, listener), shootFrames, hostedTakes, circled, o.retakes(), held,
                o.shoot().budgetUsd() - estimate);
            if (!waiting.isEmpty()) {
                warn(warnings, listener).accept("the master waits for " + waiting.size() + " shot(s) with no takes "
                    + "yet (" + String.join(", ", waiting) + "); render the film to make them and cut it");
            }
            listener.stage("shoot");
            RenderGraph graph = RenderGraph.of(film, file, o, specs, perShot, wanted, jobs, waiting.isEmpty());
            StagedRender ready = new StagedRender(film, out, warnings, jobs, graph, pool, lockHeld, listener, cache,
                List.copyOf(waiting));
            staged = true;
            return ready;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!staged) { // the render that would have closed them was not made
                pool.shutdown();
                release(lockHeld, cache, listener);
            }
        }
    }

    /** @return the film */
    public Film film() {
        return film;
    }

    /** @return the job graph and the ids of its main jobs */
    RenderGraph graph() {
        return graph;
    }

    /** @return the jobs of the graph, in an order that runs each after what it needs */
    public org.cinestack.render.graph.JobGraph jobGraph() {
        return graph.graph();
    }

    /** @return the work behind the graph's jobs */
    FilmJobs jobs() {
        return jobs;
    }

    /** @return shots the master waits for: not rendered here and with no takes yet (empty when it is cut) */
    List<String> waitingFor() {
        return waitingFor;
    }

    /**
     * @param specs the plan's shots
     * @param only  the shots a render names ({@link FilmRender.Options#shots()}), or empty for all
     * @param file  the film's file, for the problem
     * @return the indices of the shots taken as they are: every shot not named (none when none are named)
     * @throws BadInputException when a named shot is not in the film
     */
    static java.util.Set<Integer> held(List<ShotSpec> specs, List<String> only, Path file) {
        if (only.isEmpty()) return java.util.Set.of();
        List<String> ids = specs.stream().map(ShotSpec::shotId).toList();
        List<Problem> problems = new ArrayList<>();
        for (String s : only) {
            if (!ids.contains(s)) {
                problems.add(new Problem("--shot", 0, 0, "no shot '" + s + "' in " + file.getFileName()
                    + "; its shots: " + String.join(", ", ids)));
            }
        }
        if (!problems.isEmpty()) throw new BadInputException(problems);
        java.util.Set<Integer> held = new java.util.TreeSet<>();
        for (int i = 0; i < ids.size(); i++) if (!only.contains(ids.get(i))) held.add(i);
        return java.util.Collections.unmodifiableSet(held);
    }

    /** @return the output folder */
    Path out() {
        return out;
    }

    /** @return what the user should know so far */
    List<String> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    @Override
    public void close() {
        pool.shutdown();
        release(lock, cache, listener);
    }

    private static void release(RenderLock lock, Path cache, RenderListener listener) {
        if (lock == null) return;
        try {
            lock.close();
        } catch (IOException e) {
            listener.warning("could not release " + cache.resolve("render.lock") + ": " + e.getMessage());
        }
    }

    private static java.util.function.Consumer<String> warn(List<String> warnings, RenderListener listener) {
        return w -> {
            synchronized (warnings) {
                if (warnings.contains(w)) return;
                warnings.add(w);
            }
            listener.warning(w);
        };
    }

    /** @return how many takes will be made on other services */
    static int hostedTakes(List<ShotSpec> specs, List<Backend> perShot, TakeStore store, int wanted,
                           java.util.Set<Integer> held) {
        int takes = 0;
        for (int i = 0; i < specs.size(); i++) {
            if (perShot.get(i) instanceof RemoteBackend remote && !held.contains(i)) {
                takes += FilmRender.missingTakes(store.takes(TakeStore.digest(specs.get(i), remote)), wanted).size();
            }
        }
        return takes;
    }

    /**
     * Checks the estimate of every generative take still to make against the budget, before anything is sent.
     *
     * @return the estimate, US dollars (what is left of the budget pays for retakes)
     * @throws BadInputException when the estimate is over the budget (nothing was submitted)
     */
    private static double checkBudget(List<ShotSpec> specs, List<Backend> perShot, TakeStore store, FilmRender.Options o,
                                   int wanted, java.util.Set<Integer> held) {
        double estimate = 0;
        int takes = 0;
        java.util.Set<String> remoteIds = new java.util.TreeSet<>();
        for (int i = 0; i < specs.size(); i++) {
            if (!(perShot.get(i) instanceof RemoteBackend remote) || held.contains(i)) continue;
            remoteIds.add(remote.id());
            for (int n : FilmRender.missingTakes(store.takes(TakeStore.digest(specs.get(i), remote)), wanted)) {
                takes++;
                estimate += remote.estimateUsd(specs.get(i));
            }
        }
        if (estimate > o.shoot().budgetUsd() + 1e-9) {
            throw new BadInputException(List.of(new Problem("--budget-usd", 0, 0, String.format(Locale.ROOT,
                "the %d takes to make on %s would cost about $%.2f, over the budget of $%.2f; nothing was submitted "
                    + "(raise --budget-usd, or render fewer takes)", takes, String.join(", ", remoteIds),
                estimate, o.shoot().budgetUsd()))));
        }
        return estimate;
    }

    /** An unknown voice is bad input, found before anything is made: espeak-ng would quietly use its default. */
    private static void checkVoices(Film film, Path file) {
        Optional<Speech> speech = Speech.find();
        if (speech.isEmpty()) return;
        List<Problem> problems = new ArrayList<>();
        for (CastMember c : film.cast()) {
            if (c.voice().isEmpty()) continue;
            String wrong;
            try {
                wrong = speech.get().checkVoice(c.voice().get());
            } catch (IOException e) {
                return; // cannot list voices: speak anyway, the mix reports failures as warnings
            }
            if (wrong != null) problems.add(new Problem(file.toString(), 0, 0, "cast member '" + c.id() + "': voice "
                + wrong));
        }
        if (!problems.isEmpty()) throw new BadInputException(problems);
    }

}
