package org.cinestack.mix;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

import org.cinestack.film.BadInputException;
import org.cinestack.film.CastMember;
import org.cinestack.film.DialogueLine;
import org.cinestack.film.Film;
import org.cinestack.film.Problem;
import org.cinestack.film.Scene;
import org.cinestack.film.Shot;
import org.cinestack.media.AudioDecoder;
import org.cinestack.media.MediaException;

/**
 * The film's sound, in stems and a normalised master; 48 kHz.
 * <ul>
 *   <li><b>dialogue</b>: each line spoken by the speech engine (espeak-ng, else FreeTTS) in its character's voice,
 *       pitch and rate. A line with an {@code at} starts there (before its shot for a J-cut); one without starts
 *       0.3 s into its shot, or 0.25 s after the line before when that one is still going. Lines that run past their
 *       shot's end run over the cut (an L-cut) and are reported, unless each was placed by hand. The stem is set
 *       to {@link #DIALOGUE_LUFS};</li>
 *   <li><b>ambience</b>: a bed per scene, from the scene's file (looped with 100 ms crossfades) or made from its
 *       place and weather (room tone inside; wind, rain, surf outside), at its level ({@link #AMBIENCE_LUFS} by
 *       default), faded over 10 ms at scene cuts so cuts do not click, and ducked by {@link #DUCK_DB} dB under
 *       dialogue;</li>
 *   <li><b>effects</b>: each cue of a shot's {@code effects} at its time, from its file or a synthesised stand-in,
 *       set so its loudest 400 ms reads its level ({@link Effects});</li>
 *   <li><b>music</b>: each scene's music from its start to the end of its file (or of the film), at its integrated
 *       level, with 10 ms fades, ducked like the ambience;</li>
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
    /** How far ambience and music dip under dialogue, dB. */
    public static final double DUCK_DB = 6;
    /** Headroom under the true-peak ceiling kept for the AAC encoder, dB. */
    public static final double CODEC_MARGIN_DB = 0.5;
    /** Where an unplaced first line starts in its shot, s. */
    public static final double FIRST_LINE_SECONDS = 0.3;
    /** The pause between unplaced lines, s. */
    public static final double LINE_GAP_SECONDS = 0.25;

    /**
     * The mixed film sound.
     *
     * @param samples    the master, interleaved stereo L R L R ..., {@code 2 * frames / fps * RATE} floats
     * @param dialogue   the dialogue stem, interleaved stereo
     * @param ambience   the ambience stem (ducked), interleaved stereo
     * @param effects    the effects stem, interleaved stereo (silent when no shot cues one)
     * @param music      the music stem (ducked), interleaved stereo (silent when no scene has music)
     * @param lineStarts when each line starts, s from the film's start, in script order
     * @param measured   the master's measurement after normalising
     * @param warnings   things the mixer noticed (lines longer than their shot, a missing voice)
     */
    public record Mix(float[] samples, float[] dialogue, float[] ambience, float[] effects, float[] music,
                      List<Double> lineStarts, LoudnessMeter.Result measured, List<String> warnings) {
    }

    private Soundtrack() {
    }

    /**
     * A mix cut to another edit: the mix and each stem through the same cut, then the mix normalised and limited to
     * the delivery again (the cut changes its loudness).
     *
     * @param m        the film's own mix
     * @param cut      turns interleaved stereo of the film's own cut into the edit's
     * @param delivery the target
     * @return the edit's mix
     */
    public static Mix recut(Mix m, java.util.function.UnaryOperator<float[]> cut, Delivery delivery) {
        float[] samples = cut.apply(m.samples());
        LoudnessMeter.Result measured = Limiter.toCeiling(samples, 2, RATE, delivery.integratedLufs(),
            delivery.truePeakDbtp() - CODEC_MARGIN_DB);
        return new Mix(samples, cut.apply(m.dialogue()), cut.apply(m.ambience()), cut.apply(m.effects()),
            cut.apply(m.music()), List.of(), measured, m.warnings());
    }

    /**
     * @param film       the film
     * @param shotFrames frames of each shot, in cutting order
     * @param speech     the speech engine, or empty to mix without dialogue
     * @param delivery   the loudness target of the master
     * @param assets     the folder sound files are relative to (the film.yaml's)
     * @return the mix
     * @throws org.cinestack.film.BadInputException when a sound file (effect, bed, music) cannot be decoded
     */
    public static Mix mix(Film film, int[] shotFrames, Optional<? extends TextToSpeech> speech, Delivery delivery,
                          Path assets) {
        int fps = film.format().fps();
        long total = 0;
        for (int f : shotFrames) total += f;
        int length = (int) (total * RATE / fps);
        float[] mono = new float[length];
        List<String> warnings = new ArrayList<>();
        List<Double> lineStarts = new ArrayList<>();
        float[] ambience = new float[length * 2], effects = new float[length * 2], music = new float[length * 2];
        int shotIndex = 0;
        long frameAt = 0;
        int free = 0; // where the next unplaced line may start: after the last line and its pause
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
                int lastEnd = -1;
                boolean allPlaced = true;
                for (DialogueLine line : shot.dialogue()) {
                    if (speech.isEmpty()) break;
                    float[] words = speak(speech.get(), film, shot, line, warnings);
                    if (words == null) continue;
                    int at;
                    if (line.atSeconds().isPresent()) {
                        at = start + (int) Math.round(line.atSeconds().get() * RATE);
                        if (at < 0) {
                            warnings.add(String.format(Locale.ROOT, "shot %s: %s's line is placed %.1f s before the "
                                + "film starts; it starts at 0 instead", shot.id(), line.character(), -at /
                                (double) RATE));
                            at = 0;
                        }
                    } else {
                        allPlaced = false;
                        at = Math.max(start + (int) (FIRST_LINE_SECONDS * RATE), free);
                    }
                    lineStarts.add((double) at / RATE);
                    for (int i = 0; i < words.length && at + i < length; i++) mono[at + i] += 0.8f * words[i];
                    lastEnd = Math.max(lastEnd, at + words.length);
                    free = Math.max(free, at + words.length + (int) (LINE_GAP_SECONDS * RATE));
                }
                if (lastEnd > end && !allPlaced) {
                    double shotSeconds = (double) (end - start) / RATE;
                    warnings.add(String.format(Locale.ROOT, "shot %s: its dialogue ends %.1f s after the %.1f s "
                        + "shot's cut and runs over it (an L-cut); lengthen the shot to %.1f s to keep it in, or "
                        + "place the lines with 'at'", shot.id(), (double) (lastEnd - end) / RATE, shotSeconds,
                        Math.ceil(((double) (lastEnd - start) / RATE + 0.2) * 10 - 0.05) / 10));
                }
                if (lastEnd >= length && shotIndex == shotFrames.length - 1) {
                    warnings.add("shot " + shot.id() + ": the last line is cut off where the film ends; lengthen "
                        + "the shot");
                }
                frameAt += shotFrames[shotIndex++];
            }
            int sceneEnd = (int) (frameAt * RATE / fps);
            if (sceneEnd > sceneStart) {
                int n = sceneEnd - sceneStart;
                float[] bed;
                if (scene.ambience().isPresent()) {
                    bed = loop(load(scene.ambience().get(), assets, "ambience of scene " + scene.id()), n);
                    setLoudness(bed, scene.ambience().get().levelLufs());
                } else {
                    bed = Ambience.bed(scene, n, RATE, rnd.split());
                    setLoudness(bed, AMBIENCE_LUFS);
                }
                fadeInto(ambience, bed, sceneStart, n);
            }
            if (scene.music().isPresent()) {
                org.cinestack.film.SoundCue cue = scene.music().get();
                float[] tune = load(cue, assets, "music of scene " + scene.id());
                setLoudness(tune, cue.levelLufs());
                int from = sceneStart + (int) Math.round(cue.atSeconds() * RATE);
                if (from < length) fadeInto(music, tune, from, Math.min(tune.length / 2, length - from));
            }
        }
        float[] dialogue = new float[length * 2];
        for (int i = 0; i < length; i++) {
            dialogue[2 * i] = mono[i];
            dialogue[2 * i + 1] = mono[i];
        }
        setLoudness(dialogue, DIALOGUE_LUFS);
        duck(ambience, mono);
        duck(music, mono);
        float[] master = new float[length * 2];
        for (int i = 0; i < master.length; i++) master[i] = dialogue[i] + ambience[i] + effects[i] + music[i];
        LoudnessMeter.Result measured = Limiter.toCeiling(master, 2, RATE, delivery.integratedLufs(),
            delivery.truePeakDbtp() - CODEC_MARGIN_DB);
        return new Mix(master, dialogue, ambience, effects, music, lineStarts, measured, warnings);
    }

    /** One line in its character's voice, pitch and rate, lead-in trimmed; null (and a warning) when it fails. */
    private static float[] speak(TextToSpeech tts, Film film, Shot shot, DialogueLine line, List<String> warnings) {
        Optional<CastMember> who = film.castMember(line.character());
        String voice = who.flatMap(CastMember::voice).orElse(null);
        int pitch = who.map(CastMember::pitch).orElse(CastMember.DEFAULT_PITCH);
        int rate = who.map(CastMember::wordsPerMinute).orElse(CastMember.DEFAULT_WORDS_PER_MINUTE);
        try {
            return trimLeadingSilence(tts.speak(line.line(), voice, pitch, rate, RATE));
        } catch (IOException e) {
            warnings.add("shot " + shot.id() + ": " + e.getMessage() + "; using the default voice");
            try {
                return trimLeadingSilence(tts.speak(line.line(), null, pitch, rate, RATE));
            } catch (IOException e2) {
                warnings.add("shot " + shot.id() + ": cannot speak the line: " + e2.getMessage());
                return null;
            }
        }
    }

    /** A bed's or music's file as interleaved stereo at the mix rate. */
    private static float[] load(org.cinestack.film.SoundCue cue, Path assets, String what) {
        Path p = assets.resolve(cue.file().orElseThrow());
        try {
            float[] s = AudioDecoder.decode(p, RATE, 2);
            if (s.length < 2 * RATE / 10) throw new MediaException(p + " is shorter than 0.1 s", null);
            return s;
        } catch (MediaException e) {
            throw new BadInputException(List.of(new Problem(p.toString(), 0, 0, "the " + what + " cannot be used: "
                + e.getMessage() + "; use a WAV, FLAC, MP3 or other file FFmpeg reads")));
        }
    }

    /**
     * Repeats interleaved stereo to {@code frames} samples per channel, each repeat crossfaded into the one before over
     * 100 ms (equal power) so the seam does not click or dip.
     */
    static float[] loop(float[] stereo, int frames) {
        int have = stereo.length / 2;
        if (have >= frames) return java.util.Arrays.copyOf(stereo, 2 * frames);
        int fade = Math.min(RATE / 10, have / 2), step = have - fade;
        float[] out = new float[2 * frames];
        for (int at = 0; at < frames; at += step) {
            for (int i = 0; i < have && at + i < frames; i++) {
                double g = 1;
                if (at > 0 && i < fade) g = Math.sin(Math.PI / 2 * i / fade); // the new repeat comes in
                else if (i >= step && at + step < frames) g = Math.cos(Math.PI / 2 * (i - step) / fade); // goes out
                out[2 * (at + i)] += (float) (stereo[2 * i] * g);
                out[2 * (at + i) + 1] += (float) (stereo[2 * i + 1] * g);
            }
        }
        return out;
    }

    /** Adds {@code n} frames of interleaved stereo into {@code into} at frame {@code at}, with 10 ms fades in and out. */
    private static void fadeInto(float[] into, float[] stereo, int at, int n) {
        int fade = RATE / 100;
        for (int i = 0; i < n; i++) {
            double env = Math.min(1, Math.min(i / (double) fade, (n - 1 - i) / (double) fade));
            into[2 * (at + i)] += (float) (stereo[2 * i] * env);
            into[2 * (at + i) + 1] += (float) (stereo[2 * i + 1] * env);
        }
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
