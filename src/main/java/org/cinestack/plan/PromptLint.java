package org.cinestack.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cinestack.film.CameraMove;
import org.cinestack.film.CastMember;
import org.cinestack.film.Film;
import org.cinestack.film.LightSetup;
import org.cinestack.film.Scene;
import org.cinestack.film.Shot;

/**
 * Checks a planned film's prompts for what makes generative video go wrong, each finding with the shot and a fix:
 * <ul>
 *   <li>an overloaded prompt: more than {@link #MAX_INSTRUCTIONS} separate actions in one shot;</li>
 *   <li>camera words in the action that contradict the shot's move;</li>
 *   <li>a clip longer than the backend holds steady ({@link #MAX_CLIP_SECONDS} s unless the backend says);</li>
 *   <li>a moving camera's strength outside {@link #MIN_MOTION}..{@link #MAX_MOTION}, where generated motion stays
 *       coherent;</li>
 *   <li>no dominant light source: a key that names no direction or source;</li>
 *   <li>a character in the shot without a locked description;</li>
 *   <li>a prompt longer than the backend takes.</li>
 * </ul>
 */
public final class PromptLint {
    /** Separate actions a single generated shot can carry. */
    public static final int MAX_INSTRUCTIONS = 3;
    /** Longest clip most video models keep coherent, s. */
    public static final double MAX_CLIP_SECONDS = 5;
    /** Motion strength range where generated camera moves stay coherent. */
    public static final double MIN_MOTION = 0.35, MAX_MOTION = 0.55;

    /**
     * A finding.
     *
     * @param shotId  the shot
     * @param message what is wrong
     * @param fix     what to change
     */
    public record Finding(String shotId, String message, String fix) {
        @Override
        public String toString() {
            return "shot " + shotId + ": " + message + "; " + fix;
        }
    }

    private static final Pattern SPLIT = Pattern.compile("\\s*(?:[,;]|\\band then\\b|\\bthen\\b|\\bwhile\\b)\\s*");
    /** Camera words a writer may put in the action, and the move families they ask for. */
    private static final Map<String, String> CAMERA_WORDS = Map.ofEntries(
        Map.entry("pans?", "pan"), Map.entry("panning", "pan"), Map.entry("tilts?", "tilt"),
        Map.entry("tilting", "tilt"), Map.entry("push(?:es)? in", "dolly-in"), Map.entry("dolly in", "dolly-in"),
        Map.entry("pulls? back", "dolly-out"), Map.entry("pull out", "dolly-out"), Map.entry("dolly out", "dolly-out"),
        Map.entry("zooms? in", "zoom-in"), Map.entry("zooms? out", "zoom-out"), Map.entry("cranes? up", "crane-up"),
        Map.entry("cranes? down", "crane-down"), Map.entry("tracking shot", "truck"), Map.entry("handheld", "handheld"),
        Map.entry("orbits?", "orbit"), Map.entry("locked[- ]off", "static"), Map.entry("static shot", "static"));
    private static final Pattern LIGHT_SOURCE = Pattern.compile("\\b(left|right|front|behind|back|above|below|"
        + "overhead|side|window|door|lamp|lantern|candle|fire|sun|sunlight|moon|moonlight|practical|screen|neon|"
        + "street ?light|torch|headlights?|sky|top|under|camera)\\b");

    private PromptLint() {
    }

    /**
     * @param plan               the planned film
     * @param maxPromptChars     the backend's prompt limit in characters, or 0 for none
     * @param maxClipSeconds     the backend's longest clip, s, or 0 for {@link #MAX_CLIP_SECONDS}
     * @return findings in shot order
     */
    public static List<Finding> check(Plan plan, int maxPromptChars, double maxClipSeconds) {
        Film film = plan.film();
        List<Finding> out = new ArrayList<>();
        double clip = maxClipSeconds > 0 ? maxClipSeconds : MAX_CLIP_SECONDS;
        int i = 0;
        for (Scene scene : film.scenes()) {
            for (Shot shot : scene.shots()) {
                ShotSpec spec = plan.specs().get(i++);
                check(film, shot, spec, maxPromptChars, clip, out);
            }
        }
        return out;
    }

