package org.cinestack.plan;

/**
 * Hand-held camera shake: smooth seeded noise, a sum of three sinusoids per axis with frequencies between 0.4 and
 * 2.2 Hz (the band of a walking or breathing operator). Amplitudes scale with motion strength.
 *
 * @param panDegrees  peak yaw amplitude
 * @param tiltDegrees peak pitch amplitude
 * @param rollDegrees peak roll amplitude
 * @param positionM   peak position amplitude, metres
 * @param seed        noise seed
 */
public record Shake(double panDegrees, double tiltDegrees, double rollDegrees, double positionM, long seed) {

    /** No shake. */
    public static final Shake NONE = new Shake(0, 0, 0, 0, 0);

    /**
     * @param tSeconds time since the start of the shot
     * @param axis     0 pan, 1 tilt, 2 roll, 3 x, 4 y, 5 z
     * @return a value in -1..1, smooth in time, the same for the same seed
     */
    public double noise(double tSeconds, int axis) {
        double sum = 0;
        long s = seed * 0x9E3779B97F4A7C15L + axis * 0xBF58476D1CE4E5B9L;
        for (int i = 0; i < 3; i++) {
            s = mix(s + i);
            double freq = 0.4 + 1.8 * ((s >>> 11) * 0x1.0p-53);
            s = mix(s);
            double phase = 2 * Math.PI * ((s >>> 11) * 0x1.0p-53);
            sum += StrictMath.sin(2 * Math.PI * freq * tSeconds + phase) / (i + 1);
        }
        return sum / (1 + 0.5 + 1.0 / 3);
    }

    /** SplitMix64 finaliser (Steele, Lea &amp; Flood 2014). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
