package org.cinestack.film;

import java.util.List;

/**
 * A scene: one place, one time.
 *
 * @param id      unique scene id
 * @param heading the slugline as written, for example {@code EXT. LIGHTHOUSE - DUSK}
 * @param parsed  the heading taken apart: interior or exterior, location, time of day
 * @param weather the weather; {@link Weather#CLEAR} when not given
 * @param shots   the shots, in cutting order
 */
public record Scene(String id, String heading, SceneHeading parsed, Weather weather, List<Shot> shots) {
}
