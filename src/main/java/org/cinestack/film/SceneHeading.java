package org.cinestack.film;

import java.util.Locale;

/**
 * A parsed scene heading (slugline) such as {@code EXT. LIGHTHOUSE GALLERY - DUSK}.
 *
 * @param interior  true for INT., false for EXT. ({@code INT./EXT.} and {@code I/E} count as interior)
 * @param location  the place, for example {@code LIGHTHOUSE GALLERY}
 * @param timeOfDay the time of day; {@link TimeOfDay#DAY} when the heading names none
 */
public record SceneHeading(boolean interior, String location, TimeOfDay timeOfDay) {

    /**
     * Parses a heading. Recognised prefixes: INT, EXT, EST, INT./EXT, INT/EXT, I/E (with or without a period).
     * Recognised times (after the last " - "): DAWN, SUNRISE, MORNING, DAY, AFTERNOON, CONTINUOUS, LATER, GOLDEN HOUR,
     * SUNSET, EVENING, DUSK, TWILIGHT, NIGHT, MIDNIGHT.
     *
     * @return the heading, or null when it does not start with a recognised prefix
     */
    public static SceneHeading parse(String heading) {
        String h = heading.trim().toUpperCase(Locale.ROOT);
        String rest;
        boolean interior;
        String[][] prefixes = {{"INT./EXT.", "i"}, {"INT/EXT.", "i"}, {"INT./EXT", "i"}, {"INT/EXT", "i"}, {"I/E.", "i"},
            {"I/E", "i"}, {"INT.", "i"}, {"INT ", "i"}, {"EXT.", "e"}, {"EXT ", "e"}, {"EST.", "e"}, {"EST ", "e"}};
        for (String[] p : prefixes) {
            if (h.startsWith(p[0])) {
                interior = p[1].equals("i");
                rest = h.substring(p[0].length()).trim();
                TimeOfDay tod = TimeOfDay.DAY;
                int dash = rest.lastIndexOf(" - ");
                String location = rest;
                if (dash >= 0) {
                    TimeOfDay parsed = time(rest.substring(dash + 3).trim());
                    if (parsed != null) {
                        tod = parsed;
                        location = rest.substring(0, dash).trim();
                    }
                }
                return new SceneHeading(interior, location, tod);
            }
        }
        return null;
    }

    private static TimeOfDay time(String t) {
        return switch (t) {
            case "DAWN", "SUNRISE", "FIRST LIGHT" -> TimeOfDay.DAWN;
            case "DAY", "MORNING", "AFTERNOON", "CONTINUOUS", "LATER", "NOON", "MOMENTS LATER" -> TimeOfDay.DAY;
            case "GOLDEN HOUR", "SUNSET", "MAGIC HOUR", "EVENING" -> TimeOfDay.GOLDEN_HOUR;
            case "DUSK", "TWILIGHT", "BLUE HOUR" -> TimeOfDay.DUSK;
            case "NIGHT", "MIDNIGHT", "LATE NIGHT" -> TimeOfDay.NIGHT;
            default -> null;
        };
    }
}
