package org.cinestack.mix;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.cinestack.film.CastMember;
import org.cinestack.film.DialogueLine;
import org.cinestack.film.Film;
import org.cinestack.film.Scene;
import org.cinestack.film.Shot;

/**
 * The film's sound, in stems and a normalised master; 48 kHz.
 * <ul>
 *   <li><b>dialogue</b>: each line spoken by espeak-ng in its character's voice, starting 0.3 s into its shot, lines
 *       0.25 s apart; a line longer than its shot runs over the cut (an L-cut), and is reported. The stem is set to
 *       {@link #DIALOGUE_LUFS};</li>
 *   <li><b>ambience</b>: a bed per scene from its place and weather (room tone inside; wind, rain, surf outside),
 *       each at {@link #AMBIENCE_LUFS}, faded over 10 ms at scene cuts so cuts do not click, and ducked by
 *       {@link #DUCK_DB} dB under dialogue;</li>
 *   <li><b>effects</b>: each cue of a shot's {@code effects} at its time, from its file or a synthesised stand-in,
 *       set so its loudest 400 ms reads its level ({@link Effects});</li>
 *   <li><b>master</b>: the stems summed, normalised to the delivery's integrated loudness and held under its
 *       true-peak ceiling, less {@link #CODEC_MARGIN_DB} dB for the AAC encoder's overshoot ({@link Limiter}).</li>
 * </ul>
 */
public final class Soundtrack {
    /** Mix sample rate in Hz. */
    public static final int RATE = 48_000;
    /** Integrated loudness the dialogue stem is set to before the master is normalised, LUFS. */
    public static final double DIALOGUE_LUFS = -16;
    /** Loudness of each scene's ambience bed, LUFS (the method's "around -24"). */
    public static final double AMBIENCE_LUFS = -24;
    /** How far ambience dips under dialogue, dB. */
    public static final double DUCK_DB = 6;
    /** Headroom under the true-peak ceiling kept for the AAC encoder, dB. */
    public static final double CODEC_MARGIN_DB = 0.5;

    /**
     * The mixed film sound.
     *
     * @param samples    the master, interleaved stereo L R L R ..., {@code 2 * frames / fps * RATE} floats
     * @param dialogue   the dialogue stem, interleaved stereo
     * @param ambience   the ambience stem (ducked), interleaved stereo
     * @param effects    the effects stem, interleaved stereo (silent when no shot cues one)
     * @param lineStarts when each line starts, s from the film's start, in order
     * @param measured   the master's measurement after normalising
     * @param warnings   things the mixer noticed (lines longer than their shot, a missing voice)
     */
    public record Mix(float[] samples, float[] dialogue, float[] ambience, float[] effects,
                      java.util.List<Double> lineStarts, LoudnessMeter.Result measured, List<String> warnings) {
    }

    private Soundtrack() {
    }

