package org.cinestack.studio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.cinestack.render.Project;

/**
 * The films in the studio's folder: every {@code film.yaml} and screenplay ({@code .fountain}, {@code .fdx}) in it or
 * up to {@value #DEPTH} folders down (hidden folders, {@code .cinestack} and {@code out} are not looked in). A film's
 * id is its folder's path under the studio's folder, with {@code ~} between names, and its file's name when a folder
 * holds more than one film.
 */
public final class Films {
    /** How deep under the studio's folder films are looked for. */
    static final int DEPTH = 3;
    private final Path root;
    private final Map<String, Path> films;

    private Films(Path root, Map<String, Path> films) {
        this.root = root;
        this.films = films;
    }

    /**
     * @param folder the studio's folder
     * @return its films
     * @throws UncheckedIOException when the folder cannot be read
     */
    public static Films in(Path folder) {
        Path root = folder.toAbsolutePath().normalize();
        Map<String, Path> out = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(root, DEPTH)) {
            List<Path> files = walk.filter(Files::isRegularFile).filter(p -> film(root, p)).sorted().toList();
            for (Path f : files) {
                Path rel = root.relativize(f.getParent());
                String id = rel.toString().isEmpty() ? "film" : rel.toString().replace(f.getFileSystem()
                    .getSeparator(), "~");
                if (out.containsKey(id) || files.stream().filter(g -> g.getParent().equals(f.getParent())).count() > 1) {
                    id = id + "~" + f.getFileName().toString().replaceAll("\\.[^.]+$", "");
                }
                out.put(id.replaceAll("[^A-Za-z0-9_.~-]", "_"), f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the studio's folder " + root, e);
        }
        return new Films(root, out);
    }

    private static boolean film(Path root, Path f) {
        for (Path part : root.relativize(f.getParent())) {
            String n = part.toString();
            if (n.startsWith(".") || n.equals("out")) return false;
        }
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.equals("film.yaml") || name.endsWith(".fountain") || name.endsWith(".fdx");
    }

    /** @return the studio's folder */
    public Path root() {
        return root;
    }

    /** @return every film's id and file, in path order */
    public Map<String, Path> all() {
        return java.util.Collections.unmodifiableMap(films);
    }

    /**
     * @param id a film's id
     * @return its project, when there is such a film
     */
    public Optional<Project> project(String id) {
        return Optional.ofNullable(films.get(id)).map(Project::of);
    }
}
