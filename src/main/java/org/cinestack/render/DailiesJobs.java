package org.cinestack.render;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.cinestack.dailies.Choice;
import org.cinestack.dailies.Dailies;
import org.cinestack.dailies.Defect;
import org.cinestack.dailies.Expected;
import org.cinestack.film.Film;
import org.cinestack.film.Scene;
import org.cinestack.film.Shot;
import org.cinestack.plan.Framing;
import org.cinestack.dailies.FilmLock;
import org.cinestack.plan.ShotSpec;
import org.cinestack.shoot.Backend;
import org.cinestack.shoot.Take;
import org.cinestack.shoot.TakeStore;
import org.cinestack.shoot.remote.RemoteBackend;

/**
 * The work of each shot's dailies job in a render: its takes measured ({@link Dailies}), retaken by rule, and the
 * take the cut uses chosen (the director's from film.lock, else the rules' best); then film.lock written with every
 * shot's choice.
 */
final class DailiesJobs {
    private final List<ShotSpec> specs;
    private final List<Backend> perShot;
    private final TakeStore store;
    private final FilmLock lock;
    private final int retakes;
    /** Shots taken as they are in the take store (a render of other shots): never retaken. */
    private final java.util.Set<Integer> held;
    /** What the budget leaves for retakes on other services, US dollars. */
    private double budgetLeft;
    private final RenderListener listener;
    private final Consumer<String> warn;
    private final AtomicInteger generated;
    private final List<String> shotIds;
    private final List<Expected> expected;

    /**
     * @param film a film
     * @param spec one of its shots, planned
     * @return what the shot's takes are judged against: its move; its size's head fill when its subject is one of the
     *         cast; the side of the picture it asked for
     */
    static Expected expected(Film film, ShotSpec spec) {
        for (Scene sc : film.scenes()) {
            for (Shot sh : sc.shots()) {
                if (!sh.id().equals(spec.shotId())) continue;
                boolean person = film.cast().stream().anyMatch(c -> c.id().equals(sh.subject()));
                return new Expected(spec.move(), person ? Framing.headFill(spec.size()) : 0,
                    sh.screen() == null ? "" : sh.screen().name().toLowerCase(Locale.ROOT));
            }
        }
        return Expected.move(spec.move());
    }

    DailiesJobs(Film film, List<ShotSpec> specs, List<Backend> perShot, TakeStore store, FilmLock lock, int retakes,
                java.util.Set<Integer> held, double budgetLeft, RenderListener listener, Consumer<String> warn,
                AtomicInteger generated) {
        this.held = held;
        this.specs = specs;
        this.perShot = perShot;
        this.store = store;
        this.lock = lock;
        this.retakes = retakes;
        this.budgetLeft = budgetLeft;
        this.listener = listener;
        this.warn = warn;
        this.generated = generated;
        this.shotIds = specs.stream().map(ShotSpec::shotId).toList();
        this.expected = specs.stream().map(s -> expected(film, s)).toList();
    }

    /**
     * One shot after its dailies: its takes and which the cut uses.
     *
     * @param takes    its takes, by number (retakes included)
     * @param verdicts per take number, its verdict
     * @param choice   the circled take and the rest
     */
    record Dailied(List<Take> takes, Map<Integer, Dailies.Verdict> verdicts, Choice choice) {
        /** @return the take the cut uses */
        Take circled() {
            return takes.stream().filter(t -> t.number() == choice.circled()).findFirst().orElseThrow();
        }
    }


    /**
     * @param i the shot's index in the plan
     * @return the take the director circled for it, when film.lock holds one for its takes as they are now; 0 when
     *         not
     */
    int directorTake(int i) {
        ShotSpec spec = specs.get(i);
        String digest = TakeStore.digest(spec, perShot.get(i));
        return lock.get(spec.shotId()).filter(e -> e.by() == FilmLock.By.DIRECTOR && e.takes().equals(digest))
            .map(FilmLock.Entry::take).orElse(0);
    }


    /**
     * @param shot a shot's index in the plan
     * @return the retakes it may have in this render: none when it is held as it is in the take store
     */
    int retakes(int shot) {
        return held.contains(shot) ? 0 : retakes;
    }

