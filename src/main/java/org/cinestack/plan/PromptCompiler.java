package org.cinestack.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.cinestack.film.Camera;
import org.cinestack.film.CameraMove;
import org.cinestack.film.CastMember;
import org.cinestack.film.Coverage;
import org.cinestack.film.Film;
import org.cinestack.film.Look;
import org.cinestack.film.Scene;
import org.cinestack.film.Shot;
import org.cinestack.film.Weather;

/**
 * Compiles a shot into a {@link ShotPrompt} in the vocabulary of cinema. Deterministic: the same shot gives the same
 * words. A move carries its motivation, from the shot's action and emotion (or, without an emotion, its role in the
 * scene): "slow dolly in as she reads the letter, worry building".
 */
public final class PromptCompiler {
    /** Negative-prompt terms added to every film's prohibitions. */
    public static final List<String> DEFAULT_NEGATIVE = List.of("plastic skin", "warped hands", "flicker", "text",
        "watermark");

    private PromptCompiler() {
    }

    /**
     * @param film      the film (cast, look, format)
     * @param scene     the shot's scene
     * @param shot      the shot
     * @param keyKelvin the key light's colour temperature as planned, K
     * @return the prompt
     */
    public static ShotPrompt compile(Film film, Scene scene, Shot shot, double keyKelvin) {
        List<String> cast = castIn(film, shot);
        String location = scene.parsed().location().toLowerCase(Locale.ROOT);
        return new ShotPrompt(subject(film, shot, cast, location), camera(shot, location), light(shot, scene, keyKelvin),
            environment(scene), style(film), negative(film.look()), cast);
    }

    /** The cast in a shot: the subject, whoever is over the shoulder or sharing the frame, and anyone the action names. */
    static List<String> castIn(Film film, Shot shot) {
        Set<String> ids = new LinkedHashSet<>();
        if (film.castMember(shot.subject()).isPresent()) ids.add(shot.subject());
        boolean overInFrame = shot.coverage() == Coverage.OTS || shot.coverage() == Coverage.TWO_SHOT;
        if (overInFrame && film.castMember(shot.over()).isPresent()) ids.add(shot.over());
        String action = " " + shot.action().toLowerCase(Locale.ROOT) + " ";
        for (CastMember c : film.cast()) {
            String name = c.name().toLowerCase(Locale.ROOT);
            if (!name.isBlank() && action.matches("(?s).*\\b" + java.util.regex.Pattern.quote(name) + "\\b.*")) {
                ids.add(c.id());
            }
        }
        return List.copyOf(ids);
    }

    /** A character's locked look: "Mara, keeper of the light..., wearing a yellow oilskin coat". */
    static String lockedLook(CastMember c) {
        StringBuilder sb = new StringBuilder(c.name());
        if (!c.description().isBlank()) sb.append(", ").append(c.description().strip());
        if (!c.wardrobe().isBlank()) sb.append(", wearing ").append(c.wardrobe().strip());
        return sb.toString();
    }

    private static String subject(Film film, Shot shot, List<String> cast, String location) {
        List<String> parts = new ArrayList<>();
        for (String id : cast) {
            film.castMember(id).ifPresent(c -> parts.add(lockedLook(c)));
        }
        String who;
        if (parts.isEmpty()) {
            who = shot.subject().isBlank() ? "the " + location : shot.subject();
        } else if (shot.coverage() == Coverage.OTS && cast.size() > 1 && cast.get(1).equals(shot.over())) {
            who = parts.get(0) + ", seen over the shoulder of " + String.join("; ", parts.subList(1, parts.size()));
        } else {
            who = String.join("; and ", parts);
        }
        String action = shot.action().strip();
        return action.isEmpty() ? who : who + "; " + action;
    }

    private static String camera(Shot shot, String location) {
        Camera c = shot.camera();
        StringBuilder sb = new StringBuilder(sizeWords(shot)).append(", ").append(angleWords(c));
        sb.append(", ").append(moveWords(c.move(), c.speed()));
        String action = shot.action().strip();
        if (!(c.move() instanceof CameraMove.Static) && !action.isEmpty()) sb.append(" as ").append(lowerFirst(action));
        sb.append(", ").append(motivation(c.move(), shot, location));
        sb.append(", ").append(Math.round(c.focalLengthMm())).append("mm lens at f/").append(number(c.aperture()));
        if (c.aperture() <= 2.8) sb.append(", shallow depth of field");
        else if (c.aperture() >= 8) sb.append(", deep focus");
        return sb.toString();
    }

