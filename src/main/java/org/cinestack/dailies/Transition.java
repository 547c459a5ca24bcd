package org.cinestack.dailies;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One cut judged by its five elements: the outgoing take's last second against the incoming take's first second in
 * gaze, light direction, grain, contrast and speed of motion. A cut where three or more change is flagged: it reads
 * as a jump rather than a continuation (the continuity method Cinestack follows; a cut between scenes is expected to
 * change, and says so).
 *
 * <table>
 *   <caption>When an element has changed</caption>
 *   <tr><th>element</th><th>changed when</th><th>why</th></tr>
 *   <tr><td>gaze</td><td>the faces look to different sides (left, front, right), both seen</td><td>an eyeline that
 *       flips across a cut breaks the line of action</td></tr>
 *   <tr><td>light</td><td>the light's side across the picture flips ({@link TakeMetrics.Look#lightX} changes sign,
 *       each at least {@value #LIGHT_SIDE}) or moves by more than {@value #LIGHT_MOVE}</td><td>the key light stays on
 *       one side within a scene</td></tr>
 *   <tr><td>grain</td><td>one side's noise over {@value #GRAIN_RATIO} times the other's and at least
 *       {@value #GRAIN_LEAST} code values apart</td><td>one stock, one grain: half as much again is a visibly other
 *       texture</td></tr>
 *   <tr><td>contrast</td><td>RMS contrast over {@value #CONTRAST_RATIO} times the other's</td><td>a third more
 *       contrast is a change of grade or exposure</td></tr>
 *   <tr><td>speed</td><td>one side's motion over {@value #SPEED_RATIO} times the other's and over
 *       {@value #SPEED_LEAST} code values a frame</td><td>cutting from stillness to fast motion (or back) is felt,
 *       smaller changes are not</td></tr>
 * </table>
 *
 * <p>Beside them, the cut's colour continuity (as {@code cinestack match} measures it on the master): CIEDE2000
 * between the mean CIELAB colour of the two seconds; over {@value #COLOUR_JUMP} within a scene the cut needs grading
 * to match.
 *
 * @param from         the outgoing shot's id
 * @param to           the incoming shot's id
 * @param changes      each of the five elements, in the order above
 * @param sceneChange  true when the cut goes to another scene, where change is expected (never flagged)
 * @param colourDeltaE CIEDE2000 between the mean colours of the outgoing take's last second and the incoming take's
 *                     first (Sharma, Wu and Dalal, "The CIEDE2000 color-difference formula", 2005)
 */
public record Transition(String from, String to, List<Change> changes, boolean sceneChange, double colourDeltaE) {
    static final double LIGHT_SIDE = 0.03, LIGHT_MOVE = 0.12;
    static final double GRAIN_RATIO = 1.5, GRAIN_LEAST = 0.5;
    static final double CONTRAST_RATIO = 1.35;
    static final double SPEED_RATIO = 2.5, SPEED_LEAST = 1.0;
    /** Elements changed for a cut to be flagged. */
    public static final int FLAGGED_AT = 3;
    /**
     * The colour difference across a cut within a scene that needs grading to match, ΔE00: about twice the just
     * noticeable difference of 2.3 (Sharma 2003), and {@code cinestack match}'s default threshold.
     */
    public static final double COLOUR_JUMP = 5;

    /**
     * One element across the cut.
     *
     * @param element {@code gaze}, {@code light}, {@code grain}, {@code contrast} or {@code speed}
     * @param changed true when it changed, as the table above says
     * @param words   the two sides in words: "grain 1.2 -> 2.9 code values"
     */
    public record Change(String element, boolean changed, String words) {
    }

    /** Where a face looks, seen from the camera. */
    public enum Gaze {
        /** Toward the left of the picture. */
        LEFT,
        /** At the camera, or near it. */
        FRONT,
        /** Toward the right of the picture. */
        RIGHT,
        /** No face seen. */
        UNSEEN;

        /** @return the word in reports */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** @return true when a face was seen either side of the cut, so their gaze was compared */
    public boolean gazeSeen() {
        return !changes.isEmpty() && !changes.getFirst().words().contains(Gaze.UNSEEN.word());
    }

    /** @return how many elements changed */
    public int changed() {
        return (int) changes.stream().filter(Change::changed).count();
    }

    /** @return true when {@value #FLAGGED_AT} or more elements changed within a scene */
    public boolean flagged() {
        return !sceneChange && changed() >= FLAGGED_AT;
    }

    /** @return true when the colour jumps across the cut within a scene (over {@value #COLOUR_JUMP} ΔE00) */
    public boolean colourJumps() {
        return !sceneChange && colourDeltaE > COLOUR_JUMP;
    }

    /**
     * @return what changed, in words: "light, grain and speed changed" or "nothing changed", then the colour where it
     *         jumps
     */
    public String words() {
        List<String> c = changes.stream().filter(Change::changed).map(Change::element).toList();
        String colour = colourJumps() ? String.format(Locale.ROOT, "; the colour jumps (%.1f ΔE00 over %.0f): grade "
            + "to match", colourDeltaE, COLOUR_JUMP) : "";
        if (c.isEmpty()) return "nothing changed" + colour;
        String list = c.size() == 1 ? c.getFirst() : String.join(", ", c.subList(0, c.size() - 1)) + " and "
            + c.getLast();
        return list + " changed" + (flagged() ? ": the cut jumps" : "") + colour;
    }

    /**
     * Judges a cut.
     *
     * @param from        the outgoing shot
     * @param to          the incoming shot
     * @param out         the outgoing take's last second ({@link TakeMetrics#closing})
     * @param in          the incoming take's first second ({@link TakeMetrics#opening})
     * @param gazeOut     where the outgoing take's face looks at its end
     * @param gazeIn      where the incoming take's face looks at its start
     * @param sceneChange true when the cut goes to another scene
     * @return the cut's verdict
     */
    public static Transition judge(String from, String to, TakeMetrics.Look out, TakeMetrics.Look in, Gaze gazeOut,
                                   Gaze gazeIn, boolean sceneChange) {
        List<Change> c = new ArrayList<>();
        boolean seen = gazeOut != Gaze.UNSEEN && gazeIn != Gaze.UNSEEN;
        c.add(new Change("gaze", seen && gazeOut != gazeIn, "gaze " + gazeOut.word() + " -> " + gazeIn.word()));
        boolean flips = Math.signum(out.lightX()) != Math.signum(in.lightX()) && Math.abs(out.lightX()) >= LIGHT_SIDE
            && Math.abs(in.lightX()) >= LIGHT_SIDE;
        c.add(new Change("light", flips || Math.abs(out.lightX() - in.lightX()) > LIGHT_MOVE, String.format(
            Locale.ROOT, "light from the %s -> from the %s (%+.2f -> %+.2f)", side(out.lightX()), side(in.lightX()),
            out.lightX(), in.lightX())));
        c.add(new Change("grain", ratio(out.grain(), in.grain()) > GRAIN_RATIO
            && Math.abs(out.grain() - in.grain()) >= GRAIN_LEAST, String.format(Locale.ROOT,
            "grain %.1f -> %.1f code values", out.grain(), in.grain())));
        c.add(new Change("contrast", ratio(out.contrast(), in.contrast()) > CONTRAST_RATIO, String.format(
            Locale.ROOT, "RMS contrast %.2f -> %.2f", out.contrast(), in.contrast())));
        c.add(new Change("speed", ratio(out.speed(), in.speed()) > SPEED_RATIO
            && Math.max(out.speed(), in.speed()) > SPEED_LEAST, String.format(Locale.ROOT,
            "motion %.1f -> %.1f code values a frame", out.speed(), in.speed())));
        double colour = org.cinestack.finish.ColourDifference.ciede2000(out.labL(), out.labA(), out.labB(), in.labL(),
            in.labA(), in.labB());
        return new Transition(from, to, List.copyOf(c), sceneChange, colour);
    }

    private static String side(double lightX) {
        return Math.abs(lightX) < LIGHT_SIDE ? "centre" : lightX < 0 ? "left" : "right";
    }

    private static double ratio(double a, double b) {
        double lo = Math.min(Math.abs(a), Math.abs(b)), hi = Math.max(Math.abs(a), Math.abs(b));
        return hi == 0 ? 1 : lo == 0 ? Double.POSITIVE_INFINITY : hi / lo;
    }
}
