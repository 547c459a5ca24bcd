package org.cinestack.render;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cinestack.film.BadInputException;
import org.cinestack.film.Film;
import org.cinestack.film.Problem;
import org.cinestack.shoot.remote.Ledger;

/**
 * A film's project as every command, the studio and a farm see it: the film file (a film.yaml or a screenplay), the
 * folder it lies in, the cache {@code .cinestack/} (takes, segments, masters, the ledger, the render lock) and
 * {@code out/}.
 *
 * @param file   the film file, absolute
 * @param folder the folder it lies in
 * @param cache  {@code <folder>/.cinestack}
 * @param out    {@code <folder>/out}
 */
public record Project(Path file, Path folder, Path cache, Path out) {
    /**
     * @param fileOrFolder a film.yaml, a screenplay, or a folder holding film.yaml
     * @return its project (nothing is read or made)
     */
    public static Project of(Path fileOrFolder) {
        Path file = (Files.isDirectory(fileOrFolder) ? fileOrFolder.resolve("film.yaml") : fileOrFolder)
            .toAbsolutePath().normalize();
        Path folder = file.getParent();
        return new Project(file, folder, folder.resolve(".cinestack"), folder.resolve("out"));
    }

    /**
     * @return the film file
     * @throws BadInputException when it does not exist, saying what to give instead
     */
    public Path existingFile() {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(List.of(new Problem(file.toString(), 0, 0, "no such film; give a film.yaml "
                + "or screenplay, or the folder holding film.yaml")));
        }
        return file;
    }

    /**
     * Reads the film: a film.yaml, or a screenplay broken down and planned.
     *
     * @param allowedOutside folders or files outside the project the film may name
     * @return the film
     * @throws BadInputException when it cannot be used, with every problem
     */
    public Film film(List<Path> allowedOutside) {
        return FilmRender.readFilm(file, allowedOutside);
    }

    /** @return the film, naming no file outside the project */
    public Film film() {
        return film(List.of());
    }

    /** @return the master a render writes: {@code out/<slug>.mp4} */
    public Path master(Film film) {
        return out.resolve(film.slug() + ".mp4");
    }

    /** @return the ledger of generative requests, {@code .cinestack/ledger.jsonl} */
    public Ledger ledger() {
        return new Ledger(cache);
    }

    /**
     * The reference stills a render sends with a shot: each cast member's, then the scene's, from film.yaml's
     * {@code shoot.references} or {@code assets/<id>.png|jpg}.
     *
     * @param film this project's film
     * @param spec the shot
     * @return existing files, cast first
     * @throws org.cinestack.film.BadInputException when film.yaml names a still that does not exist
     */
    public List<Path> stills(Film film, org.cinestack.plan.ShotSpec spec) {
        return Backends.stills(film, folder, spec);
    }
}