    static String sizeWords(Shot shot) {
        return switch (shot.size()) {
            case EXTREME_WIDE -> "extreme wide shot";
            case WIDE -> "wide shot";
            case FULL -> "full shot, head to toe";
            case MEDIUM_LONG -> "medium long shot, knees up";
            case MEDIUM -> "medium shot, waist up";
            case MEDIUM_CLOSE_UP -> "medium close-up, chest up";
            case CLOSE_UP -> "close-up on the face";
            case EXTREME_CLOSE_UP -> "extreme close-up";
            case INSERT -> "insert shot, detail filling the frame";
        };
    }

    static String angleWords(Camera c) {
        return switch (c.angle()) {
            case EYE -> "eye-level";
            case HIGH -> "high angle looking down";
            case LOW -> "low angle looking up";
            case OVERHEAD -> "overhead bird's-eye view";
            case GROUND -> "ground-level worm's-eye view";
            case DUTCH -> "dutch angle, tilted horizon";
        };
    }

    /** The move in words with its pace: speed under 0.25 is very slow, under 0.45 slow, under 0.65 steady, else fast. */
    static String moveWords(CameraMove move, double speed) {
        String pace = speed < 0.25 ? "very slow" : speed < 0.45 ? "slow" : speed < 0.65 ? "steady" : "fast";
        return switch (move) {
            case CameraMove.Static s -> "locked-off static camera";
            case CameraMove.Handheld h -> "handheld camera with a slight natural shake";
            case CameraMove.DollyZoom d -> pace + " dolly zoom, the background stretching behind the subject";
            case CameraMove.Orbit o -> pace + " orbit " + o.side().name().toLowerCase(Locale.ROOT)
                + " around the subject";
            default -> pace + " " + move.code().replace('-', ' ');
        };
    }

    /** Why the camera moves: the emotion building on a push, a reveal on a pull or a rise, following on a pan. */
    static String motivation(CameraMove move, Shot shot, String location) {
        String feeling = shot.emotion().strip().toLowerCase(Locale.ROOT);
        String byRole = switch (shot.role()) {
            case SETUP -> "drawing us in";
            case TENSION -> "tension building";
            case DECISION -> "intimacy building";
            case CONSEQUENCE -> "the moment landing";
        };
        return switch (move) {
            case CameraMove.Dolly d when d.direction() == CameraMove.Axial.IN -> feeling.isEmpty() ? byRole
                : feeling + " building";
            case CameraMove.Zoom z when z.direction() == CameraMove.Axial.IN -> feeling.isEmpty() ? byRole
                : feeling + " building";
            case CameraMove.Dolly d -> "revealing the " + location + (feeling.isEmpty() ? "" : ", " + feeling);
            case CameraMove.Zoom z -> "revealing the " + location + (feeling.isEmpty() ? "" : ", " + feeling);
            case CameraMove.Crane c -> c.direction() == CameraMove.Vertical.UP ? "rising to reveal the " + location
                : "descending into the scene";
            case CameraMove.Pan p -> "following the action";
            case CameraMove.Truck t -> "tracking alongside";
            case CameraMove.Tilt t -> "revealing from " + (t.direction() == CameraMove.Vertical.UP ? "below" : "above");
            case CameraMove.Pedestal p -> "rising with the moment";
            case CameraMove.Orbit o -> feeling.isEmpty() ? "circling, the world turning around them"
                : "circling, " + feeling;
            case CameraMove.Handheld h -> feeling.isEmpty() ? "urgent and close" : "urgent, " + feeling;
            case CameraMove.DollyZoom d -> feeling.isEmpty() ? "the ground shifting under them"
                : "the ground shifting under them, " + feeling;
            case CameraMove.Static s -> feeling.isEmpty() ? "holding still and letting the moment play"
                : "holding still on the " + feeling;
        };
    }

