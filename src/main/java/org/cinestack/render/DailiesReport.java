package org.cinestack.render;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.cinestack.dailies.Choice;
import org.cinestack.dailies.Dailies;
import org.cinestack.dailies.Defect;
import org.cinestack.dailies.FilmLock;
import org.cinestack.dailies.Identity;
import org.cinestack.dailies.Report;
import org.cinestack.dailies.Transition;
import org.cinestack.film.Film;
import org.cinestack.film.Scene;
import org.cinestack.film.Shot;
import org.cinestack.plan.Planner;
import org.cinestack.plan.ShotSpec;
import org.cinestack.shoot.Take;
import org.cinestack.shoot.TakeRecord;
import org.cinestack.shoot.TakeStore;

/**
 * The dailies report of a film ({@link Report}) in {@code out/dailies/}: written by every render from its shots'
 * dailies, and by {@code cinestack dailies <film>} from film.lock and the takes in {@code .cinestack/} without
 * rendering.
 */
public final class DailiesReport {
    private DailiesReport() {
    }

    /**
     * Writes the report of a film from what the last render chose (film.lock) and the takes kept; a take without its
     * dailies is measured now, a shot without a line in film.lock is reported as planned.
     *
     * @param project the film's project
     * @return the report's page, {@code out/dailies/index.html}
     * @throws org.cinestack.film.BadInputException when the film or film.lock cannot be used
     * @throws IOException when the report cannot be written
     */
    public static Path write(Project project) throws IOException {
        Film film = project.film();
        List<ShotSpec> specs = Planner.plan(film).specs();
        List<DailiesJobs.Dailied> shots = dailied(project, film, specs, FilmLock.read(project.folder()));
        return write(film, specs, shots, identity(film, specs, shots), org.cinestack.dailies.TakeNotes.read(
            project.folder()), project.out());
    }

    /**
     * Each shot's takes, their dailies and the choice film.lock records, as the last render left them.
     *
     * @param project the film's project
     * @param film    its film
     * @param specs   its shots, planned
     * @param lock    its film.lock, as read
     * @return per shot, in order, its takes and choice (a null choice: not shot, or its circled take is gone)
     * @throws IOException when a take's dailies cannot be written
     */
    static List<DailiesJobs.Dailied> dailied(Project project, Film film, List<ShotSpec> specs, FilmLock lock)
        throws IOException {
        TakeStore store = new TakeStore(project.cache());
        List<DailiesJobs.Dailied> shots = new ArrayList<>();
        for (ShotSpec spec : specs) {
            Optional<FilmLock.Entry> e = lock.get(spec.shotId());
            List<Take> takes = e.map(x -> store.takes(x.takes())).orElse(List.of());
            Map<Integer, Dailies.Verdict> verdicts = new TreeMap<>();
            for (Take t : takes) {
                verdicts.put(t.number(), Dailies.of(t.folder(), t.mediaDigest(), DailiesJobs.expected(film, spec), spec.fps(),
                    spec.frameCount(), DailiesJobs.sound(t.folder())));
            }
            if (takes.isEmpty() || !verdicts.containsKey(e.get().take())) {
                shots.add(new DailiesJobs.Dailied(takes, verdicts, null));
                continue;
            }
            FilmLock.Entry x = e.get();
            Choice rule = Choice.byRule(verdicts);
            Choice choice = x.by() == FilmLock.By.DIRECTOR ? Choice.byDirector(x.take(), verdicts)
                : new Choice(x.take(), x.b(), rule.rejected(), verdicts.get(x.take()).rejected(), FilmLock.By.RULE);
            shots.add(new DailiesJobs.Dailied(takes, verdicts, choice));
        }
        return shots;
    }

