package org.cinestack.plan;

/**
 * The resolved lighting of a shot, in world space.
 *
 * @param keyX                    unit vector from the subject towards the key light, x
 * @param keyY                    y
 * @param keyZ                    z
 * @param keyIntensity            key brightness, linear, 0..2 (1 is a normally exposed key)
 * @param keyKelvin               key colour temperature
 * @param whiteBalanceKelvin      the camera's white balance (5600 exterior, 4300 interior)
 * @param fillRatio               fill as a fraction of the key, 0..1 (key-to-fill ratio = 1 / fillRatio)
 * @param ambient                 ambient (sky or room bounce) brightness, linear
 * @param rim                     back/rim light strength, 0..1
 * @param backgroundBrightness    multiplier on the set's brightness (a silhouette's bright background, low-key's dark)
 * @param setup                   the named setup's code, for the record
 */
public record Lighting(double keyX, double keyY, double keyZ, double keyIntensity, double keyKelvin,
                       double whiteBalanceKelvin, double fillRatio, double ambient, double rim,
                       double backgroundBrightness, String setup) {
}
