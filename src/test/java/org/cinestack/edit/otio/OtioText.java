package org.cinestack.edit.otio;

import java.util.Locale;

/** Small OTIO JSON documents for tests, written out by hand as a tool would. */
final class OtioText {
    private OtioText() {
    }

    static String time(double value, double rate) {
        return String.format(Locale.ROOT, "{\"OTIO_SCHEMA\": \"RationalTime.1\", \"rate\": %s, \"value\": %s}",
            number(rate), number(value));
    }

    static String range(double start, double duration, double rate) {
        return "{\"OTIO_SCHEMA\": \"TimeRange.1\", \"start_time\": " + time(start, rate) + ", \"duration\": "
            + time(duration, rate) + "}";
    }

    /** @return a Clip.2 with one media reference (its JSON) under DEFAULT_MEDIA */
    static String clip(String name, double start, double duration, double rate, String reference) {
        return "{\"OTIO_SCHEMA\": \"Clip.2\", \"name\": \"" + name + "\", \"source_range\": "
            + range(start, duration, rate) + ",\n \"media_references\": {\"DEFAULT_MEDIA\": " + reference + "},"
            + " \"active_media_reference_key\": \"DEFAULT_MEDIA\"}";
    }

    static String external(String url) {
        return "{\"OTIO_SCHEMA\": \"ExternalReference.1\", \"target_url\": \"" + url + "\"}";
    }

    /** @return a Timeline.1 "T" with one video track "V1" holding the children (JSON, comma-separated) */
    static String timeline(String children) {
        return "{\"OTIO_SCHEMA\": \"Timeline.1\", \"name\": \"T\",\n"
            + " \"tracks\": {\"OTIO_SCHEMA\": \"Stack.1\", \"children\": [\n"
            + "  {\"OTIO_SCHEMA\": \"Track.1\", \"name\": \"V1\", \"kind\": \"Video\", \"children\": [\n"
            + children + "\n]}]}}";
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
