package org.cinestack.mix;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.cinestack.film.BadInputException;
import org.cinestack.film.Problem;
import org.cinestack.film.SoundCue;
import org.cinestack.media.AudioDecoder;
import org.cinestack.media.MediaException;

/**
 * Sound effects for the effects stem: a cue's file decoded to mono at the mix rate, or, without a file, a stand-in
 * shaped from its words (a low thump for a door, slam, knock or bang; a decaying bell for a ring or chime; else a
 * burst of filtered noise). Either way set so its loudest 400 ms (maximum momentary loudness) reads the cue's level,
 * with 5 ms fades so it starts and ends without a click.
 */
final class Effects {
    private Effects() {
    }

    /**
     * @param cue    the cue
     * @param assets the folder its file is relative to
     * @param rate   Hz
     * @return mono samples
     * @throws BadInputException when the file cannot be decoded, naming it
     */
    static float[] load(SoundCue cue, Path assets, int rate) {
        float[] s;
        if (cue.file().isPresent()) {
            Path p = assets.resolve(cue.file().get());
            try {
                s = AudioDecoder.decodeMono(p, rate);
            } catch (MediaException e) {
                throw new BadInputException(List.of(new Problem(p.toString(), 0, 0, "the effect '" + cue.sound()
                    + "' cannot be decoded: " + e.getMessage() + "; use a WAV, FLAC, MP3 or other file FFmpeg "
                    + "reads")));
            }
        } else {
            s = standIn(cue.sound(), rate);
        }
        int fade = Math.min(s.length / 2, rate / 200);
        for (int i = 0; i < fade; i++) {
            float g = (float) i / fade;
            s[i] *= g;
            s[s.length - 1 - i] *= g;
        }
        // pad to half a second so a short sound still has a momentary (400 ms) reading
        float[] padded = s.length >= rate / 2 ? s : java.util.Arrays.copyOf(s, rate / 2);
        LoudnessMeter m = new LoudnessMeter(rate, new double[] {1, 1}, false);
        m.add(new float[][] {padded, padded}, padded.length);
        double max = m.result().maxMomentaryLufs();
        if (Double.isFinite(max)) {
            float g = (float) Math.pow(10, (cue.levelLufs() - max) / 20);
            for (int i = 0; i < s.length; i++) s[i] *= g;
        }
        return s;
    }

    private static float[] standIn(String sound, int rate) {
        String w = sound.toLowerCase(Locale.ROOT);
        SplittableRandom r = new SplittableRandom(w.hashCode());
        boolean thump = w.matches(".*\\b(door|slam\\w*|knock\\w*|bang\\w*|thud\\w*|punch\\w*|smack\\w*)\\b.*");
        boolean bell = w.matches(".*\\b(ring\\w*|bell\\w*|chime\\w*|ding\\w*)\\b.*");
        int n = (int) (rate * (bell ? 1.5 : thump ? 0.35 : 0.5));
        float[] s = new float[n];
        double lp = 0;
        for (int i = 0; i < n; i++) {
            double t = (double) i / rate;
            double v;
            if (bell) {
                v = Math.exp(-t * 2.5) * (Math.sin(2 * Math.PI * 880 * t) + 0.5 * Math.sin(2 * Math.PI * 2211 * t));
            } else {
                lp += (thump ? 0.02 : 0.3) * (r.nextDouble(-1, 1) - lp);
                v = lp * Math.exp(-t * (thump ? 14 : 6)) * (thump ? 8 : 1.5);
            }
            s[i] = (float) v;
        }
        return s;
    }
}
