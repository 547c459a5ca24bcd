package org.cinestack.film;

/**
 * Lighting of a shot.
 *
 * @param key               direction words for the key light, relative to the camera: "from camera left",
 *                          "from camera right", "overhead", "behind", "front", "low"
 * @param setup             the named setup
 * @param temperatureKelvin colour temperature of the key in kelvin, 1000..12000 (3200 tungsten, 5600 daylight)
 */
public record Light(String key, LightSetup setup, double temperatureKelvin) {
}