    private static void check(Film film, Shot shot, ShotSpec spec, int maxChars, double clip, List<Finding> out) {
        String id = shot.id();
        String action = shot.action().toLowerCase(Locale.ROOT);
        List<String> parts = new ArrayList<>();
        for (String p : SPLIT.split(action)) if (!p.isBlank()) parts.add(p.strip());
        Set<String> named = new LinkedHashSet<>(spec.prompt().castIds());
        if (parts.size() > MAX_INSTRUCTIONS || named.size() > 3) {
            out.add(new Finding(id, "overloaded prompt: " + parts.size() + " separate actions" + (named.size() > 3
                ? " and " + named.size() + " characters" : "") + " in one shot (" + String.join(" / ", parts) + ")",
                "give each action its own shot, or keep one action and one subject here"));
        }
        String move = shot.camera().move().code();
        for (Map.Entry<String, String> w : CAMERA_WORDS.entrySet()) {
            Matcher m = Pattern.compile("\\b" + w.getKey() + "\\b").matcher(action);
            if (m.find() && !move.startsWith(w.getValue())) {
                out.add(new Finding(id, "conflicting camera instructions: the action says '" + m.group()
                    + "' but camera.move is " + move, "say how the camera moves only in camera.move (for example "
                    + "'move: " + (w.getValue().contains("-") ? w.getValue() : w.getValue() + "-left") + "') and "
                    + "describe only the action in 'action'"));
                break;
            }
        }
        if (shot.durationSeconds() > clip + 1e-9) {
            int pieces = (int) Math.ceil(shot.durationSeconds() / clip);
            out.add(new Finding(id, String.format(Locale.ROOT, "the clip is %.1f s, longer than the %.0f s a video "
                + "model holds steady", shot.durationSeconds(), clip), "split it into " + pieces + " shots of "
                + String.format(Locale.ROOT, "%.1f", shot.durationSeconds() / pieces) + " s"));
        }
        boolean moving = !(shot.camera().move() instanceof CameraMove.Static);
        double speed = shot.camera().speed();
        if (moving && (speed < MIN_MOTION - 1e-9 || speed > MAX_MOTION + 1e-9)) {
            out.add(new Finding(id, String.format(Locale.ROOT, "motion strength (camera.speed) %.2f is outside "
                + "%.2f-%.2f, where generated camera moves stay coherent", speed, MIN_MOTION, MAX_MOTION),
                String.format(Locale.ROOT, "set camera.speed to %.2f", Math.clamp(speed, MIN_MOTION, MAX_MOTION))));
        }
        LightSetup setup = shot.light().setup();
        if (!LIGHT_SOURCE.matcher(shot.light().key().toLowerCase(Locale.ROOT)).find()
            && setup != LightSetup.SILHOUETTE && setup != LightSetup.RIM) {
            out.add(new Finding(id, "no dominant light source: the key '" + shot.light().key() + "' names no "
                + "direction or source", "say where the key comes from, for example 'key: from a window on the left' "
                + "or 'key: the lantern below her face'"));
        }
        for (String castId : spec.prompt().castIds()) {
            CastMember c = film.castMember(castId).orElseThrow();
            if (c.description().isBlank()) {
                out.add(new Finding(id, "character '" + castId + "' has no locked description, so each shot would "
                    + "invent a different person", "add cast[" + castId + "].description (age, face, hair) and "
                    + "wardrobe"));
            }
        }
        int length = spec.prompt().text().length();
        if (maxChars > 0 && length > maxChars) {
            out.add(new Finding(id, "the prompt is " + length + " characters, over the backend's limit of "
                + maxChars, "shorten the action, the descriptions or look.style"));
        }
    }
}