    /**
     * @param film       the film
     * @param shotFrames frames of each shot, in cutting order
     * @param speech     the speech engine, or empty to mix without dialogue
     * @param delivery   the loudness target of the master
     * @param assets     the folder effect files are relative to (the film.yaml's)
     * @return the mix
     * @throws org.cinestack.film.BadInputException when an effect's file cannot be decoded
     */
    public static Mix mix(Film film, int[] shotFrames, Optional<? extends TextToSpeech> speech, Delivery delivery,
                          java.nio.file.Path assets) {
        int fps = film.format().fps();
        long total = 0;
        for (int f : shotFrames) total += f;
        int length = (int) (total * RATE / fps);
        float[] mono = new float[length];
        List<String> warnings = new ArrayList<>();
        List<Double> lineStarts = new ArrayList<>();
        float[] ambience = new float[length * 2], effects = new float[length * 2];
        int shotIndex = 0;
        long frameAt = 0;
        SplittableRandom rnd = new SplittableRandom(film.seed().orElse(0L) ^ 0x50D1L);
        for (Scene scene : film.scenes()) {
            int sceneStart = (int) (frameAt * RATE / fps);
            for (Shot shot : scene.shots()) {
                int start = (int) (frameAt * RATE / fps);
                int end = (int) ((frameAt + shotFrames[shotIndex]) * RATE / fps);
                for (org.cinestack.film.SoundCue cue : shot.effects()) {
                    float[] fx = Effects.load(cue, assets, RATE);
                    int from = start + (int) Math.round(cue.atSeconds() * RATE);
                    for (int i = 0; i < fx.length && from + i < length; i++) {
                        effects[2 * (from + i)] += fx[i];
                        effects[2 * (from + i) + 1] += fx[i];
                    }
                }
                int at = start + (int) (0.3 * RATE);
                for (DialogueLine line : shot.dialogue()) {
                    if (speech.isEmpty()) break;
                    Optional<CastMember> who = film.castMember(line.character());
                    String voice = who.flatMap(CastMember::voice).orElse(null);
                    float[] words;
                    try {
                        words = speech.get().speak(line.line(), voice, 160, RATE);
                    } catch (IOException e) {
                        warnings.add("shot " + shot.id() + ": " + e.getMessage() + "; using the default voice");
                        try {
                            words = speech.get().speak(line.line(), null, 160, RATE);
                        } catch (IOException e2) {
                            warnings.add("shot " + shot.id() + ": cannot speak the line: " + e2.getMessage());
                            continue;
                        }
                    }
                    words = trimLeadingSilence(words);
                    lineStarts.add((double) at / RATE);
                    for (int i = 0; i < words.length && at + i < length; i++) mono[at + i] += 0.8f * words[i];
                    at += words.length + (int) (0.25 * RATE);
                }
                if (at - (int) (0.25 * RATE) > end && !shot.dialogue().isEmpty() && speech.isPresent()) {
                    warnings.add(String.format(java.util.Locale.ROOT, "shot %s: its dialogue, starting 0.3 s in, "
                        + "runs %.1f s, past the end of the %.1f s shot; it runs over the cut (lengthen the shot to "
                        + "%.1f s to keep it in)", shot.id(), (at - start - 0.55 * RATE) / RATE,
                        (double) (end - start) / RATE, (at - start - 0.25 * RATE) / RATE + 0.1));
                }
                frameAt += shotFrames[shotIndex++];
            }
            int sceneEnd = (int) (frameAt * RATE / fps);
            if (sceneEnd > sceneStart) {
                float[] bed = Ambience.bed(scene, sceneEnd - sceneStart, RATE, rnd.split());
                setLoudness(bed, AMBIENCE_LUFS);
                int fade = RATE / 100;
                for (int i = 0, n = sceneEnd - sceneStart; i < n; i++) {
                    double env = Math.min(1, Math.min(i / (double) fade, (n - 1 - i) / (double) fade));
                    ambience[2 * (sceneStart + i)] = (float) (bed[2 * i] * env);
                    ambience[2 * (sceneStart + i) + 1] = (float) (bed[2 * i + 1] * env);
                }
            }
        }
        float[] dialogue = new float[length * 2];
        for (int i = 0; i < length; i++) {
            dialogue[2 * i] = mono[i];
            dialogue[2 * i + 1] = mono[i];
        }
        setLoudness(dialogue, DIALOGUE_LUFS);
        duck(ambience, mono);
        float[] master = new float[length * 2];
        for (int i = 0; i < master.length; i++) master[i] = dialogue[i] + ambience[i] + effects[i];
        LoudnessMeter.Result measured = Limiter.toCeiling(master, 2, RATE, delivery.integratedLufs(),
            delivery.truePeakDbtp() - CODEC_MARGIN_DB);
        return new Mix(master, dialogue, ambience, effects, lineStarts, measured, warnings);
    }

    /** The synthesiser's lead-in (samples under -50 dBFS) cut off, so a line starts when it is placed. */
    static float[] trimLeadingSilence(float[] words) {
        int i = 0;
        while (i < words.length && Math.abs(words[i]) < 0.00316f) i++;
        return i == 0 ? words : java.util.Arrays.copyOfRange(words, Math.max(0, i - RATE / 1000), words.length);
    }

    /** Scales interleaved stereo to an integrated loudness; silence stays silence. */
    private static void setLoudness(float[] stereo, double lufs) {
        LoudnessMeter.Result r = Limiter.measure(stereo, 2, RATE, false);
        if (!Double.isFinite(r.integratedLufs())) return;
        float g = (float) Math.pow(10, (lufs - r.integratedLufs()) / 20);
        for (int i = 0; i < stereo.length; i++) stereo[i] *= g;
    }

    /**
     * Dips the ambience by {@link #DUCK_DB} under speech. A fast envelope on the dialogue (5 ms attack, 50 ms
     * release) says when someone speaks (above -40 dBFS); the bed's gain follows, down in 50 ms and back in 400 ms
     * (time constants of one-pole smoothers).
     */
    private static void duck(float[] ambience, float[] speech) {
        double envAttack = 1 - Math.exp(-1 / (0.005 * RATE)), envRelease = 1 - Math.exp(-1 / (0.050 * RATE));
        double down = 1 - Math.exp(-1 / (0.050 * RATE)), up = 1 - Math.exp(-1 / (0.400 * RATE));
        double floor = Math.pow(10, -DUCK_DB / 20), env = 0, g = 1;
        for (int i = 0; i < speech.length; i++) {
            double a = Math.abs(speech[i]);
            env += (a > env ? envAttack : envRelease) * (a - env);
            double target = env > 0.01 ? floor : 1;
            g += (target < g ? down : up) * (target - g);
            ambience[2 * i] *= (float) g;
            ambience[2 * i + 1] *= (float) g;
        }
    }
}
