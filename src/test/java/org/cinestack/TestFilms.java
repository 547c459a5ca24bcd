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

    /** @return the spec of the first shot of a film text */
    public static ShotSpec spec(String yaml) {
        Film f = FilmReader.parse(yaml, "test.yaml");
        return Planner.plan(f).specs().getFirst();
    }
}
