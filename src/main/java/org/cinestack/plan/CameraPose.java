package org.cinestack.plan;

/**
 * Where the camera is and where it looks at one instant. World axes: x right, y up, z forward (away from the first
 * camera position towards the subject); metres.
 *
 * @param xM              position x
 * @param yM              position y (height above the ground)
 * @param zM              position z
 * @param panDegrees      yaw; 0 looks along +z, positive turns right
 * @param tiltDegrees     pitch; positive looks up
 * @param rollDegrees     roll; positive turns the picture clockwise
 * @param focalLengthMm   focal length
 * @param focusDistanceM  focus distance, metres
 */
public record CameraPose(double xM, double yM, double zM, double panDegrees, double tiltDegrees, double rollDegrees,
                         double focalLengthMm, double focusDistanceM) {

    /** @return the pose linearly interpolated towards {@code o} by {@code u} in 0..1 */
    public CameraPose lerp(CameraPose o, double u) {
        return new CameraPose(mix(xM, o.xM, u), mix(yM, o.yM, u), mix(zM, o.zM, u), mix(panDegrees, o.panDegrees, u),
            mix(tiltDegrees, o.tiltDegrees, u), mix(rollDegrees, o.rollDegrees, u),
            mix(focalLengthMm, o.focalLengthMm, u), mix(focusDistanceM, o.focusDistanceM, u));
    }

    private static double mix(double a, double b, double u) {
        return a + (b - a) * u;
    }
}
