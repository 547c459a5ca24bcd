package org.cinestack.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cinestack.film.BadInputException;
import org.cinestack.film.Problem;
import org.cinestack.film.ShotEdit;
import org.cinestack.media.Staging;
import org.cinestack.plan.ShotSpec;

/**
 * A shot changed from outside the text editor (the studio's form): the change is made in film.yaml's own text
 * ({@link ShotEdit}, everything else kept as written), checked with film.yaml's rules, and written in one step, but
 * only onto the file the change was made against: a film.yaml changed on disk since (by an editor, the CLI, another
 * tab) is refused, saying which lines differ.
 */
public final class ShotEditing {
    private ShotEditing() {
    }

    /** A film.yaml changed on disk since the edit's version was read. */
    public static final class Stale extends RuntimeException {
        private final List<String> changed;

        Stale(String message, List<String> changed) {
            super(message, null, false, false);
            this.changed = List.copyOf(changed);
        }

        /** @return what changed, in words: "camera.lens is 50 now (the page had 35)" */
        public List<String> changed() {
            return changed;
        }
    }

    /**
     * @param project a film's project
     * @return its film.yaml's text and version (SHA-256 of the text, hex)
     * @throws BadInputException when the film is a screenplay (edited as a screenplay) or cannot be read
     */
    public static Map.Entry<String, String> read(Project project) {
        Path f = yaml(project);
        try {
            String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            return Map.entry(text, ShotSpec.sha256(text));
        } catch (IOException e) {
            throw new BadInputException(List.of(new Problem(f.toString(), 0, 0, "cannot read it: " + e.getMessage())));
        }
    }

    /**
     * Changes a shot and writes film.yaml.
     *
     * @param project the film's project
     * @param shotId  the shot
     * @param version the version the change was made against ({@link #read})
     * @param was     the shot's values the change was made against (to say what changed on disk)
     * @param changes field to new value ({@link ShotEdit#FIELDS})
     * @return the new version
     * @throws Stale             when film.yaml changed on disk since {@code version}
     * @throws BadInputException when a value breaks film.yaml's rules (nothing is written)
     * @throws IOException       when film.yaml cannot be written
     */
    public static String edit(Project project, String shotId, String version, Map<String, String> was,
                              Map<String, String> changes) throws IOException {
        Path f = yaml(project);
        synchronized (ShotEditing.class) {
            String now = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            if (!ShotSpec.sha256(now).equals(version)) {
                List<String> changed = new java.util.ArrayList<>();
                Map<String, String> current = ShotEdit.values(now, f.toString(), shotId);
                java.util.Set<String> fields = new java.util.LinkedHashSet<>(was.keySet());
                fields.addAll(current.keySet()); // a value added on disk since is a change too
                for (String field : fields) {
                    String before = was.get(field), after = current.get(field);
                    if (!java.util.Objects.equals(before, after)) {
                        changed.add(field + " is " + (after == null ? "gone" : after) + " now (the page had "
                            + (before == null ? "none" : before) + ")");
                    }
                }
                if (changed.isEmpty()) changed.add("other lines of " + f.getFileName() + " changed");
                throw new Stale(f.getFileName() + " changed on disk since this page read it: "
                    + String.join("; ", changed) + "; reload, then make your change again", changed);
            }
            String changed = ShotEdit.apply(now, f.toString(), shotId, changes);
            Staging.writeString(f, changed);
            return ShotSpec.sha256(changed);
        }
    }

    private static Path yaml(Project project) {
        Path f = project.file();
        if (!f.getFileName().toString().endsWith(".yaml") && !f.getFileName().toString().endsWith(".yml")) {
            throw new BadInputException(List.of(new Problem(f.toString(), 0, 0, "this film is a screenplay: change "
                + "the shot in the screenplay, or break it down to a film.yaml ('cinestack breakdown')")));
        }
        return f;
    }
}
