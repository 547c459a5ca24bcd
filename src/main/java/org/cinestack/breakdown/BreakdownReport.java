package org.cinestack.breakdown;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.cinestack.film.Film;
import org.cinestack.film.Scene;
import org.cinestack.film.Shot;

/** The breakdown as a first AD reads it: scenes, speaking cast with line counts, pages and running time. */
public final class BreakdownReport {
    private BreakdownReport() {
    }

    /** @return the planned film's running time, s: the sum of its shots */
    public static double filmSeconds(Film f) {
        return f.scenes().stream().flatMap(s -> s.shots().stream()).mapToDouble(Shot::durationSeconds).sum();
    }

    /**
     * @param b the breakdown
     * @param f the film planned from it
     * @return the report, several lines of plain text
     */
    public static String text(Breakdown b, Film f) {
        StringBuilder sb = new StringBuilder();
        sb.append(b.title()).append("  (").append(b.file()).append(")\n\n");
        sb.append(String.format(Locale.ROOT, "%-4s %-46s %-5s %-10s %5s %6s%n", "#", "scene", "place", "time",
            "shots", "secs"));
        Map<String, Scene> byId = new LinkedHashMap<>();
        for (Scene s : f.scenes()) byId.put(s.id(), s);
        for (SceneBreakdown s : b.scenes()) {
            Scene planned = byId.get("sc" + s.number());
            int shots = planned == null ? 0 : planned.shots().size();
            double secs = planned == null ? 0 : planned.shots().stream().mapToDouble(Shot::durationSeconds).sum();
            String heading = s.heading().isEmpty() ? "(before the first heading)" : s.heading();
            if (heading.length() > 46) heading = heading.substring(0, 43) + "...";
            String kind = s.pov() ? "POV" : s.titles() ? "TITLE" : s.place().interior() ? "INT" : "EXT";
            sb.append(String.format(Locale.ROOT, "%-4d %-46s %-5s %-10s %5d %6.1f%n", s.number(), heading, kind,
                s.place().timeOfDay().name().toLowerCase(Locale.ROOT).replace('_', ' '), shots, secs));
        }
        sb.append(String.format(Locale.ROOT, "%nspeaking cast (%d)%n", b.cast().size()));
        sb.append(String.format(Locale.ROOT, "  %-22s %-22s %6s %6s %6s%n", "name", "id", "lines", "words", "from"));
        for (Role r : b.cast()) {
            sb.append(String.format(Locale.ROOT, "  %-22s %-22s %6d %6d %6s%n", r.name(), r.id(), r.lines(), r.words(),
                "sc" + r.firstScene()));
        }
        double est = b.estimatedSeconds(), planned = filmSeconds(f);
        sb.append(String.format(Locale.ROOT, "%nscenes: %d%npages: %.1f (%.0f lines a page)%n", b.scenes().size(),
            b.pages(), Breakdown.LINES_PER_PAGE));
        sb.append(String.format(Locale.ROOT, "estimated running time: %s (speech at %.0f words a minute, action at "
            + "about a minute a page)%n", clock(est), Breakdown.WORDS_PER_MINUTE));
        sb.append(String.format(Locale.ROOT, "planned film: %d shots, %s (coverage adds establishing shots, "
            + "reactions and %.0f-%.0f s shots)%n", f.shotCount(), clock(planned), CoveragePlanner.MIN_SECONDS,
            CoveragePlanner.MAX_SECONDS));
        return sb.toString();
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
