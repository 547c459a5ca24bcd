package org.cinestack.film;

import java.util.List;
import java.util.Optional;

/**
 * A scene: one place, one time.
 *
 * @param id       unique scene id
 * @param heading  the slugline as written, for example {@code EXT. LIGHTHOUSE - DUSK}
 * @param parsed   the heading taken apart: interior or exterior, location, time of day
 * @param weather  the weather; {@link Weather#CLEAR} when not given
 * @param shots    the shots, in cutting order
 * @param ambience the scene's bed from a file (looped to the scene's length, at its {@code levelLufs} integrated);
 *                 empty for one made from the place and weather. Its {@code atSeconds} is 0.
 * @param music    music starting in this scene ({@code atSeconds} after the scene starts), playing to the end of its
 *                 file or of the film, at its {@code levelLufs} integrated, ducked under dialogue; empty for none
 */
public record Scene(String id, String heading, SceneHeading parsed, Weather weather, List<Shot> shots,
                    Optional<SoundCue> ambience, Optional<SoundCue> music) {

    /** A scene with a bed made from its place and weather, and no music. */
    public Scene(String id, String heading, SceneHeading parsed, Weather weather, List<Shot> shots) {
        this(id, heading, parsed, weather, shots, Optional.empty(), Optional.empty());
    }
}