    /**
     * Whether each shot's circled take shows the cast member it asked for ({@link Identity}), among the takes a
     * generative backend made (previs takes are drawn from one model per cast member and are not judged).
     *
     * @param film  the film
     * @param specs its shots, planned
     * @param shots per shot, its takes and choice (a null choice: not shot)
     * @return per shot id, its identity defect, for the shots whose circled take shows someone else
     */
    static Map<String, Defect> identity(Film film, List<ShotSpec> specs, List<DailiesJobs.Dailied> shots) {
        List<Identity.Faces> faces = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            DailiesJobs.Dailied d = shots.get(i);
            String subject = subject(film, specs.get(i).shotId());
            if (d.choice() == null || subject.isEmpty()) continue;
            // previs draws each cast member from one model in every shot, so its takes cannot drift or swap; and its
            // stand-in heads are not faces a recogniser tells apart (on the example film, LBPH took Mara for Tomas
            // in 9 of 9 faces of s8-steady): the check is for generated takes
            if (d.circled().backend().equals(org.cinestack.shoot.previs.PrevisBackend.ID)) continue;
            faces.add(new Identity.Faces(specs.get(i).shotId(), subject, Dailies.faces(d.circled().folder())));
        }
        return Identity.judge(faces);
    }

    /** @return the cast member a shot is of, or empty when its subject is not one of the cast */
    private static String subject(Film film, String shotId) {
        for (Scene sc : film.scenes()) {
            for (Shot sh : sc.shots()) {
                if (sh.id().equals(shotId) && film.cast().stream().anyMatch(c -> c.id().equals(sh.subject()))) {
                    return sh.subject();
                }
            }
        }
        return "";
    }

    /**
     * Writes the report of a render's shots.
     *
     * @param film  the film
     * @param specs its shots, planned
     * @param shots    per shot, its takes and choice (a null choice: not shot)
     * @param identity per shot id, its circled take's identity defect ({@link #identity})
     * @param notes    the director's notes on takes
     * @param out      the output folder; the report goes to {@code dailies/} in it
     * @return the report's page
     * @throws IOException when it cannot be written
     */
    static Path write(Film film, List<ShotSpec> specs, List<DailiesJobs.Dailied> shots, Map<String, Defect> identity,
                      org.cinestack.dailies.TakeNotes notes, Path out) throws IOException {
        List<Report.ShotEntry> entries = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            ShotSpec s = specs.get(i);
            DailiesJobs.Dailied d = shots.get(i);
            List<Report.TakeEntry> takes = new ArrayList<>();
            for (Take t : d.takes()) {
                String model = "";
                try {
                    String m = TakeRecord.read(t.folder()).model();
                    if (m != null && !m.isEmpty()) model = " " + m;
                } catch (IOException | RuntimeException e) {
                    // the model is said where known
                }
                if (d.verdicts().containsKey(t.number())) {
                    takes.add(new Report.TakeEntry(t.number(), t.seed(), t.backend() + model, t.folder(),
                        d.verdicts().get(t.number()), notes.on(t.folder()).orElse("")));
                }
            }
            Choice c = d.choice();
            entries.add(new Report.ShotEntry(s.shotId(), heading(film, s.sceneId()), asked(s),
                c == null ? "planned" : c.status(), c == null ? "" : c.by().word(), c == null ? 0 : c.circled(),
                c == null ? 0 : c.b(), takes, Optional.ofNullable(identity.get(s.shotId())).map(List::of)
                .orElse(List.of())));
        }
        List<Transition> cuts = new ArrayList<>();
        for (int i = 0; i + 1 < specs.size(); i++) {
            DailiesJobs.Dailied a = shots.get(i), b = shots.get(i + 1);
            if (a.choice() == null || b.choice() == null) continue;
            Dailies.Verdict out1 = a.verdicts().get(a.choice().circled()), in = b.verdicts().get(b.choice().circled());
            cuts.add(Transition.judge(specs.get(i).shotId(), specs.get(i + 1).shotId(), out1.metrics().closing(),
                in.metrics().opening(), out1.gazeClosing(), in.gazeOpening(),
                !specs.get(i).sceneId().equals(specs.get(i + 1).sceneId())));
        }
        return new Report(film.title(), entries, cuts).write(out.resolve("dailies"));
    }

    private static String heading(Film film, String sceneId) {
        return film.scenes().stream().filter(sc -> sc.id().equals(sceneId)).map(Scene::heading).findFirst()
            .orElse(sceneId);
    }

    private static String asked(ShotSpec s) {
        return String.format(Locale.ROOT, "%s, %.0f mm, %s, %.1f s", s.size().name().toLowerCase(Locale.ROOT)
            .replace('_', ' '), s.path().start().focalLengthMm(), s.move(), s.durationSeconds());
    }
}
