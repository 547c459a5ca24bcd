package org.cinestack.breakdown;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.cinestack.film.Beat;
import org.cinestack.film.Camera;
import org.cinestack.film.CameraAngle;
import org.cinestack.film.CameraMove;
import org.cinestack.film.CastMember;
import org.cinestack.film.Coverage;
import org.cinestack.film.DialogueLine;
import org.cinestack.film.Film;
import org.cinestack.film.Format;
import org.cinestack.film.Light;
import org.cinestack.film.LightSetup;
import org.cinestack.film.Look;
import org.cinestack.film.Scene;
import org.cinestack.film.SceneHeading;
import org.cinestack.film.ScreenSide;
import org.cinestack.film.Shot;
import org.cinestack.film.ShotSize;
import org.cinestack.film.SoundCue;
import org.cinestack.film.TimeOfDay;

/**
 * Plans coverage for a broken-down script the way a director and script supervisor would, deterministically, and
 * records in each shot's {@code rule} which rule chose it:
 * <ul>
 *   <li>a new location opens with an establishing shot (exterior: EWS craning up or pushing in; interior: a WS
 *       master);</li>
 *   <li>a two-person dialogue is covered in shot/reverse-shot, over-the-shoulder and single on whoever speaks, each
 *       character kept on one side of the frame for the whole scene (the 180-degree rule), sizes tightening as the
 *       scene builds (MS in the first half, MCU in the third quarter, CU in the last; an emphasised line one size
 *       tighter);</li>
 *   <li>three or more speakers: a group master, then singles on the speakers;</li>
 *   <li>a speech longer than a shot ({@link #MAX_SECONDS}) is split across cuts that all hold the speaker, then the
 *       listener's reaction; dual dialogue is a two-shot;</li>
 *   <li>a forced heading ending in POV is shot as point of view; centred text is a title card;</li>
 *   <li>a capitalised prop in action gets an insert; action without dialogue gets a shot per beat, split when
 *       longer than a shot;</li>
 *   <li>every shot lasts {@link #MIN_SECONDS} to {@link #MAX_SECONDS} s;</li>
 *   <li>moves follow the shot's place in the scene's arc (setup, tension, decision, consequence by quarters), never
 *       the same move three times running.</li>
 * </ul>
 */
public final class CoveragePlanner {
    /** Shortest shot, s. */
    public static final double MIN_SECONDS = 2;
    /** Longest shot, s. */
    public static final double MAX_SECONDS = 6;
    /** Where both lines of a dual dialogue start in their two-shot, s. */
    public static final double DUAL_AT_SECONDS = 0.3;
    /** Level of an effect cued from the script, loudest 400 ms in LUFS (the method's -18 to -14). */
    public static final double EFFECT_LUFS = -16;
    private static final Set<String> AUDIO = Set.of("wav", "flac", "mp3", "ogg", "oga", "opus", "aif", "aiff", "m4a",
        "wv");

    /**
     * The sound file a capitalised sound names: see {@link #soundFile(String, String, List)}, with no sentence
     * around it.
     *
     * @param sound the sound as written, for example {@code DOOR SLAMS}
     * @param files candidate paths (anything without an audio extension is skipped)
     * @return the chosen path, as given
     */
    public static Optional<String> soundFile(String sound, List<String> files) {
        return soundFile(sound, sound, files);
    }

