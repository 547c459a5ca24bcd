package org.cinestack.mix;

import java.util.Locale;
import java.util.SplittableRandom;

import org.cinestack.film.Scene;
import org.cinestack.film.Weather;

/**
 * A scene's ambience bed, made from shaped noise: room tone inside; outside, wind, with rain or surf when the weather
 * or the place says so. Stereo, the two channels from independent noise so the bed is wide. Levels here are relative;
 * the mix sets the bed's loudness.
 */
final class Ambience {
    private Ambience() {
    }

    /** @return what the bed is made of, for the record: for example "wind, surf" */
    static String describe(Scene scene) {
        if (scene.parsed().interior()) return "room tone";
        StringBuilder sb = new StringBuilder("wind");
        if (scene.weather() == Weather.RAIN || scene.weather() == Weather.STORM) sb.append(", rain");
        if (coastal(scene)) sb.append(", surf");
        return sb.toString();
    }

    private static boolean coastal(Scene scene) {
        String l = scene.parsed().location().toUpperCase(Locale.ROOT);
        for (String w : new String[] {"SEA", "BEACH", "SHORE", "HARBOUR", "HARBOR", "COAST", "CLIFF", "PIER",
            "LIGHTHOUSE", "DOCK", "JETTY", "BAY", "OCEAN", "FERRY", "QUAY"}) {
            if (l.contains(w)) return true;
        }
        return false;
    }

    /**
     * @param scene  the scene
     * @param frames samples per channel
     * @param rate   Hz
     * @param rnd    noise source (seeded: the same film gives the same bed)
     * @return interleaved stereo
     */
    static float[] bed(Scene scene, int frames, int rate, SplittableRandom rnd) {
        float[] out = new float[frames * 2];
        boolean inside = scene.parsed().interior();
        boolean rain = !inside && (scene.weather() == Weather.RAIN || scene.weather() == Weather.STORM);
        boolean surf = !inside && coastal(scene);
        double swellPhase = rnd.nextDouble(6.28), gustPhase = rnd.nextDouble(6.28);
        for (int c = 0; c < 2; c++) {
            SplittableRandom r = rnd.split();
            double[] rows = new double[8];
            double pinkSum = 0, pinkLp = 0, brown = 0, hissPrev = 0, drop = 0, surfLp = 0;
            for (int i = 0; i < rows.length; i++) {
                rows[i] = r.nextDouble(-1, 1);
                pinkSum += rows[i];
            }
            for (int i = 0; i < frames; i++) {
                double t = (double) i / rate;
                double white = r.nextDouble(-1, 1);
                int k = Integer.numberOfTrailingZeros(i + 1);
                if (k < rows.length) { // pink noise, Voss-McCartney: octave-spaced held values
                    pinkSum -= rows[k];
                    rows[k] = r.nextDouble(-1, 1);
                    pinkSum += rows[k];
                }
                pinkLp += 0.2 * (pinkSum - pinkLp);
                double v;
                if (inside) {
                    v = pinkLp * 0.3;
                } else {
                    brown = 0.995 * brown + 0.05 * white; // wind: brownian noise with gusts
                    double gust = 0.6 + 0.4 * Math.sin(2 * Math.PI * 0.13 * t + gustPhase) * Math.sin(2 * Math.PI
                        * 0.041 * t + gustPhase);
                    v = brown * gust;
                    if (rain) { // hiss, first-differenced white noise, and drops
                        v += 0.35 * (white - hissPrev);
                        if (r.nextDouble() < 40.0 / rate) drop = r.nextDouble(0.3, 1) * (r.nextBoolean() ? 1 : -1);
                        v += 0.4 * drop;
                        drop *= 0.93;
                    }
                    hissPrev = white;
                    if (surf) { // low rumble swelling on a ten-second period
                        surfLp += 0.01 * (pinkSum - surfLp);
                        double swell = 0.5 + 0.5 * Math.sin(2 * Math.PI * 0.1 * t + swellPhase + c * 0.3);
                        v += 1.2 * surfLp * swell * swell;
                    }
                }
                out[2 * i + c] = (float) v;
            }
        }
        return out;
    }
}