    /**
     * The dailies of a shot's takes ({@link Dailies}): each take measured against its shot's move ({@code qa.json}
     * and stills beside its take.json), then the choice: the director's circled take while film.lock holds one for
     * these takes, else the rules' best. When the rules' best has a major defect, the next take (the next seed) is
     * shot and measured, up to the retakes allowed and, on another service, within what the budget leaves; after
     * them the shot needs the director and its best take is used.
     *
     * @param i      the shot's index in the plan
     * @param wanted takes wanted of it (the retakes come after them)
     * @param takes  its takes, by number
     * @param cached told when every take's verdict was already there and nothing was shot
     * @return the takes with their verdicts and the choice
     * @throws IOException when a qa.json cannot be written
     */
    Dailied dailies(int i, int wanted, List<Take> takes, Runnable cached) throws IOException {
        ShotSpec spec = specs.get(i);
        Backend backend = perShot.get(i);
        List<Take> all = new ArrayList<>(takes);
        Map<Integer, Dailies.Verdict> verdicts = new java.util.TreeMap<>();
        boolean measured = false;
        for (Take t : all) measured |= !judge(spec, t, verdicts);
        int director = directorTake(i);
        lock.get(spec.shotId()).filter(e -> e.by() == FilmLock.By.DIRECTOR && director == 0).ifPresent(e ->
            warn.accept("shot " + spec.shotId() + " changed since the director circled take " + e.take() + " ("
                + lock.file().getFileName() + " line " + e.line() + "), so the rules circle its take again; "
                + "circle it again with 'cinestack circle'"));
        if (director > 0 && verdicts.containsKey(director)) {
            if (!measured) cached.run();
            return new Dailied(List.copyOf(all), verdicts, Choice.byDirector(director, verdicts));
        }
        Choice choice = Choice.byRule(verdicts);
        int last = all.stream().mapToInt(Take::number).max().orElse(0);
        int allowed = wanted + retakes(i);
        while (choice.needsDirector() && last < allowed) {
            if (backend instanceof RemoteBackend remote) {
                double cost = remote.estimateUsd(spec);
                synchronized (this) {
                    if (cost > budgetLeft + 1e-9) {
                        warn.accept(String.format(Locale.ROOT, "dailies: shot %s: a retake would cost about $%.2f, "
                            + "over the $%.2f the budget leaves; not made", spec.shotId(), cost, budgetLeft));
                        break;
                    }
                    budgetLeft -= cost;
                }
            }
            int n = ++last;
            warn.accept("dailies: shot " + spec.shotId() + ": take " + choice.circled() + ", the best so far, has a "
                + "major defect; shooting take " + n + " with the next seed");
            Take t;
            if (backend instanceof RemoteBackend remote) {
                t = store.shoot(spec, remote, n, (f, total) -> { });
            } else {
                synchronized (listener) {
                    listener.shot(i, specs.size(), spec.shotId(), spec.frameCount(), 1);
                }
                t = store.shoot(spec, backend, n, listener::frames);
            }
            generated.incrementAndGet();
            all.add(t);
            measured = true;
            judge(spec, t, verdicts);
            choice = Choice.byRule(verdicts);
        }
        if (choice.needsDirector()) {
            warn.accept("dailies: shot " + spec.shotId() + " needs the director: every take has a major defect; "
                + "take " + choice.circled() + ", the best, is used (see its qa.json; 'cinestack circle' chooses "
                + "another)");
        }
        if (!measured) cached.run();
        return new Dailied(List.copyOf(all), verdicts, choice);
    }

    /**
     * @param takeFolder a take's folder
     * @return what measures the take's own sound for its dailies ({@link org.cinestack.mix.TakeLoudness})
     */
    static java.util.function.Supplier<java.util.Optional<org.cinestack.dailies.TakeSound>> sound(
        java.nio.file.Path takeFolder) {
        return () -> org.cinestack.mix.TakeLoudness.of(takeFolder).map(r -> org.cinestack.dailies.TakeSound.of(
            r.integratedLufs(), r.loudnessRangeLu(), r.truePeakDbtp(), r.seconds()));
    }

    /** Measures one take into the verdicts and says its major defects; @return true when read from its qa.json. */
    private boolean judge(ShotSpec spec, Take t, Map<Integer, Dailies.Verdict> verdicts) throws IOException {
        Dailies.Verdict v = Dailies.of(t.folder(), t.mediaDigest(), expected.get(specs.indexOf(spec)), spec.fps(),
            spec.frameCount(), sound(t.folder()));
        verdicts.put(t.number(), v);
        for (Defect d : v.defects()) {
            if (d.severity() == Defect.Severity.MAJOR) {
                warn.accept("dailies: shot " + spec.shotId() + " take " + t.number() + ": " + d.words());
            }
        }
        return v.cached();
    }


    /**
     * Writes the choices of the shots a render of some shots made, when it cut nothing: the board and the next cut
     * see them; every other shot's entry stays as it is.
     *
     * @param byShot the dailies of each shot rendered, by shot id
     */
    void writeLock(Map<String, Dailied> byShot) throws IOException {
        List<Dailied> shots = new ArrayList<>();
        for (String id : shotIds) shots.add(byShot.get(id));
        writeLock(shots);
    }

    /**
     * Writes film.lock: each shot's choice, the director's kept as they were while their takes are the same.
     *
     * @param shots each shot's dailies, in the plan's order; null for a shot not rendered here, whose entry stays as
     *              it is (a render of some shots, {@code --shot}, that cut nothing)
     */
    void writeLock(List<Dailied> shots) throws IOException {
        FilmLock next = lock;
        boolean changed = false;
        for (int i = 0; i < specs.size(); i++) {
            Dailied d = shots.get(i);
            if (d == null) continue;
            Take a = d.circled();
            Optional<FilmLock.Entry> old = lock.get(specs.get(i).shotId());
            if (old.isPresent() && old.get().by() == FilmLock.By.DIRECTOR && d.choice().by() == FilmLock.By.DIRECTOR) {
                continue;
            }
            if (old.isPresent() && old.get().takes().equals(a.specDigest()) && old.get().take() == a.number()
                && old.get().b() == d.choice().b() && old.get().by() == d.choice().by()) {
                continue; // the same choice: its time stays
            }
            String model = "";
            try {
                model = org.cinestack.shoot.TakeRecord.read(a.folder()).model();
            } catch (IOException | RuntimeException e) {
                // the model is said where known
            }
            next = next.with(new FilmLock.Entry(specs.get(i).shotId(), a.specDigest(), a.backend(),
                model == null ? "" : model, a.seed(), a.number(), d.choice().b(), d.choice().by(),
                java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), 0));
            changed = true;
        }
        // a shot no longer in the film loses the rules' choice (the director's stopped the render before it began)
        for (String id : lock.entries().keySet()) {
            if (!shotIds.contains(id)) {
                Map<String, FilmLock.Entry> kept = new java.util.LinkedHashMap<>(next.entries());
                kept.remove(id);
                next = new FilmLock(next.file(), kept);
                changed = true;
            }
        }
        if (changed || !Files.isRegularFile(lock.file())) next.write(shotIds);
    }

}
