package org.cinestack.plan;

/**
 * The camera's path through a shot: a start and an end pose joined by an easing curve, optionally an arc around a
 * point (orbit), optionally aimed at a point (crane, orbit keep the subject centred), plus hand-held shake.
 *
 * <p>Easing is a trapezoidal velocity profile: the move accelerates over the first {@code rampFraction} of the shot,
 * runs at constant speed, and decelerates over the last {@code rampFraction}; its peak speed is
 * {@code 1 / (1 - rampFraction)} times the average, which the planner accounts for when it sets pan rates.
 *
 * @param start         pose at the first frame (before shake and arc)
 * @param end           pose at the last frame (before shake)
 * @param rampFraction  0 for linear motion, up to 0.5
 * @param orbitDegrees  arc swept around (orbitCenterXM, orbitCenterZM); positive moves the camera to its right
 * @param orbitCenterXM arc centre x
 * @param orbitCenterZM arc centre z
 * @param aim           whether pan and tilt are computed each frame to look at (aimXM, aimYM, aimZM)
 * @param aimXM         aim point x
 * @param aimYM         aim point y
 * @param aimZM         aim point z
 * @param shake         hand-held shake
 */
public record CameraPath(CameraPose start, CameraPose end, double rampFraction, double orbitDegrees,
                         double orbitCenterXM, double orbitCenterZM, boolean aim, double aimXM, double aimYM,
                         double aimZM, Shake shake) {

    /**
     * @param u progress through the shot, 0 (first frame) .. 1 (last frame)
     * @return the eased progress of the move, 0..1, monotone
     */
    public double ease(double u) {
        double r = rampFraction;
        if (r <= 0) return clamp01(u);
        u = clamp01(u);
        double v = 1 / (1 - r); // peak speed
        if (u < r) return 0.5 * v * u * u / r;
        if (u > 1 - r) {
            double w = 1 - u;
            return 1 - 0.5 * v * w * w / r;
        }
        return 0.5 * v * r + v * (u - r);
    }

    /**
     * @param u        progress 0..1
     * @param tSeconds time since the shot started (for shake)
     * @return the pose at that instant
     */
    public CameraPose sample(double u, double tSeconds) {
        double e = ease(u);
        CameraPose p = start.lerp(end, e);
        double x = p.xM(), y = p.yM(), z = p.zM(), pan = p.panDegrees(), tilt = p.tiltDegrees();
        if (orbitDegrees != 0) {
            // the poses hold the framing position; the arc is centred on it half-way through the move
            double a = Math.toRadians(orbitDegrees * (e - 0.5));
            double dx = x - orbitCenterXM, dz = z - orbitCenterZM;
            double c = StrictMath.cos(a), s = StrictMath.sin(a);
            x = orbitCenterXM + dx * c - dz * s;
            z = orbitCenterZM + dx * s + dz * c;
        }
        if (aim) {
            double dx = aimXM - x, dy = aimYM - y, dz = aimZM - z;
            pan = Math.toDegrees(StrictMath.atan2(dx, dz));
            tilt = Math.toDegrees(StrictMath.atan2(dy, Math.sqrt(dx * dx + dz * dz)));
        }
        double roll = p.rollDegrees();
        if (shake.positionM() != 0 || shake.panDegrees() != 0) {
            pan += shake.panDegrees() * shake.noise(tSeconds, 0);
            tilt += shake.tiltDegrees() * shake.noise(tSeconds, 1);
            roll += shake.rollDegrees() * shake.noise(tSeconds, 2);
            x += shake.positionM() * shake.noise(tSeconds, 3);
            y += shake.positionM() * shake.noise(tSeconds, 4);
            z += shake.positionM() * shake.noise(tSeconds, 5);
        }
        return new CameraPose(x, y, z, pan, tilt, roll, p.focalLengthMm(), p.focusDistanceM());
    }

    private static double clamp01(double u) {
        return u < 0 ? 0 : u > 1 ? 1 : u;
    }
}
