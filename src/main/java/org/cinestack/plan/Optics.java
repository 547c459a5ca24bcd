package org.cinestack.plan;

/**
 * Camera optics on a Super 35 sensor. All lengths in millimetres unless the name says otherwise.
 *
 * <p>Formulas: pinhole field of view {@code fov = 2 atan(w / 2f)}; thin-lens circle of confusion
 * {@code c = (f / N) * |s - s_f| / s * f / (s_f - f)} (for example Ray, <i>Applied Photographic Optics</i>, 3rd ed.,
 * ch. 6; also Wikipedia "Circle of confusion"), with s the object distance and s_f the focus distance.
 */
public final class Optics {
    /** Super 35 (3-perf) active width in mm. */
    public static final double SUPER35_WIDTH_MM = 24.89;

    private Optics() {
    }

    /**
     * @param focalLengthMm  focal length, &gt; 0
     * @param sensorWidthMm  sensor (picture) width
     * @return horizontal angle of view in degrees
     */
    public static double horizontalFovDegrees(double focalLengthMm, double sensorWidthMm) {
        return Math.toDegrees(2 * StrictMath.atan(sensorWidthMm / (2 * focalLengthMm)));
    }

    /**
     * @param distanceM      distance from the lens along its axis, metres
     * @param focalLengthMm  focal length
     * @param sensorHeightMm height of the picture area on the sensor
     * @return the height of the slice of the world the picture shows at that distance, metres
     */
    public static double visibleHeightM(double distanceM, double focalLengthMm, double sensorHeightMm) {
        return distanceM * sensorHeightMm / focalLengthMm;
    }

    /**
     * Distance at which a world height fills the picture height exactly.
     *
     * @param frameHeightM   world height to fill, metres
     * @param focalLengthMm  focal length
     * @param sensorHeightMm height of the picture area on the sensor
     * @return the distance along the lens axis, metres
     */
    public static double distanceForFrameHeightM(double frameHeightM, double focalLengthMm, double sensorHeightMm) {
        return frameHeightM * focalLengthMm / sensorHeightMm;
    }

    /**
     * Thin-lens circle of confusion on the sensor.
     *
     * @param focalLengthMm   focal length
     * @param fNumber         aperture as f-number
     * @param focusDistanceM  distance focused on, metres (&gt; focal length)
     * @param objectDistanceM distance of the object, metres
     * @return blur circle diameter on the sensor, mm (0 at the focus distance)
     */
    public static double circleOfConfusionMm(double focalLengthMm, double fNumber, double focusDistanceM,
                                             double objectDistanceM) {
        double f = focalLengthMm;
        double sf = Math.max(focusDistanceM * 1000, f * 1.001);
        double s = Math.max(objectDistanceM * 1000, 1e-3);
        return (f / fNumber) * Math.abs(s - sf) / s * f / (sf - f);
    }
}
