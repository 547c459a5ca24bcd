package org.cinestack.plan;

import java.util.List;

import org.cinestack.film.TimeOfDay;
import org.cinestack.film.Weather;

/**
 * The set of a shot: read from the scene heading and weather, shared by every shot in the same location.
 *
 * @param interior   true for an interior set (a room), false for a landscape
 * @param location   the location name from the heading
 * @param terrain    exterior ground: "grass", "sand", "stone" or "asphalt", from words in the location
 * @param timeOfDay  time of day
 * @param weather    weather
 * @param setSeed    seed of the set's layout, from the location name, so every shot there shows the same set
 * @param palette    the film's palette as 0xRRGGBB; walls and set pieces take their colours from it
 * @param roomHalfWidthM  half width of an interior room, metres
 * @param roomBackZM      z of the wall behind the camera (negative)
 * @param roomFrontZM     z of the wall behind the subject
 */
public record Environment(boolean interior, String location, String terrain, TimeOfDay timeOfDay, Weather weather,
                          long setSeed, List<Integer> palette, double roomHalfWidthM, double roomBackZM,
                          double roomFrontZM) {
}
