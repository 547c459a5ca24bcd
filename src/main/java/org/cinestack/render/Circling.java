package org.cinestack.render;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.cinestack.dailies.FilmLock;
import org.cinestack.film.BadInputException;
import org.cinestack.film.Film;
import org.cinestack.film.Problem;
import org.cinestack.shoot.Take;
import org.cinestack.shoot.TakeRecord;
import org.cinestack.shoot.TakeStore;

/**
 * The director's choice of take, kept in film.lock ({@link FilmLock}): {@code cinestack circle} and, later, the
 * studio. A render must have shot the shot first (film.lock names its takes); the choice holds across renders while
 * the shot's spec and backend are unchanged. The project's render lock is held while film.lock is written, so a render
 * running at the same time cannot write over the choice.
 */
public final class Circling {
    private Circling() {
    }

    /**
     * What was circled.
     *
     * @param shot     the shot's id
     * @param take     the take circled
     * @param previous the take circled before, and by whom ("rule" or "director"), or empty
     * @param lock     film.lock
     */
    public record Circled(String shot, int take, Optional<String> previous, java.nio.file.Path lock) {
    }

    /**
     * Circles a take of a shot for the director.
     *
     * @param project the film's project
     * @param shot    the shot's id
     * @param take    the take's number
     * @return what was circled
     * @throws BadInputException when the shot is not in the film, has not been shot, or has no such take (saying
     *                           which takes it has), or film.lock is malformed
     * @throws RenderLock.BusyException when a render of the project is running
     * @throws IOException when film.lock cannot be written
     */
    public static Circled circle(Project project, String shot, int take) throws IOException {
        FilmLock.Entry old = shotEntry(project, shot);
        Take t = take(project, old, take);
        String model = TakeRecord.read(t.folder()).model();
        int b = old.take() != take ? old.take() : old.b();
        try (RenderLock ignored = RenderLock.acquire(project.cache(), false, w -> { })) {
            FilmLock lock = FilmLock.read(project.folder()); // read again under the lock
            lock.with(new FilmLock.Entry(shot, old.takes(), t.backend(), model == null ? "" : model, t.seed(), take,
                b == take ? 0 : b, FilmLock.By.DIRECTOR, Instant.now().truncatedTo(ChronoUnit.SECONDS), 0))
                .write(shotIds(project.film()));
        }
        return new Circled(shot, take, Optional.of("take " + old.take() + " (" + old.by().word() + ")"),
            project.folder().resolve(FilmLock.NAME));
    }

    /**
     * Hands a shot back to the rules: its line leaves film.lock and the next render circles its best-scored take.
     *
     * @param project the film's project
     * @param shot    the shot's id
     * @return the take that was circled before
     * @throws BadInputException as {@link #circle}
     * @throws IOException when film.lock cannot be written
     */
    public static int release(Project project, String shot) throws IOException {
        FilmLock.Entry old = shotEntry(project, shot);
        try (RenderLock ignored = RenderLock.acquire(project.cache(), false, w -> { })) {
            FilmLock lock = FilmLock.read(project.folder());
            java.util.Map<String, FilmLock.Entry> kept = new java.util.LinkedHashMap<>(lock.entries());
            kept.remove(shot);
            new FilmLock(lock.file(), kept).write(shotIds(project.film()));
        }
        return old.take();
    }

    /**
     * @param project the film's project
     * @param shot    a shot's id
     * @param take    a take's number
     * @return that take of the shot as film.lock knows it
     * @throws BadInputException as {@link #circle}
     */
    static Take take(Project project, String shot, int take) {
        return take(project, shotEntry(project, shot), take);
    }

    private static Take take(Project project, FilmLock.Entry entry, int take) {
        List<Take> takes = new TakeStore(project.cache()).takes(entry.takes());
        Optional<Take> chosen = takes.stream().filter(t -> t.number() == take).findFirst();
        if (chosen.isEmpty()) {
            throw new BadInputException(List.of(new Problem("take", 0, 0, "shot " + entry.shot() + " has no take "
                + take + (takes.isEmpty() ? "; its takes are gone from " + project.cache() + ": render the film "
                + "again" : "; its takes are " + takes.stream().map(t -> String.valueOf(t.number())).toList()
                + " (render with --takes " + take + " to shoot more)"))));
        }
        return chosen.get();
    }

    /** @return the shot's line in film.lock, after checking the shot is in the film */
    private static FilmLock.Entry shotEntry(Project project, String shot) {
        Film film = project.film();
        if (!shotIds(film).contains(shot)) {
            throw new BadInputException(List.of(new Problem("shot", 0, 0, "'" + shot + "' is not a shot of "
                + project.file().getFileName() + "; its shots are " + String.join(", ", shotIds(film)))));
        }
        FilmLock lock = FilmLock.read(project.folder());
        return lock.get(shot).orElseThrow(() -> new BadInputException(List.of(new Problem("shot", 0, 0, "shot "
            + shot + " has not been shot yet (film.lock has no line for it): render the film first"))));
    }

    private static List<String> shotIds(Film film) {
        return film.scenes().stream().flatMap(s -> s.shots().stream()).map(org.cinestack.film.Shot::id).toList();
    }
}
