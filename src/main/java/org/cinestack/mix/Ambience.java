package org.cinestack.mix;

import java.util.Locale;
import java.util.SplittableRandom;

import org.cinestack.film.Scene;
import org.cinestack.film.Weather;

/**
 * A scene's ambience bed, made from shaped noise: room tone inside; outside, wind, with rain or surf when the weather
 * or the place says so, and crickets on a dry night away from the sea. Stereo, the two channels from independent noise so the bed is wide. Levels here are relative;
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
        if (crickets(scene)) sb.append(", crickets");
        return sb.toString();
    }

    /** A dry, calm night exterior inland. */
    private static boolean crickets(Scene scene) {
        return !scene.parsed().interior() && scene.parsed().timeOfDay() == org.cinestack.film.TimeOfDay.NIGHT
            && (scene.weather() == Weather.CLEAR || scene.weather() == Weather.OVERCAST) && !coastal(scene);
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
        boolean surf = !inside && coastal(scene), night = crickets(scene);
        double swellPhase = rnd.nextDouble(6.28), gustPhase = rnd.nextDouble(6.28);
        for (int c = 0; c < 2; c++) {
            SplittableRandom r = rnd.split();
            // crickets: trills of three 4.6 kHz pulses 35 ms apart, one every 0.6-1.0 s, each channel its own
            // insect a little higher or lower in pitch
            double chirpHz = 4600 * (c == 0 ? 0.97 : 1.04);
            int nextTrill = (int) (r.nextDouble(0.1, 0.8) * rate), trill = -1;
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
                    if (night) {
                        if (i == nextTrill) {
                            trill = i;
                            nextTrill = i + (int) (r.nextDouble(0.6, 1.0) * rate);
                        }
                        int into = trill < 0 ? -1 : i - trill, pulse = into % (int) (0.035 * rate);
                        if (into >= 0 && into < 3 * 0.035 * rate && pulse < 0.015 * rate) {
                            double env = Math.sin(Math.PI * pulse / (0.015 * rate));
                            v += 0.25 * env * env * Math.sin(2 * Math.PI * chirpHz * t);
                        }
                    }
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
