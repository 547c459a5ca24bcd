package org.cinestack.film;

import java.util.List;
import java.util.Optional;

/**
 * A film as its author wrote it in film.yaml: the source of everything Cinestack renders. Immutable.
 *
 * @param title  the film's title; also gives the output file names (see {@link #slug()})
 * @param seed   the film's random seed, from which every shot's seed derives; empty means 0
 * @param format delivery frame and rate
 * @param look   the film's visual look
 * @param cast   the characters, in file order
 * @param scenes the scenes, in story order
 * @param shoot  which backend makes which shot ({@link ShootPlan#NONE} when film.yaml has no {@code shoot:})
 * @param deliver the deliverables to make besides the master ({@link #DELIVERABLES}); empty for the master alone
 * @param watermark text burnt into the corner of the web, vertical and square deliverables (never the master or the
 *                ProRes); empty for none
 */
public record Film(String title, Optional<Long> seed, Format format, Look look, List<CastMember> cast,
                   List<Scene> scenes, ShootPlan shoot, List<String> deliver, String watermark) {

    /**
     * Deliverables film.yaml can ask for: {@code vertical} 1080x1920 and {@code square} 1080x1080, reframed;
     * {@code web}, H.264 within 1920x1080 (a 4K film comes down to 1080p); {@code prores}, ProRes 422 HQ in .mov at the
     * master's size, for finishing elsewhere.
     */
    public static final List<String> DELIVERABLES = List.of("vertical", "square", "web", "prores");

    /**
     * @param profile one of {@link #DELIVERABLES}
     * @return the file extension of that deliverable's picture: {@code .mov} for ProRes, {@code .mp4} otherwise
     */
    public static String extension(String profile) {
        return profile.equals("prores") ? ".mov" : ".mp4";
    }

    /** A film with the master alone. */
    public Film(String title, Optional<Long> seed, Format format, Look look, List<CastMember> cast,
                List<Scene> scenes, ShootPlan shoot) {
        this(title, seed, format, look, cast, scenes, shoot, List.of(), "");
    }

    /** A film without a shoot section. */
    public Film(String title, Optional<Long> seed, Format format, Look look, List<CastMember> cast,
                List<Scene> scenes) {
        this(title, seed, format, look, cast, scenes, ShootPlan.NONE);
    }

    /** @return the cast member with this id, if any */
    public Optional<CastMember> castMember(String id) {
        return cast.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** @return the title in lower-case kebab-case ASCII, for file names; "film" when nothing is left */
    public String slug() {
        String s = java.text.Normalizer.normalize(title, java.text.Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "").toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
            .replaceAll("(^-|-$)", "");
        return s.isEmpty() ? "film" : s;
    }

    /** @return the number of shots in all scenes */
    public int shotCount() {
        return scenes.stream().mapToInt(s -> s.shots().size()).sum();
    }
}