    private static String light(Shot shot, Scene scene, double keyKelvin) {
        String setup = switch (shot.light().setup()) {
            case REMBRANDT -> "Rembrandt lighting, a triangle of light on the shadow cheek";
            case BUTTERFLY -> "butterfly lighting from above the lens";
            case SPLIT -> "split lighting, half the face in shadow";
            case LOOP -> "loop lighting";
            case RIM -> "strong rim light outlining the subject";
            case LOW_KEY -> "low-key lighting, deep shadows";
            case HIGH_KEY -> "high-key lighting, soft and even";
            case SILHOUETTE -> "silhouette against a bright background";
        };
        StringBuilder sb = new StringBuilder(setup);
        if (!shot.light().key().isBlank()) sb.append(", key light ").append(shot.light().key().strip());
        long k = Math.round(keyKelvin / 100.0) * 100;
        String colour = keyKelvin < 3600 ? "warm tungsten" : keyKelvin < 4800 ? "neutral warm" : keyKelvin < 6200
            ? "daylight" : "cool blue";
        sb.append(", ").append(colour).append(' ').append(k).append('K');
        String atmosphere = atmosphere(scene.weather());
        if (!atmosphere.isEmpty()) sb.append(", ").append(atmosphere);
        return sb.toString();
    }

    private static String atmosphere(Weather w) {
        return switch (w) {
            case CLEAR -> "";
            case OVERCAST -> "soft overcast light";
            case FOG -> "fog diffusing the light";
            case RAIN -> "rain, wet reflective surfaces";
            case SNOW -> "falling snow";
            case STORM -> "storm, wind-driven rain";
        };
    }

    private static String environment(Scene scene) {
        String place = scene.parsed().location().toLowerCase(Locale.ROOT);
        String time = switch (scene.parsed().timeOfDay()) {
            case DAWN -> "at dawn";
            case DAY -> "by day";
            case GOLDEN_HOUR -> "at golden hour";
            case DUSK -> "at dusk";
            case NIGHT -> "at night";
        };
        String weather = scene.weather() == Weather.CLEAR ? "" : ", " + scene.weather().code();
        return (scene.parsed().interior() ? "interior, " : "exterior, ") + place + " " + time + weather;
    }

    private static String style(Film film) {
        Look look = film.look();
        List<String> parts = new ArrayList<>();
        if (!look.stock().isBlank()) parts.add("shot on " + look.stock().strip());
        if (!look.style().isBlank()) parts.add(look.style().strip());
        if (!look.palette().isEmpty()) {
            List<String> names = new ArrayList<>();
            for (String hex : look.palette()) {
                String n = ColourNames.nearest(Integer.parseInt(hex.substring(1), 16));
                if (!names.contains(n)) names.add(n);
            }
            parts.add("palette of " + join(names));
        }
        if (look.grain() > 0) parts.add(look.grain() < 0.3 ? "fine film grain" : look.grain() < 0.6
            ? "visible film grain" : "heavy 16mm film grain");
        parts.add(film.format().fps() + " fps");
        parts.add(aspectWords(film.format().aspect()));
        parts.add("cinematic");
        return String.join(", ", parts);
    }

    static String aspectWords(double aspect) {
        if (Math.abs(aspect - 2.39) < 0.02 || Math.abs(aspect - 2.35) < 0.02) return "2.39:1 anamorphic widescreen";
        if (Math.abs(aspect - 1.85) < 0.02) return "1.85:1 widescreen";
        if (Math.abs(aspect - 16 / 9.0) < 0.02) return "16:9";
        if (Math.abs(aspect - 1) < 0.02) return "1:1 square";
        if (Math.abs(aspect - 9 / 16.0) < 0.02) return "9:16 vertical";
        return number(aspect) + ":1";
    }

    private static String negative(Look look) {
        Set<String> terms = new LinkedHashSet<>();
        for (String p : look.prohibitions()) if (!p.isBlank()) terms.add(p.strip().toLowerCase(Locale.ROOT));
        terms.addAll(DEFAULT_NEGATIVE);
        return String.join(", ", terms);
    }

    private static String join(List<String> words) {
        if (words.size() <= 1) return String.join("", words);
        return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.getLast();
    }

    private static final Set<String> LOWER_STARTS = Set.of("she", "he", "they", "the", "a", "an", "her", "his",
        "their", "it", "we", "you", "someone", "everyone", "morning", "night");

    /** "She reads" becomes "she reads" after "as"; a name ("Tomas runs") keeps its capital. */
    private static String lowerFirst(String s) {
        String first = s.split("[\\s,;]", 2)[0];
        if (!LOWER_STARTS.contains(first.toLowerCase(Locale.ROOT))) return s;
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.2f", d)
            .replaceAll("0+$", "");
    }

}
