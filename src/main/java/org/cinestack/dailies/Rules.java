package org.cinestack.dailies;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules that turn a take's metrics into defects, each threshold with its reason. The same table is in the README.
 *
 * <table>
 *   <caption>Thresholds</caption>
 *   <tr><th>metric</th><th>minor</th><th>major</th><th>why</th></tr>
 *   <tr><td>camera move</td><td>-</td><td>a pan, tilt, truck or pedestal the wrong way or under {@value #MOVE_MIN}
 *       of the frame; a zoom or dolly the wrong way or under {@value #SCALE_MIN} of scale; a static shot that travels
 *       more than {@value #STATIC_DRIFT} or scales more than {@value #STATIC_SCALE} (cranes, orbits, dolly zooms and hand-held are not
 *       judged: where their picture goes depends on the depth of what they see)</td><td>a camera move is
 *       the shot's grammar: a pan-left that goes right says the opposite (generative models are known to reverse and
 *       ignore moves); 3 % of the frame over a take is what a locked-off camera on a tripod never does, and leaves
 *       room for what a change of light alone makes phase correlation see (measured: up to 2 % and 4 % of scale)
 *       </td></tr>
 *   <tr><td>frozen frames</td><td>a run under half a second, at the first or last frames, or any in a static
 *       shot</td><td>half a second or more inside a moving shot</td><td>a repeated frame in motion reads as a stall;
 *       a move eases in and out, and a static shot may hold still</td></tr>
 *   <tr><td>black frames</td><td>-</td><td>any</td><td>a dropout, never a choice inside one take</td></tr>
 *   <tr><td>luma flicker</td><td>over {@value #FLICKER_MINOR} code values</td><td>over {@value #FLICKER_MAJOR}
 *       </td><td>about 1 % of the range pumping frame to frame is visible on a flat area (Weber fraction about 1-2 %)
 *       </td></tr>
 *   <tr><td>sharpness fall</td><td>over {@value #SHARPNESS_MINOR} %</td><td>over {@value #SHARPNESS_MAJOR} %, in a
 *       static or hand-held shot</td><td>long generated shots lose detail as they go; half the Laplacian variance is a
 *       visibly softer picture; a moving camera may end on a softer subject (the sky), so there it is noted only</td>
 *       </tr>
 *   <tr><td>colour drift</td><td>over {@value #DRIFT_MINOR} ΔE00</td><td>over {@value #DRIFT_MAJOR} ΔE00, in a
 *       static or hand-held shot</td><td>about 2.3 ΔE is a just noticeable difference (Sharma 2003); twice that within
 *       one steady take is a change of grade; a moving camera sees other things by its end, so its mean colour may
 *       change: noted only</td></tr>
 *   <tr><td>clipped highlights</td><td>over {@value #CLIPPED_MINOR} % of pixels</td><td>-</td><td>exposure is the
 *       DP's choice: noted, never rejected</td></tr>
 *   <tr><td>crushed shadows</td><td>over {@value #CRUSHED_MINOR} % of pixels</td><td>-</td><td>night shots are
 *       dark on purpose: noted, never rejected</td></tr>
 *   <tr><td>the take's own sound</td><td>a true peak over -1 dBTP ({@link TakeSound#defects})</td><td>-</td><td>EBU
 *       R 128's ceiling; the film's mix replaces the take's sound, so never a reason to reject the picture</td></tr>
 * </table>
 *
 * <p>A take's score ({@link #score}) ranks the takes of one shot: 100, less {@value #MAJOR_COST} a major defect and
 * {@value #MINOR_COST} a minor one, never under 0. Two takes with the same score are ranked by their mean sharpness
 * (the sharper first), then by number. The best is circled (A), the next best is B.
 */
public final class Rules {
    /** The least travel a move must show over a take, fractions of the frame (or of scale for zoom and dolly). */
    static final double MOVE_MIN = 0.02;
    /**
     * The least scale change a zoom or dolly must show over a take: a dolly's subject grows more than the background
     * the whole picture's fit also sees (the example's 4 s dolly-in on a medium close-up: 1.4 %).
     */
    static final double SCALE_MIN = 0.01;
    /** The most a static shot may travel over a take, fractions of the frame. */
    static final double STATIC_DRIFT = 0.03;
    /** The most a static shot may change scale over a take. */
    static final double STATIC_SCALE = 0.05;
    static final double FLICKER_MINOR = 1.5, FLICKER_MAJOR = 3;
    static final double SHARPNESS_MINOR = 35, SHARPNESS_MAJOR = 60;
    static final double DRIFT_MINOR = 3, DRIFT_MAJOR = 6;
    static final double CLIPPED_MINOR = 10, CRUSHED_MINOR = 40;

    /** What a major defect costs a take's score: more than any number of minor defects a take shows in practice. */
    static final int MAJOR_COST = 40;
    /** What a minor defect costs a take's score. */
    static final int MINOR_COST = 10;

    private Rules() {
    }

    /** The height of the face box OpenCV's cascades draw over the head's height, chin to crown (measured on
     * Megamind.avi frame 205: a box of 273 lines on a head of about 420). */
    static final double FACE_BOX_OF_HEAD = 0.65;
    /** How far the face's size may be from its shot size's before it is noted, and before the take is rejected. */
    static final double FILL_MINOR = 1.6, FILL_MAJOR = 2.5;
    /** The face's centre past this fraction of the width toward the other side is on the wrong side. */
    static final double SIDE = 0.55;

    /**
     * The framing against the shot size and the side of the picture asked for, judged from the faces of the stills:
     * only where a face was seen in at least two of the three (one detection may be a pattern in the set), from their
     * median size and position. A face whose height is over {@value #FILL_MAJOR} times, or under 1/{@value
     * #FILL_MAJOR} of, what its size asks for (the head fill of {@code plan.Framing} times {@value #FACE_BOX_OF_HEAD})
     * frames like another size two steps away: major; over {@value #FILL_MINOR} times: minor (a neighbouring size).
     * A subject asked on the left whose face is centred right of {@value #SIDE} of the width (or the mirror) stands on
     * the wrong side: major. Extreme close-ups (the head larger than the picture) are not judged.
     *
     * @param sightings the stills' faces
     * @param e         what the shot asked for
     * @return the framing's defects
     */
    public static List<Defect> framing(List<Sighting> sightings, Expected e) {
        List<Defect> out = new ArrayList<>();
        List<Sighting> seen = sightings.stream().filter(s -> s.face().isPresent()).toList();
        if (e.headFill() <= 0 || e.headFill() > 0.9 || seen.size() < 2) return out;
        double[] fill = seen.stream().mapToDouble(s -> (double) s.face().get()[3] / s.height()).sorted().toArray();
        double[] centre = seen.stream().mapToDouble(s -> (s.face().get()[0] + s.face().get()[2] / 2.0) / s.width())
            .sorted().toArray();
        double f = median(fill), c = median(centre);
        double asked = e.headFill() * FACE_BOX_OF_HEAD, ratio = f / asked;
        double off = Math.max(ratio, 1 / ratio);
        if (off > FILL_MINOR) {
            String like = "";
            double best = Double.POSITIVE_INFINITY;
            for (org.cinestack.film.ShotSize size : org.cinestack.film.ShotSize.values()) {
                double d = Math.abs(Math.log(org.cinestack.plan.Framing.headFill(size) * FACE_BOX_OF_HEAD / f));
                if (d < best) {
                    best = d;
                    like = size.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
                }
            }
            out.add(new Defect("framing", off > FILL_MAJOR ? Defect.Severity.MAJOR : Defect.Severity.MINOR,
                String.format(Locale.ROOT, "it frames like a %s: the face fills %.0f %% of the height where the "
                    + "shot's size asks for about %.0f %%", like, 100 * f, 100 * asked)));
        }
        boolean wrong = e.screen().equals("left") && c > SIDE || e.screen().equals("right") && c < 1 - SIDE;
        if (wrong) {
            out.add(new Defect("screen", Defect.Severity.MAJOR, String.format(Locale.ROOT, "the subject stands on "
                + "the %s (the face is centred at %.0f %% of the width); the shot asked for %s", c > 0.5 ? "right"
                : "left", 100 * c, e.screen())));
        } else if (e.screen().equals("center") && Math.abs(c - 0.5) > 0.25) {
            out.add(new Defect("screen", Defect.Severity.MINOR, String.format(Locale.ROOT, "the subject is off "
                + "centre (the face is centred at %.0f %% of the width)", 100 * c)));
        }
        return out;
    }

    /** @return the median of sorted values (the mean of the middle two of an even count) */
    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * @param defects a take's defects
     * @return its score, 0..100: 100 less {@value #MAJOR_COST} per major and {@value #MINOR_COST} per minor defect
     */
    public static int score(List<Defect> defects) {
        int s = 100;
        for (Defect d : defects) s -= d.severity() == Defect.Severity.MAJOR ? MAJOR_COST : MINOR_COST;
        return Math.max(0, s);
    }

    /**
     * @param m    a take's metrics
     * @param move the move its shot asked for (film.yaml's code: {@code static}, {@code pan-left}, {@code zoom-in}
     *             ...), or empty when not known
     * @return every defect found, major first
     */
    public static List<Defect> judge(TakeMetrics m, String move) {
        List<Defect> out = new ArrayList<>();
        camera(m, move, out);
        int half = (int) Math.max(1, Math.round(m.fps() / 2));
        boolean still = move.isEmpty() || move.equals("static");
        // what the picture shows changes in a moving shot: its colour and sharpness may too, without a defect
        boolean steady = still || move.equals("handheld");
        for (int[] run : m.frozenRuns()) {
            int n = run[1] - run[0] + 1;
            // a move eases in and out: a hold at the first or last frames is the move starting or ending
            boolean inside = run[0] > 1 && run[1] < m.frames() - 1;
            out.add(new Defect("frozen", n >= half && !still && inside ? Defect.Severity.MAJOR
                : Defect.Severity.MINOR, String.format(Locale.ROOT, "frames %d-%d repeat the frame before (%.2f s)",
                run[0], run[1], n / m.fps())));
        }
        for (TakeMetrics.Cut c : m.cuts()) {
            out.add(new Defect("cut", Defect.Severity.MINOR, String.format(Locale.ROOT, "the picture cuts at frame %d "
                + "(%.2f s), as at an edit", c.frame(), c.frame() / m.fps())));
        }
        for (int[] run : m.blackRuns()) {
            out.add(new Defect("black", Defect.Severity.MAJOR, "frames " + run[0] + "-" + run[1] + " are black"));
        }
        grade(out, "flicker", m.lumaFlicker(), FLICKER_MINOR, FLICKER_MAJOR, "the brightness pumps from frame to "
            + "frame by %.1f code values (median second difference)");
        grade(out, "sharpness", m.sharpnessFallPercent(), SHARPNESS_MINOR, steady ? SHARPNESS_MAJOR
            : Double.POSITIVE_INFINITY, "the last second is %.0f %% less sharp than the first");
        grade(out, "colour", m.colourDriftDeltaE(), DRIFT_MINOR, steady ? DRIFT_MAJOR : Double.POSITIVE_INFINITY,
            "the colour drifts by %.1f ΔE00 from the first second to the last");
        grade(out, "clipping", m.clippedPercent(), CLIPPED_MINOR, Double.POSITIVE_INFINITY, "%.0f %% of the pixels "
            + "are clipped white");
        grade(out, "crushing", m.crushedPercent(), CRUSHED_MINOR, Double.POSITIVE_INFINITY, "%.0f %% of the pixels "
            + "are crushed black");
        out.sort(java.util.Comparator.comparing(Defect::severity));
        return out;
    }

    private static void grade(List<Defect> out, String metric, double value, double minor, double major,
                              String words) {
        if (value > major) out.add(new Defect(metric, Defect.Severity.MAJOR, String.format(Locale.ROOT, words, value)));
        else if (value > minor) out.add(new Defect(metric, Defect.Severity.MINOR, String.format(Locale.ROOT, words,
            value)));
    }

    /** The camera against the move: the direction the picture travels, or grows, and how far. */
    private static void camera(TakeMetrics m, String move, List<Defect> out) {
        double x = m.motionX(), y = m.motionY(), s = m.scaleChange() - 1;
        String travel = String.format(Locale.ROOT, "the picture travels %+.1f %% across and %+.1f %% down, and "
            + "scales by %+.1f %%", 100 * x, 100 * y, 100 * s);
        switch (move) {
            case "" -> { }
            case "static" -> {
                if (Math.abs(x) > STATIC_DRIFT || Math.abs(y) > STATIC_DRIFT || Math.abs(s) > STATIC_SCALE) {
                    out.add(new Defect("camera", Defect.Severity.MAJOR, "the static shot drifts: " + travel));
                }
            }
            // the camera turns or travels left: the picture moves right
            case "pan-left", "truck-left" -> direction(out, move, x, +1, "right", travel, MOVE_MIN);
            case "pan-right", "truck-right" -> direction(out, move, x, -1, "left", travel, MOVE_MIN);
            // the camera turns or rises up: the picture moves down
            case "tilt-up", "pedestal-up" -> direction(out, move, y, +1, "down", travel, MOVE_MIN);
            case "tilt-down", "pedestal-down" -> direction(out, move, y, -1, "up", travel, MOVE_MIN);
            case "zoom-in", "dolly-in" -> direction(out, move, s, +1, "larger", travel, SCALE_MIN);
            case "zoom-out", "dolly-out" -> direction(out, move, s, -1, "smaller", travel, SCALE_MIN);
            // a crane tilts against its rise and an orbit pans against its travel: which way the picture goes
            // depends on the depth of what it sees; a dolly zoom keeps its subject's size; hand-held has no direction
            default -> { }
        }
    }

    private static void direction(List<Defect> out, String move, double value, int sign, String expected,
                                  String travel, double least) {
        if (value * sign < -least) {
            out.add(new Defect("camera", Defect.Severity.MAJOR, "the move goes the wrong way: " + move + " should "
                + "move the picture " + expected + "; " + travel));
        } else if (value * sign < least) {
            out.add(new Defect("camera", Defect.Severity.MAJOR, "the " + move + " hardly moves: " + travel));
        }
    }
}
