package org.cinestack.breakdown;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cinestack.film.Problem;
import org.cinestack.film.SceneHeading;
import org.cinestack.film.TimeOfDay;
import org.cinestack.film.Weather;
import org.cinestack.script.ElementType;
import org.cinestack.script.ScriptElement;
import org.cinestack.script.Screenplay;

/**
 * A script broken down the way a first assistant director does it: scenes with place and time, the speaking cast
 * with their line counts, each line's speaking time, the props and sounds the action capitalises, and the length in
 * pages.
 *
 * @param title    the script's title (title page, else the file name)
 * @param file     the script file
 * @param scenes   in script order; action before the first heading is a scene of its own only if it has speech
 * @param cast     speaking characters in order of first line
 * @param pages    length in standard pages: printed lines (action 60 characters wide, dialogue 35, parentheticals
 *                 25, a blank line between blocks) over 55 lines a page
 * @param warnings what the script's reader tolerated
 */
public record Breakdown(String title, String file, List<SceneBreakdown> scenes, List<Role> cast, double pages,
                        List<Problem> warnings) {

    /** Speaking rate when a character has none of their own, words a minute. */
    public static final double WORDS_PER_MINUTE = 150;
    /** Printed lines a page (Courier 12 on US letter). */
    public static final double LINES_PER_PAGE = 55;
    /** Screen time of a printed line of action, s: a page of action plays in about a minute. */
    public static final double SECONDS_PER_ACTION_LINE = 60 / LINES_PER_PAGE;

    /**
     * A word in capitals (two or more letters). Words are joined into phrases in code, not by a repeated group in
     * the expression: Java's matcher recurses once per repetition of a group, so a long run of capitals overflowed
     * the stack (found by fuzzing the Fountain reader).
     */
    private static final Pattern CAPS_WORD = Pattern.compile("(?<![\\p{L}'’])\\p{Lu}[\\p{Lu}'’\\-]+(?![\\p{L}'’])");
    private static final Set<String> NOT_PROPS = Set.of("INT", "EXT", "EST", "POV", "V.O", "O.S", "O.C", "CONT'D",
        "CONT’D", "OK", "OKAY", "TV", "I", "A", "AKA", "FADE", "CUT", "DAY", "NIGHT", "THE", "END", "CLOSE", "ON",
        "ANGLE", "BACK", "TO", "SCENE", "SUPER", "TITLE", "CONTINUOUS", "LATER", "MOMENTS");
    private static final Set<String> SOUND_WORDS = Set.of("BANG", "BOOM", "CRASH", "THUD", "CLICK", "BEEP", "BUZZ",
        "RING", "KNOCK", "SLAM", "SMASH", "SNAP", "CRACK", "HONK", "SIREN", "SCREAM", "SHOT", "GUNSHOT", "GUNFIRE",
        "THUNDER", "EXPLOSION", "EXPLODE", "RUMBLE", "WHISTLE", "CREAK", "SPLASH", "ROAR", "SHATTER", "CLANG", "POP",
        "WHOOSH", "SCREECH", "SMACK", "HISS", "BARK", "GROWL", "CHIME", "TICK", "RATTLE", "SLAP", "STOMP", "MUSIC",
        "LAUGHTER", "LAUGH", "APPLAUSE", "GASP", "SQUEAL", "CHEER", "TITTER", "BLEAT", "COUGH", "CLINK", "WHIRR",
        "CHIRP", "BLAST", "FLASH", "ROLL", "AHH", "CRY", "CRIES", "SHUT", "SILENCE", "SCREAMS", "SOB", "SIGH");
    /** Camera and editing directions written in capitals; not props. */
    private static final Set<String> DIRECTIONS = Set.of("ANGLE", "ON", "PUSH", "IN", "CLOSE", "TILT", "UP", "DOWN",
        "HOLD", "REVERSE", "INSERT", "MONTAGE", "INTERCUT", "FREEZE", "FRAME", "PAN", "CRANE", "PULL", "BACK", "TIGHT",
        "WIDE", "LOW", "HIGH", "STAY", "WITH", "BEHIND", "OVER", "LOOK", "RIGHT", "LEFT", "MOVE", "MOVING", "THROUGH",
        "TOWARDS", "TOWARD", "CAMERA", "FADE", "CUT", "BLACK", "TITLE", "SUPER", "QUICK", "FURTHER", "ALONG", "VERY",
        "INTO", "OUT", "EXITS", "ENTERS", "DESCEND", "RISE", "RUSH", "CIRCLE", "LEAD", "SHOT", "POV", "SERIES",
        "FLASHBACK", "DISSOLVE", "SLOW", "MOTION", "LATER", "CONTINUOUS", "END", "THE", "OFF", "BEGIN");
    /** People introduced in capitals who do not speak (extras); not props. */
    private static final Set<String> PEOPLE = Set.of("MAN", "MEN", "WOMAN", "WOMEN", "BOY", "BOYS", "GIRL", "GIRLS",
        "KID", "KIDS", "CHILD", "CHILDREN", "WIFE", "HUSBAND", "GUARD", "GUARDS", "JUDGE", "CLOWN", "STEWARDESS",
        "PRINCIPAL", "MOB", "CROWD", "EMCEE", "ATTENDANT", "PROFESSOR", "OFFICER", "OFFICERS", "SOLDIER", "SOLDIERS",
        "TWINS", "LADIES", "LADY", "PASSERSBY", "CONGREGATION", "CAST", "SCOUT", "WELL-WISHER", "BAND", "NURSE",
        "DOCTOR", "WAITER", "WAITRESS", "COP", "COPS", "POLICE", "DRIVER", "FAMILY", "PEOPLE", "STUDENTS", "TEACHER",
        "MINION", "MINIONS", "VENTRILOQUIST", "NEIGHBOR", "NEIGHBOUR", "STRANGER", "PRIEST", "BARTENDER");
    private static final Pattern EXTENSION = Pattern.compile("\\s*(\\(.*?\\)|（.*?）)\\s*");

    /** @return the estimated running time, s: the sum of the scenes' action and speech */
    public double estimatedSeconds() {
        double s = 0;
        for (SceneBreakdown sc : scenes) {
            for (Moment m : sc.moments()) {
                s += switch (m) {
                    case Moment.Action a -> a.seconds();
                    case Moment.Speech sp -> sp.dual() ? sp.seconds() / 2 : sp.seconds();
                    case Moment.Title t -> 3;
                };
            }
        }
        return s;
    }

    /**
     * Breaks a screenplay down.
     *
     * @param play the screenplay
     * @return the breakdown; a script without headings is one scene
     */
    public static Breakdown of(Screenplay play) {
        return new Builder(play).build();
    }

    /** @return a cast id for a name: ASCII lower case, words joined by '-'; empty when nothing Latin is left */
    static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }

    /** @return the cue without extensions such as (V.O.) or (CONT'D), in capitals */
    static String characterName(String cue) {
        String n = EXTENSION.matcher(cue).replaceAll(" ").strip();
        return n.replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }

    /** @return the number of words (for scripts without spaces, characters over 2.5) */
    static int words(String text) {
        String t = text.strip();
        if (t.isEmpty()) return 0;
        int spaced = t.split("\\s+").length;
        int letters = (int) t.codePoints().filter(Character::isLetter).count();
        return spaced == 1 && letters > 6 ? (int) Math.ceil(letters / 2.5) : spaced;
    }

    /** @return lines the text takes printed at this width, wrapping at spaces */
    static int printedLines(String text, int width) {
        int lines = 0;
        for (String para : text.split("\n", -1)) {
            int len = para.strip().length();
            lines += Math.max(1, (len + width - 1) / width);
        }
        return lines;
    }

    private static final class Builder {
        private final Screenplay play;
        private final Map<String, String> ids = new LinkedHashMap<>(); // character name -> cast id
        private final Map<String, int[]> counts = new LinkedHashMap<>(); // id -> first scene, lines, words
        private final Map<String, String> names = new LinkedHashMap<>();
        private final Map<Pattern, String> namePatterns = new LinkedHashMap<>(); // a word of a name, in title case
        private final List<SceneBreakdown> scenes = new ArrayList<>();
        private double printed;

        Builder(Screenplay play) {
            this.play = play;
        }

        Breakdown build() {
            List<ScriptElement> es = play.elements();
            // cast first, so action can be searched for names
            for (ScriptElement e : es) if (e.type() == ElementType.CHARACTER) id(characterName(e.text()));
            for (Map.Entry<String, String> c : ids.entrySet()) {
                for (String w : c.getKey().split(" ")) {
                    if (w.length() > 2) namePatterns.putIfAbsent(Pattern.compile("(?<![\\p{L}])" + Pattern.quote(
                        titleCase(w)) + "(?![\\p{L}])"), c.getValue());
                }
            }
            String heading = null;
            int headingLine = 0;
            List<Moment> moments = new ArrayList<>();
            SceneHeading lastPlace = null;
            for (int i = 0; i < es.size(); i++) {
                ScriptElement e = es.get(i);
                switch (e.type()) {
                    case SCENE_HEADING -> {
                        if (heading != null || !moments.isEmpty()) lastPlace = flush(heading, headingLine, moments,
                            lastPlace);
                        heading = e.text();
                        headingLine = e.line();
                        moments = new ArrayList<>();
                        printed += 2;
                    }
                    case ACTION, SHOT, GENERAL -> {
                        int lines = printedLines(e.text(), 60);
                        printed += lines + 1;
                        moments.add(action(e, lines));
                    }
                    case CENTERED -> {
                        printed += printedLines(e.text(), 60) + 1;
                        moments.add(new Moment.Title(e.text(), e.line()));
                    }
                    case CHARACTER -> {
                        printed += 1;
                        String id = id(characterName(e.text()));
                        String paren = "", pendingParen = "";
                        ScriptElement pending = null; // dialogue paragraphs in a row are one speech (FDX splits them)
                        int j = i + 1;
                        for (; j < es.size(); j++) {
                            ScriptElement d = es.get(j);
                            if (d.type() == ElementType.PARENTHETICAL) {
                                if (pending != null) moments.add(speech(id, pending, pendingParen));
                                pending = null;
                                printed += printedLines(d.text(), 25);
                                paren = d.text().replaceAll("^[(（]|[)）]$", "").strip();
                            } else if (d.type() == ElementType.DIALOGUE || d.type() == ElementType.LYRICS) {
                                printed += printedLines(d.text(), 35);
                                if (pending == null) {
                                    pending = d;
                                    pendingParen = paren;
                                    paren = "";
                                } else {
                                    pending = new ScriptElement(pending.type(), pending.text() + "\n" + d.text(),
                                        pending.line(), pending.dual(), "", 0);
                                }
                            } else {
                                break;
                            }
                        }
                        if (pending != null) moments.add(speech(id, pending, pendingParen));
                        printed += 1;
                        i = j - 1;
                    }
                    case TRANSITION -> printed += 2;
                    case PAGE_BREAK, SECTION, SYNOPSIS, PARENTHETICAL, DIALOGUE, LYRICS -> { }
                }
            }
            if (heading != null || !moments.isEmpty()) flush(heading, headingLine, moments, lastPlace);
            List<Role> cast = new ArrayList<>();
            for (Map.Entry<String, int[]> c : counts.entrySet()) {
                int[] v = c.getValue();
                if (v[1] > 0) cast.add(new Role(c.getKey(), names.get(c.getKey()), v[0], v[1], v[2]));
            }
            cast.sort(java.util.Comparator.comparingInt(Role::firstScene));
            String title = play.title().isEmpty() ? fileTitle(play.file()) : play.title();
            return new Breakdown(title, play.file(), List.copyOf(scenes), List.copyOf(cast),
                printed / LINES_PER_PAGE, play.warnings());
        }

        private static String fileTitle(String file) {
            String n = java.nio.file.Path.of(file).getFileName().toString();
            int dot = n.lastIndexOf('.');
            return (dot > 0 ? n.substring(0, dot) : n).replace('-', ' ').replace('_', ' ');
        }

        /** Closes a scene; @return its place, for the next scene to inherit when its heading names none */
        private SceneHeading flush(String heading, int line, List<Moment> moments, SceneHeading lastPlace) {
            String h = heading == null ? "" : heading;
            SceneHeading place = SceneHeading.parse(h.replace('。', '.'));
            String upper = h.toUpperCase(Locale.ROOT);
            boolean pov = place == null && upper.matches(".*\\bPOV\\b.*");
            boolean titles = place == null && !pov && !moments.isEmpty() && moments.stream().allMatch(m ->
                m instanceof Moment.Title);
            if (place == null) place = lastPlace != null ? lastPlace : new SceneHeading(false, "LOCATION",
                TimeOfDay.DAY);
            else if (upper.matches(".*-\\s*(CONTINUOUS|LATER|MOMENTS LATER|SAME)\\s*$") && lastPlace != null) {
                place = new SceneHeading(place.interior(), place.location(), lastPlace.timeOfDay());
            }
            StringBuilder all = new StringBuilder(upper);
            for (Moment m : moments) if (m instanceof Moment.Action a) all.append(' ').append(a.text());
            Weather weather = weather(all.toString().toUpperCase(Locale.ROOT), place.interior());
            scenes.add(new SceneBreakdown(scenes.size() + 1, h, place, pov, titles, weather, List.copyOf(moments),
                line));
            for (Moment m : moments) {
                if (m instanceof Moment.Speech s) {
                    int[] v = counts.get(s.castId());
                    if (v[0] == 0) v[0] = scenes.size();
                    v[1]++;
                    v[2] += words(s.text());
                }
            }
            return place;
        }

        private static Weather weather(String text, boolean interior) {
            if (interior) return Weather.CLEAR;
            if (text.matches("(?s).*\\b(STORM|THUNDER|LIGHTNING)\\b.*")) return Weather.STORM;
            if (text.matches("(?s).*\\b(RAIN|RAINING|DOWNPOUR|DRIZZLE)\\b.*")) return Weather.RAIN;
            if (text.matches("(?s).*\\b(SNOW|SNOWING|BLIZZARD)\\b.*")) return Weather.SNOW;
            if (text.matches("(?s).*\\b(FOG|FOGGY|MIST|MISTY)\\b.*")) return Weather.FOG;
            return Weather.CLEAR;
        }

        private String id(String name) {
            return ids.computeIfAbsent(name, n -> {
                String base = slug(n);
                if (base.isEmpty() || !Character.isLetter(base.charAt(0))) base = "character-" + (ids.size() + 1);
                String id = base;
                for (int k = 2; counts.containsKey(id); k++) id = base + "-" + k;
                counts.put(id, new int[3]);
                names.put(id, titleCase(n));
                return id;
            });
        }

        private static String titleCase(String n) {
            StringBuilder sb = new StringBuilder();
            boolean start = true;
            for (int cp : n.codePoints().toArray()) {
                sb.appendCodePoint(start ? cp : Character.toLowerCase(cp));
                start = !Character.isLetter(cp) && cp != '\'' && cp != '’';
            }
            return sb.toString();
        }

        private Moment.Speech speech(String id, ScriptElement d, String paren) {
            String p = paren.toLowerCase(Locale.ROOT);
            double pause = p.contains("beat") || p.contains("pause") ? 1.0 : p.isEmpty() ? 0 : 0.3;
            double seconds = 0.3 + pause + words(d.text()) / WORDS_PER_MINUTE * 60;
            boolean emphasised = d.text().contains("!") || p.matches(".*\\b(shout|shouting|yell|yelling|scream|"
                + "screaming|furious|angry|angrily)\\b.*");
            return new Moment.Speech(id, d.text().replace('\n', ' ').strip(), paren, seconds, d.dual(), emphasised,
                d.line());
        }

        /**
         * @return the runs of words in capitals in a text (words separated by white space only), each with single
         *         spaces; linear in the text
         */
        private static List<String> capsPhrases(String text) {
            List<String> out = new ArrayList<>();
            Matcher m = CAPS_WORD.matcher(text);
            StringBuilder phrase = new StringBuilder();
            int end = -1;
            while (m.find()) {
                boolean joined = end >= 0 && m.start() > end && text.substring(end, m.start()).isBlank();
                if (!joined && !phrase.isEmpty()) {
                    out.add(phrase.toString());
                    phrase.setLength(0);
                }
                if (!phrase.isEmpty()) phrase.append(' ');
                phrase.append(m.group());
                end = m.end();
            }
            if (!phrase.isEmpty()) out.add(phrase.toString());
            return out;
        }

        private Moment.Action action(ScriptElement e, int lines) {
            List<String> props = new ArrayList<>(), sounds = new ArrayList<>();
            Set<String> cast = new LinkedHashSet<>();
            String text = e.text();
            for (String caps : capsPhrases(text)) {
                String phrase = caps.replaceAll("[-'’]+$", "");
                String castId = castIn(phrase);
                if (castId != null) {
                    cast.add(castId);
                    continue;
                }
                String[] words = phrase.split(" ");
                if (words.length == 1 && (NOT_PROPS.contains(phrase) || phrase.length() < 3)) continue;
                String last = words[words.length - 1];
                if (java.util.Arrays.stream(words).anyMatch(DIRECTIONS::contains) || PEOPLE.contains(last)) continue;
                String stem = last.replaceAll("(ES|S|ED|ING)$", "");
                if (SOUND_WORDS.contains(last) || SOUND_WORDS.contains(stem) || SOUND_WORDS.contains(stem + "E")
                    || java.util.Arrays.stream(words).anyMatch(w -> w.matches(".{3,}(ED|ING)"))
                    || words.length == 1 && last.matches(".*(ED|ING|[^S]S)")) {
                    sounds.add(phrase);
                } else {
                    props.add(phrase);
                }
            }
            // names in ordinary case ("Steel sits.") count too
            for (Map.Entry<Pattern, String> c : namePatterns.entrySet()) if (c.getKey().matcher(text).find()) {
                cast.add(c.getValue());
            }
            double seconds = (lines + 1) * SECONDS_PER_ACTION_LINE;
            return new Moment.Action(text, List.copyOf(props), List.copyOf(sounds), List.copyOf(cast), seconds,
                e.line());
        }

        /** @return the cast id whose name a capitalised phrase is or contains a word of, or null */
        private String castIn(String phrase) {
            for (Map.Entry<String, String> c : ids.entrySet()) {
                if (phrase.equals(c.getKey())) return c.getValue();
                for (String w : c.getKey().split(" ")) {
                    if (w.length() > 2 && (" " + phrase + " ").contains(" " + w + " ")) return c.getValue();
                }
            }
            return null;
        }
    }
}