    /**
     * The sound file a capitalised sound names: one whose name's words (split at '-', '_', '.', spaces; numbers
     * ignored) include one of the sound's words and are all among the words of the sentence it is in, all taken to
     * their stems (SLAMS, SLAMMED, SLAMMING and slam agree). So in "The door SLAMS." both {@code slam.wav} and
     * {@code door-slam.wav} qualify; the file naming the most words wins, then the shorter path, then the first in
     * order.
     *
     * @param sound    the sound as written, for example {@code SLAMS}
     * @param sentence the sentence it is in, for example {@code The door SLAMS.}
     * @param files    candidate paths (anything without an audio extension is skipped)
     * @return the chosen path, as given
     */
    public static Optional<String> soundFile(String sound, String sentence, List<String> files) {
        Set<String> own = new HashSet<>(stems(sound)), words = new HashSet<>(stems(sentence));
        words.addAll(own);
        String best = null;
        int bestWords = 0;
        for (String f : files) {
            String name = f.substring(f.replace('\\', '/').lastIndexOf('/') + 1);
            int dot = name.lastIndexOf('.');
            if (dot <= 0 || !AUDIO.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))) continue;
            List<String> need = stems(name.substring(0, dot));
            if (need.isEmpty() || !words.containsAll(need) || need.stream().noneMatch(own::contains)) continue;
            if (need.size() > bestWords || need.size() == bestWords && f.length() < best.length()) {
                best = f;
                bestWords = need.size();
            }
        }
        return Optional.ofNullable(best);
    }

    /** Lower-case word stems: plural and verb endings off, a doubled last consonant single; numbers dropped. */
    static List<String> stems(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.isEmpty() || w.chars().allMatch(Character::isDigit)) continue;
            String t = w;
            if (t.length() > 5 && t.endsWith("ing")) t = t.substring(0, t.length() - 3);
            else if (t.length() > 4 && t.endsWith("ed")) t = t.substring(0, t.length() - 2);
            else if (t.length() > 4 && t.matches(".*(ss|x|ch|sh|zz)es")) t = t.substring(0, t.length() - 2);
            else if (t.length() > 3 && t.endsWith("s") && !t.endsWith("ss")) t = t.substring(0, t.length() - 1);
            if (!t.equals(w) && t.length() > 3 && t.charAt(t.length() - 1) == t.charAt(t.length() - 2)
                && "bdgklmnprt".indexOf(t.charAt(t.length() - 1)) >= 0) t = t.substring(0, t.length() - 1);
            out.add(t);
        }
        return out;
    }

    private static final Map<Beat, List<String>> MOVES = Map.of(
        Beat.SETUP, List.of("static", "pan-right", "truck-left", "dolly-in", "pedestal-up"),
        Beat.TENSION, List.of("dolly-in", "static", "handheld", "zoom-in", "truck-right"),
        Beat.DECISION, List.of("static", "dolly-in", "zoom-in", "orbit-left"),
        Beat.CONSEQUENCE, List.of("dolly-out", "static", "crane-up", "pan-left"));

    private CoveragePlanner() {
    }

    /**
     * @param b the breakdown
     * @return the film: 2.39:1 in 1920x1080 at 24 fps, one cast member per speaking character, a scene per scene
     */
    public static Film plan(Breakdown b) {
        return plan(b, List.of());
    }

    /**
     * Plans coverage, and cues each capitalised sound of the action (DOOR SLAMS, a PHONE RINGS) whose words name one
     * of the given sound files, in the first shot of its paragraph (see {@link #soundFile}).
     *
     * @param b          the breakdown
     * @param soundFiles sound files the film may use, as paths relative to the film's folder (for example
     *                   {@code assets/door-slam.wav})
     * @return the film: 2.39:1 in 1920x1080 at 24 fps, one cast member per speaking character, a scene per scene
     */
    public static Film plan(Breakdown b, List<String> soundFiles) {
        List<CastMember> cast = new ArrayList<>();
        for (Role r : b.cast()) {
            double height = (162 + Math.floorMod(r.id().hashCode(), 25)) / 100.0; // 1.62..1.86 m, stable per name
            cast.add(new CastMember(r.id(), r.name(), "", "", Optional.empty(), height));
        }
        List<Scene> scenes = new ArrayList<>();
        String lastLocation = null;
        List<String> recentMoves = new ArrayList<>();
        for (SceneBreakdown s : b.scenes()) {
            boolean newLocation = !s.titles() && !s.pov() && !s.place().location().equals(lastLocation);
            List<Draft> drafts = new SceneCoverage(s, newLocation, b.cast(), soundFiles).drafts();
            if (drafts.isEmpty()) continue;
            lastLocation = s.place().location();
            scenes.add(scene(s, drafts, recentMoves));
        }
        long seed = 0xcbf29ce484222325L;
        for (char c : b.title().toCharArray()) seed = (seed ^ c) * 0x100000001b3L;
        return new Film(b.title().isEmpty() ? "Untitled" : b.title(), Optional.of(seed & 0xFFFFFFFFL),
            new Format(2.39, 1920, 1080, 24), new Look(0.2, List.of(), List.of()), cast, scenes);
    }

    /** A shot before its size, move and role are set. */
    private static final class Draft {
        Coverage coverage = Coverage.SINGLE;
        ShotSize size; // null: by the scene's arc
        String subject = "", over = "", action = "", emotion = "", rule = "";
        ScreenSide screen = ScreenSide.CENTER;
        List<DialogueLine> dialogue = List.of();
        List<SoundCue> effects = List.of();
        double seconds;
        boolean emphasised, speech;
        String move; // null: by the arc
    }

    /** Covers one scene. */
    private static final class SceneCoverage {
        private final SceneBreakdown s;
        private final boolean newLocation;
        private final List<String> speakers;
        private final Map<String, ScreenSide> side = new HashMap<>();
        private final List<Draft> out = new ArrayList<>();
        private final Set<String> propsSeen = new HashSet<>();
        private int lineIndex;
        private final String povOf; // whose eyes a POV scene sees through, or empty
        private final List<String> soundFiles;

        SceneCoverage(SceneBreakdown s, boolean newLocation, List<Role> cast, List<String> soundFiles) {
            this.s = s;
            this.soundFiles = soundFiles;
            this.newLocation = newLocation;
            String h = s.heading().toUpperCase(Locale.ROOT);
            this.povOf = s.pov() ? cast.stream().filter(r -> h.contains(r.name().toUpperCase(Locale.ROOT)))
                .map(Role::id).findFirst().orElse("") : "";
            this.speakers = s.speakers();
            ScreenSide[] order = speakers.size() == 1 ? new ScreenSide[] {ScreenSide.CENTER}
                : new ScreenSide[] {ScreenSide.LEFT, ScreenSide.RIGHT, ScreenSide.CENTER};
            for (int i = 0; i < speakers.size(); i++) side.put(speakers.get(i), order[i % order.length]);
        }

        List<Draft> drafts() {
            String place = "the " + s.place().location().toLowerCase(Locale.ROOT);
            if (newLocation) {
                Draft d = new Draft();
                d.coverage = Coverage.ESTABLISHING;
                d.size = s.place().interior() ? ShotSize.WIDE : ShotSize.EXTREME_WIDE;
                d.subject = place;
                d.action = "establishing " + place;
                d.seconds = 3;
                d.move = s.place().interior() ? (s.number() % 2 == 0 ? "dolly-in" : "static")
                    : (s.number() % 2 == 0 ? "dolly-in" : "crane-up");
                d.rule = "new location (" + (s.place().interior() ? "interior): WS master" : "exterior): EWS, "
                    + (d.move.equals("crane-up") ? "crane up" : "slow push in"));
                out.add(d);
            }
            List<Moment> ms = s.moments();
            boolean groupShown = false;
            for (int i = 0; i < ms.size(); i++) {
                Moment m = ms.get(i);
                switch (m) {
                    case Moment.Title t -> title(t);
                    case Moment.Action a -> action(a, place);
                    case Moment.Speech sp -> {
                        if (speakers.size() >= 3 && !groupShown) {
                            group(sp);
                            groupShown = true;
                        }
                        Moment next = i + 1 < ms.size() ? ms.get(i + 1) : null;
                        if (sp.dual() && next instanceof Moment.Speech other && other.dual()) {
                            dual(sp, other, "dual dialogue: a two-shot, both speak at once");
                            i++;
                        } else if (speakers.size() == 2 && !sp.dual() && sp.seconds() < MIN_SECONDS
                            && next instanceof Moment.Speech other && !other.dual() && other.seconds() < MIN_SECONDS
                            && !other.castId().equals(sp.castId())) {
                            dual(sp, other, "two-person dialogue, a quick exchange: a two-shot holds both lines");
                            i++;
                        } else {
                            speech(sp);
                        }
                    }
                }
            }
            return out;
        }

        private void title(Moment.Title t) {
            Draft d = new Draft();
            d.coverage = Coverage.TITLE;
            d.size = ShotSize.WIDE;
            d.subject = "titles: " + t.text().replace('\n', ' ');
            d.action = t.text().replace('\n', ' ');
            d.seconds = 3;
            d.move = out.isEmpty() || !"static".equals(out.getLast().move) ? "static" : "zoom-in";
            d.rule = "centred text: a title card";
            out.add(d);
        }

        private void action(Moment.Action a, String place) {
            String who = !a.cast().isEmpty() ? a.cast().getFirst() : !speakers.isEmpty() ? speakers.getFirst() : "";
            if (s.pov() && a.cast().isEmpty() && !a.props().isEmpty()) place = "the " + a.props().getFirst()
                .toLowerCase(Locale.ROOT); // what the eyes are on
            int parts = (int) Math.ceil(a.seconds() / MAX_SECONDS - 1e-9);
            for (int k = 0; k < Math.max(1, parts); k++) {
                Draft d = new Draft();
                d.subject = who.isEmpty() ? place : who;
                d.screen = side.getOrDefault(who, ScreenSide.CENTER);
                d.action = sentence(a.text());
                d.seconds = clamp(a.seconds() / Math.max(1, parts));
                if (s.pov()) {
                    d.coverage = Coverage.POV;
                    d.over = povOf;
                    d.size = ShotSize.MEDIUM;
                    d.move = out.isEmpty() || !"handheld".equals(out.getLast().move) ? "handheld" : "static";
                    d.rule = "forced heading ending in POV: point-of-view shot";
                } else {
                    d.rule = parts > 1 ? "action without dialogue, longer than a shot: part " + (k + 1) + " of "
                        + parts : "action without dialogue: a shot for the beat";
                }
                if (k == 0) d.effects = cues(a.text(), a.sounds(), d.seconds);
                out.add(d);
            }
            for (String prop : a.props()) {
                if (!propsSeen.add(prop)) continue;
                Draft d = new Draft();
                d.coverage = Coverage.INSERT;
                d.size = ShotSize.INSERT;
                d.subject = "the " + prop.toLowerCase(Locale.ROOT);
                d.action = "insert: " + prop.toLowerCase(Locale.ROOT);
                d.seconds = MIN_SECONDS;
                d.rule = "capitalised prop in action (" + prop + "): insert";
                out.add(d);
                break; // one insert a beat keeps the scene moving
            }
        }

        private void group(Moment.Speech first) {
            Draft d = new Draft();
            d.coverage = Coverage.GROUP;
            d.size = ShotSize.WIDE;
            d.subject = first.castId();
            d.screen = side.get(first.castId());
            d.action = String.join(", ", speakers) + " together";
            d.seconds = 3;
            d.rule = "three or more speakers: group master before the singles";
            out.add(d);
        }

        private void dual(Moment.Speech a, Moment.Speech b, String rule) {
            Draft d = new Draft();
            d.coverage = Coverage.TWO_SHOT;
            d.subject = a.castId();
            d.over = b.castId();
            d.screen = side.get(a.castId());
            d.dialogue = a.dual() // spoken at once: both start together
                ? List.of(new DialogueLine(a.castId(), a.text(), Optional.of(DUAL_AT_SECONDS)),
                    new DialogueLine(b.castId(), b.text(), Optional.of(DUAL_AT_SECONDS)))
                : List.of(new DialogueLine(a.castId(), a.text()), new DialogueLine(b.castId(), b.text()));
            d.seconds = clamp(a.dual() ? Math.max(a.seconds(), b.seconds()) : a.seconds() + b.seconds());
            d.speech = true;
            d.emphasised = a.emphasised() || b.emphasised();
            d.rule = rule;
            out.add(d);
            lineIndex++;
        }

        private void speech(Moment.Speech sp) {
            String speaker = sp.castId();
            String listener = listener(speaker);
            List<String> chunks = split(sp.text(), sp.seconds());
            for (int k = 0; k < chunks.size(); k++) {
                Draft d = new Draft();
                d.subject = speaker;
                d.screen = side.get(speaker);
                d.dialogue = List.of(new DialogueLine(speaker, chunks.get(k)));
                d.seconds = clamp(sp.seconds() * chunks.get(k).length() / Math.max(1, sp.text().length()));
                d.speech = true;
                d.emphasised = sp.emphasised();
                d.emotion = sp.parenthetical();
                d.action = speakerAction(sp);
                boolean ots = speakers.size() == 2 && listener != null && (lineIndex + k) % 2 == 0;
                if (ots) {
                    d.coverage = Coverage.OTS;
                    d.over = listener;
                }
                String base = speakers.size() == 2 ? "two-person dialogue: " + (ots ? "OTS on the speaker over the "
                    + "listener's shoulder" : "single on the speaker") : speakers.size() >= 3
                    ? "three or more speakers: single on the speaker" : "one speaker: single";
                d.rule = chunks.size() > 1 ? base + "; line longer than a shot, part " + (k + 1) + " of "
                    + chunks.size() : base;
                out.add(d);
            }
            lineIndex++;
            if (sp.seconds() > MAX_SECONDS && listener != null) {
                Draft r = new Draft();
                r.coverage = Coverage.REACTION;
                r.size = ShotSize.MEDIUM_CLOSE_UP;
                r.subject = listener;
                r.over = speaker;
                r.screen = side.get(listener);
                r.action = "listens to " + speaker;
                r.seconds = MIN_SECONDS;
                r.rule = "long speech: the listener's reaction";
                out.add(r);
            }
        }

        /**
         * Cues for the sounds of a paragraph that have a file, spread through the shot from 0.5 s, 0.8 s apart, each
         * named by its sentence when that is short ("the door slams").
         */
        private List<SoundCue> cues(String text, List<String> sounds, double seconds) {
            List<SoundCue> cues = new ArrayList<>();
            String[] sentences = text.replace('\n', ' ').split("(?<=[.!?])\\s+");
            for (String sound : sounds) {
                String sentence = sound;
                for (String x : sentences) if (x.contains(sound)) {
                    sentence = x;
                    break;
                }
                Optional<String> file = soundFile(sound, sentence, soundFiles);
                if (file.isEmpty()) continue;
                double at = Math.min(Math.max(0, seconds - 0.3), 0.5 + 0.8 * cues.size());
                String name = sentence.split("\\s+").length <= 6 ? sentence.replaceAll("[.!?]+$", "") : sound;
                cues.add(new SoundCue(name.toLowerCase(Locale.ROOT).strip(), Math.round(at * 100) / 100.0, file,
                    EFFECT_LUFS));
            }
            return List.copyOf(cues);
        }

        /** The other person of a two-person scene, or the previous speaker of a bigger one; null when alone. */
        private String listener(String speaker) {
            if (speakers.size() < 2) return null;
            if (speakers.size() == 2) return speakers.get(0).equals(speaker) ? speakers.get(1) : speakers.get(0);
            for (int i = out.size() - 1; i >= 0; i--) {
                Draft d = out.get(i);
                if (d.speech && !d.subject.equals(speaker)) return d.subject;
            }
            return null;
        }

        private static String speakerAction(Moment.Speech sp) {
            return sp.parenthetical().isEmpty() ? "speaks" : "speaks, " + sp.parenthetical();
        }
    }

    /** Splits a line into pieces of at most MAX_SECONDS at sentence ends, else commas, else words. */
    static List<String> split(String text, double seconds) {
        int parts = (int) Math.ceil(seconds / MAX_SECONDS - 1e-9);
        if (parts <= 1) return List.of(text);
        String[] words = text.split("\\s+");
        if (words.length < 2) return List.of(text);
        List<String> out = new ArrayList<>();
        int per = (int) Math.ceil(words.length / (double) parts);
        StringBuilder cur = new StringBuilder();
        int count = 0;
        for (int i = 0; i < words.length; i++) {
            if (!cur.isEmpty()) cur.append(' ');
            cur.append(words[i]);
            count++;
            boolean end = words[i].matches(".*[.!?…]$"), comma = words[i].endsWith(",");
            boolean last = i == words.length - 1;
            if (!last && (count >= per || count >= per * 0.6 && end || count >= per * 0.8 && comma)) {
                out.add(cur.toString());
                cur.setLength(0);
                count = 0;
            }
        }
        if (!cur.isEmpty()) out.add(cur.toString());
        return out;
    }

    private static double clamp(double seconds) {
        return Math.round(Math.clamp(seconds, MIN_SECONDS, MAX_SECONDS) * 4) / 4.0; // to a quarter second
    }

    private static String sentence(String text) {
        // only the start is kept, so only the start is read: an action of megabytes costs no more than a short one
        String head = text.stripLeading();
        if (head.length() > 4 * 160) head = head.substring(0, 4 * 160);
        String t = head.replace('\n', ' ').replaceAll("\\s+", " ").strip();
        int end = t.indexOf(". ");
        if (end > 0 && end < 160) t = t.substring(0, end + 1);
        return t.length() > 160 ? t.substring(0, 157) + "..." : t;
    }

    // ---- sizes, moves, light ---------------------------------------------------------------------------------------

    private static Scene scene(SceneBreakdown s, List<Draft> drafts, List<String> recentMoves) {
        List<Shot> shots = new ArrayList<>();
        int n = drafts.size();
        for (int i = 0; i < n; i++) {
            Draft d = drafts.get(i);
            double q = (double) i / n;
            Beat role = q < 0.25 ? Beat.SETUP : q < 0.5 ? Beat.TENSION : q < 0.75 ? Beat.DECISION : Beat.CONSEQUENCE;
            ShotSize size = d.size != null ? d.size : size(d, q, role);
            String move = move(d, role, recentMoves, s.number() + i);
            recentMoves.add(move);
            double lens = org.cinestack.film.FilmReader.defaultLens(size);
            double aperture = switch (size) {
                case EXTREME_WIDE, WIDE -> 5.6;
                case FULL, MEDIUM_LONG, MEDIUM -> 2.8;
                default -> 2.0;
            };
            CameraAngle angle = d.coverage == Coverage.ESTABLISHING && !s.place().interior() ? CameraAngle.HIGH
                : CameraAngle.EYE;
            double speed = d.speech ? 0.25 : 0.4;
            String key = d.screen == ScreenSide.LEFT ? "from camera right" : "from camera left";
            boolean dark = s.place().timeOfDay() == TimeOfDay.NIGHT;
            LightSetup setup = dark ? LightSetup.LOW_KEY : (role == Beat.TENSION || role == Beat.DECISION)
                && (size == ShotSize.CLOSE_UP || size == ShotSize.MEDIUM_CLOSE_UP) ? LightSetup.REMBRANDT
                : LightSetup.LOOP;
            String id = "s" + s.number() + "-" + (i + 1);
            shots.add(new Shot(id, size, d.subject, d.action, d.emotion, role, d.seconds,
                new Camera(CameraMove.parse(move), lens, aperture, angle, speed), new Light(key, setup, 0),
                d.dialogue, Optional.empty(), 0, d.coverage, d.over, d.screen, d.rule, d.effects,
                org.cinestack.film.ShotGrade.NONE));
        }
        SceneHeading p = s.place();
        String heading = SceneHeading.parse(s.heading().replace('。', '.')) != null ? s.heading().replace('。', '.')
            : (p.interior() ? "INT. " : "EXT. ") + p.location() + " - " + p.timeOfDay().name().replace('_', ' ');
        return new Scene("sc" + s.number(), heading, p, s.weather(), shots);
    }

    /** Dialogue tightens as the scene builds: MS, then MCU in the third quarter, CU in the last; emphasis one more. */
    private static ShotSize size(Draft d, double q, Beat role) {
        if (d.speech) {
            int step = q < 0.5 ? 0 : q < 0.75 ? 1 : 2;
            if (d.emphasised) step++;
            if (d.coverage == Coverage.OTS || d.coverage == Coverage.TWO_SHOT) step = Math.min(step, 1);
            return switch (Math.min(step, 2)) {
                case 0 -> ShotSize.MEDIUM;
                case 1 -> ShotSize.MEDIUM_CLOSE_UP;
                default -> ShotSize.CLOSE_UP;
            };
        }
        return switch (role) {
            case SETUP -> ShotSize.WIDE;
            case TENSION -> ShotSize.MEDIUM;
            case DECISION -> ShotSize.MEDIUM_CLOSE_UP;
            case CONSEQUENCE -> ShotSize.MEDIUM_LONG;
        };
    }

    /** The arc's move for the shot, never the same three times running. */
    private static String move(Draft d, Beat role, List<String> recent, int turn) {
        List<String> candidates;
        if (d.move != null) {
            candidates = new ArrayList<>(List.of(d.move));
            candidates.addAll(MOVES.get(role));
        } else if (d.coverage == Coverage.INSERT) {
            candidates = List.of("static", "dolly-in", "tilt-down");
        } else if (d.coverage == Coverage.REACTION) {
            candidates = List.of("static", "dolly-in", "zoom-in");
        } else if (d.speech) {
            candidates = role == Beat.SETUP || role == Beat.CONSEQUENCE ? List.of("static", "dolly-in", "pan-left")
                : List.of("dolly-in", "static", "zoom-in");
        } else {
            List<String> all = MOVES.get(role);
            candidates = new ArrayList<>();
            for (int k = 0; k < all.size(); k++) candidates.add(all.get((turn + k) % all.size()));
        }
        int r = recent.size();
        for (String c : candidates) {
            if (r >= 2 && recent.get(r - 1).equals(c) && recent.get(r - 2).equals(c)) continue;
            return c;
        }
        return "static".equals(recent.get(r - 1)) ? "dolly-in" : "static";
    }
}
