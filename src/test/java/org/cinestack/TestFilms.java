package org.cinestack;

import org.cinestack.film.Film;
import org.cinestack.film.FilmReader;
import org.cinestack.plan.Planner;
import org.cinestack.plan.ShotSpec;

/** Small films for tests, written as film.yaml text. */
public final class TestFilms {
    private TestFilms() {
    }

    /**
     * @return a one-shot film at 480x270 (2.39 picture: 480x200)
     */
    public static String oneShot(String heading, String size, String move, double lens, double aperture,
                                 double speed, double duration) {
        return """
            title: Probe
            seed: 3
            format: {aspect: 2.39, width: 480, height: 270, fps: 24}
            cast:
              - {id: ana, name: Ana, wardrobe: blue coat}
            scenes:
              - id: s
                heading: %s
                shots:
                  - id: a
                    size: %s
                    subject: ana
                    duration: %s
                    camera: {move: %s, lens: %s, aperture: %s, speed: %s}
            """.formatted(heading, size, duration, move, lens, aperture, speed);
    }

    /**
     * A small film of one scene whose shots all show Ana, for tests that render.
     *
     * @param title   the title (the output is out/{@code <title in lower case>}.mp4)
     * @param width   frame width (1.78:1 picture)
     * @param height  frame height
     * @param heading the scene heading
     * @param shots   each shot as a YAML flow mapping, for example {@code {id: a, size: ms, subject: ana, duration: 1}}
     * @return the film.yaml text
     */
    public static String withAna(String title, int width, int height, String heading, String... shots) {
        StringBuilder sb = new StringBuilder("""
            title: %s
            format: {aspect: 1.78, width: %d, height: %d, fps: 24}
            cast:
              - {id: ana, name: Ana}
            scenes:
              - id: s
                heading: %s
                shots:
            """.formatted(title, width, height, heading));
        for (String shot : shots) sb.append("      - ").append(shot).append('\n');
        return sb.toString();
    }

    /** @return the spec of the first shot of a film text */
    public static ShotSpec spec(String yaml) {
        Film f = FilmReader.parse(yaml, "test.yaml");
        return Planner.plan(f).specs().getFirst();
    }
}
