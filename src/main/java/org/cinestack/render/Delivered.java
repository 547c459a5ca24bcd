package org.cinestack.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cinestack.edit.Clip;
import org.cinestack.deliver.Provenance;
import org.cinestack.edit.Recut;
import org.cinestack.film.Film;

/**
 * What the last finished render of a film left in its output folder: the master, its cut as a timeline (each clip's
 * shot, the take it uses and where it sits), the deliverables, stems and interchange files beside it, and its
 * provenance. Read from the files themselves: the cut from the OpenTimelineIO file (the cut as made, an edit from
 * elsewhere included), each take's number, backend and seed from the provenance record. The studio's master page
 * shows it.
 *
 * @param title      the film's title
 * @param fps        its frame rate
 * @param master     the master, or empty before the first finished render
 * @param cuts       the master's clips in order (empty without a master)
 * @param files      every other file the render made in the output folder: deliverables, stems, interchange files,
 *                   the provenance, in name order
 * @param provenance the provenance record, or empty
 */
public record Delivered(String title, int fps, Optional<Path> master, List<Cut> cuts, List<Path> files,
                        Optional<Path> provenance) {

    /**
     * One clip of the master's cut.
     *
     * @param shot        the shot's id (empty for a gap)
     * @param take        the take it uses (0 when the provenance does not say)
     * @param backend     the backend that made it, "previs/1" for example (empty when unknown)
     * @param seed        the take's seed (0 when unknown)
     * @param sourceFrame the take's first frame used, frames from its start
     * @param recordFrame where the clip starts in the master, frames from 0
     * @param frames      its length, frames
     */
    public record Cut(String shot, int take, String backend, long seed, int sourceFrame, int recordFrame,
                      int frames) {
    }

    /**
     * @param project a film's project
     * @return what its last finished render left in its output folder
     * @throws org.cinestack.film.BadInputException when the film, or a file the render left, cannot be read
     * @throws UncheckedIOException when the output folder cannot be listed
     */
    public static Delivered of(Project project) {
        Film film = project.film();
        Path out = project.out();
        String slug = film.slug();
        Path master = out.resolve(slug + ".mp4"), otio = out.resolve(slug + ".otio"),
            provenance = out.resolve(slug + ".provenance.json");
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(out)) {
            try (var list = Files.list(out)) {
                list.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().startsWith(slug + ".")
                    && !f.equals(master)).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, Provenance.Ingredient> ingredients = new HashMap<>();
        if (Files.isRegularFile(provenance)) {
            try {
                for (Provenance.Ingredient i : Provenance.ingredients(provenance)) ingredients.put(i.shotId(), i);
            } catch (IOException e) {
                throw new org.cinestack.film.BadInputException(List.of(new org.cinestack.film.Problem(
                    provenance.toString(), 0, 0, e.getMessage() + "; render the film again to write it anew")));
            }
        }
        List<Cut> cuts = new ArrayList<>();
        if (Files.isRegularFile(master) && Files.isRegularFile(otio)) {
            int at = 0;
            for (Clip c : Recut.read(otio, film.format().fps()).timeline().tracks().getFirst().clips()) {
                Provenance.Ingredient i = c.isGap() ? null : ingredients.get(c.name());
                cuts.add(new Cut(c.isGap() ? "" : c.name(), i == null ? 0 : i.take(), i == null ? "" : i.backend(),
                    i == null ? 0 : i.seed(), c.sourceStartFrame(), at, c.durationFrames()));
                at += c.durationFrames();
            }
        }
        return new Delivered(film.title(), film.format().fps(), Files.isRegularFile(master) ? Optional.of(master)
            : Optional.empty(), cuts, files, Files.isRegularFile(provenance) ? Optional.of(provenance)
            : Optional.empty());
    }

    /**
     * @param frame frames from the start
     * @return SMPTE timecode HH:MM:SS:FF at this film's frame rate (non-drop)
     */
    public String timecode(int frame) {
        int f = frame % fps, s = frame / fps;
        return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60, f);
    }
}
