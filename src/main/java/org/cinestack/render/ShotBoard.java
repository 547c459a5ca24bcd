package org.cinestack.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cinestack.dailies.Dailies;
import org.cinestack.dailies.Defect;
import org.cinestack.film.Film;
import org.cinestack.film.Scene;
import org.cinestack.film.Shot;
import org.cinestack.plan.Planner;
import org.cinestack.plan.ShotSpec;
import org.cinestack.shoot.Take;
import org.cinestack.shoot.remote.Ledger;

/**
 * A film's shots as the studio's board shows them: each shot's spec in the words of film.yaml, its status from the
 * last render's choice (film.lock) and dailies, its takes, its stills and what it has cost. Read-only: it measures a
 * take's dailies only where they are missing, as {@code cinestack dailies} does.
 *
 * @param title the film's title
 * @param cards one per shot, in film order
 */
public record ShotBoard(String title, List<Card> cards) {
    /**
     * One shot.
     *
     * @param shot       its id
     * @param scene      its scene's id
     * @param heading    its scene's heading
     * @param size       its size, as film.yaml writes it ({@code mcu})
     * @param move       its camera move
     * @param lensMm     its focal length, mm
     * @param seconds    its length, s
     * @param dialogue   its lines, "CHARACTER: line"
     * @param status     {@code planned}, {@code circled}, {@code needs-director}, or {@code changed}: the shot's
     *                   spec is no longer the one its previs takes were made from (an edit since; its last takes are
     *                   shown until it is rendered again). Takes made elsewhere are not judged changed here: their
     *                   digest depends on the backend's account and settings
     * @param circledBy  {@code rule} or {@code director}, or "" when not shot
     * @param circled    the circled take's number, or 0
     * @param b          the B take's number, or 0
     * @param costUsd    what its takes have cost so far (the ledger's actual, else estimated, per submitted request)
     * @param takes      its takes, in number order
     */
    public record Card(String shot, String scene, String heading, String size, String move, double lensMm,
                       double seconds, List<String> dialogue, String status, String circledBy, int circled, int b,
                       double costUsd, List<TakeCard> takes) {
        /** @return the circled take, if any */
        public java.util.Optional<TakeCard> circledTake() {
            return takes.stream().filter(t -> t.number() == circled).findFirst();
        }
    }

    /**
     * One take.
     *
     * @param number   its number
     * @param seed     its seed
     * @param backend  where it was made
     * @param score    its dailies score, 0..100
     * @param rejected true when a defect is major
     * @param defects  its defects in words, major first
     * @param folder   its folder (take.mp4 and the stills {@link Dailies#STILLS} are in it)
     * @param note     the director's note on it, or ""
     */
    public record TakeCard(int number, long seed, String backend, int score, boolean rejected, List<String> defects,
                           Path folder, String note) {
    }

    /**
     * Reads a film's board.
     *
     * @param project the film's project
     * @return its board
     * @throws org.cinestack.film.BadInputException when the film or film.lock cannot be read
     * @throws IOException when a missing dailies record cannot be written
     */
    public static ShotBoard of(Project project) throws IOException {
        Film film = project.film();
        List<ShotSpec> specs = Planner.plan(film).specs();
        org.cinestack.dailies.FilmLock lock = org.cinestack.dailies.FilmLock.read(project.folder());
        List<DailiesJobs.Dailied> shots = DailiesReport.dailied(project, film, specs, lock);
        org.cinestack.dailies.TakeNotes notes = org.cinestack.dailies.TakeNotes.read(project.folder());
        Map<String, Double> spent = new HashMap<>();
        if (Files.isDirectory(project.cache())) {
            for (Ledger.Entry e : new Ledger(project.cache()).entries()) {
                if (e.outcome() == Ledger.Outcome.SUBMITTED) {
                    spent.merge(e.shot(), e.actualUsd() > 0 ? e.actualUsd() : e.estimatedUsd(), Double::sum);
                }
            }
        }
        List<Card> cards = new ArrayList<>();
        org.cinestack.shoot.previs.PrevisBackend previs = new org.cinestack.shoot.previs.PrevisBackend(null);
        for (int i = 0; i < specs.size(); i++) {
            ShotSpec spec = specs.get(i);
            DailiesJobs.Dailied d = shots.get(i);
            boolean changed = lock.get(spec.shotId()).filter(e -> e.backend().equals(previs.id()))
                .map(e -> !e.takes().equals(org.cinestack.shoot.TakeStore.digest(spec, previs))).orElse(false);
            Scene scene = film.scenes().stream().filter(s -> s.id().equals(spec.sceneId())).findFirst().orElseThrow();
            Shot shot = scene.shots().stream().filter(s -> s.id().equals(spec.shotId())).findFirst().orElseThrow();
            List<String> lines = shot.dialogue().stream().map(l -> l.character().toUpperCase(java.util.Locale.ROOT)
                + ": " + l.line()).toList();
            List<TakeCard> takes = new ArrayList<>();
            for (Take t : d.takes()) {
                Dailies.Verdict v = d.verdicts().get(t.number());
                if (v == null) continue;
                takes.add(new TakeCard(t.number(), t.seed(), t.backend(), v.score(), v.rejected(),
                    v.defects().stream().map(Defect::words).toList(), t.folder(), notes.on(t.folder()).orElse("")));
            }
            cards.add(new Card(spec.shotId(), spec.sceneId(), scene.heading(), shot.size().code(), spec.move(),
                shot.camera().focalLengthMm(),
                spec.durationSeconds(), lines, d.choice() == null ? "planned" : changed ? "changed"
                    : d.choice().status(),
                d.choice() == null ? "" : d.choice().by().word(), d.choice() == null ? 0 : d.choice().circled(),
                d.choice() == null ? 0 : d.choice().b(), spent.getOrDefault(spec.shotId(), 0.0), List.copyOf(takes)));
        }
        return new ShotBoard(film.title(), List.copyOf(cards));
    }
}
