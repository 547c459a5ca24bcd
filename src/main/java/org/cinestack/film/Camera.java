package org.cinestack.film;

/**
 * Camera settings of a shot.
 *
 * @param move          the move
 * @param focalLengthMm lens focal length in mm on a Super 35 sensor, 8..600
 * @param aperture      f-number, 0.7..64 (smaller is shallower depth of field)
 * @param angle         camera angle
 * @param speed         motion strength 0..1; 0.35-0.55 reads as credible
 */
public record Camera(CameraMove move, double focalLengthMm, double aperture, CameraAngle angle, double speed) {
}
