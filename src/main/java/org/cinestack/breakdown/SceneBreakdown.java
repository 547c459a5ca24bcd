package org.cinestack.breakdown;

import java.util.List;

import org.cinestack.film.SceneHeading;
import org.cinestack.film.Weather;

/**
 * One scene of a broken-down script.
 *
 * @param number   1-based scene number in script order
 * @param heading  the heading as written
 * @param place    where and when: parsed from the heading, or for a heading that names no place (a forced
 *                 {@code .SNIPER SCOPE POV}, {@code .OPENING TITLES}) the place of the scene before
 * @param pov      a forced heading ending in POV: the scene is seen through someone's eyes
 * @param titles   a heading without a place whose scene is titles
 * @param weather  weather named in the heading or the action (rain, snow, fog, storm), else clear
 * @param moments  action, speech and titles in order
 * @param line     the heading's line
 */
public record SceneBreakdown(int number, String heading, SceneHeading place, boolean pov, boolean titles,
                             Weather weather, List<Moment> moments, int line) {

    /** @return the ids of the cast who speak in the scene, in order of first line */
    public List<String> speakers() {
        return moments.stream().filter(m -> m instanceof Moment.Speech).map(m -> ((Moment.Speech) m).castId())
            .distinct().toList();
    }
}
