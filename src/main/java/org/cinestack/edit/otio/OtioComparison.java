package org.cinestack.edit.otio;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Semantic equality of two OpenTimelineIO JSON documents: they are equal when OTIO would read them into the same
 * timeline. The trees are compared exactly, except for what OTIO itself does not tell apart:
 * <ol>
 * <li>Key order in objects does not matter (JSON objects are unordered; OTIO reads them into maps).</li>
 * <li>Numbers are compared by value: {@code 24}, {@code 24.0} and {@code 2.4e1} are equal, and so are two
 * {@code NaN}s ({@code Inf} and {@code Infinity} are one value). OTIO holds times as doubles and reads integers where
 * it wants doubles; a number's value is never changed, only its spelling.</li>
 * <li>In an object of a schema OTIO knows, a field left out equals the field at the default OTIO's reader gives it
 * when absent (see {@link Schemas#defaultOf}): {@code enabled} true, {@code effects} and {@code markers} [],
 * {@code metadata} {}, {@code name} "", {@code source_range}, {@code available_range},
 * {@code available_image_bounds} and {@code global_start_time} null, a marker's {@code comment} "", a Marker.2's
 * {@code color} "RED". A field present on both sides is always compared, defaults or not.</li>
 * </ol>
 * Nothing else is forgiven: a null is not an empty string, an empty list is not an absent required field, schema
 * versions and aliases (Clip.1 and Clip.2, Sequence.1 and Track.1) differ, array order matters, and metadata, where
 * tools keep their own data, is compared as written (a schema object inside it follows the same rules, as OTIO reads
 * one there too).
 */
public final class OtioComparison {
    private OtioComparison() {
    }

    /**
     * @param expected one document's JSON tree
     * @param actual   the other's
     * @return true when they are semantically equal
     */
    public static boolean equal(JsonNode expected, JsonNode actual) {
        return difference(expected, actual).isEmpty();
    }

    /**
     * @param expected one document's text, in OTIO's JSON (bare {@code NaN} and {@code Inf} allowed)
     * @param actual   the other's
     * @return the first difference, or empty when they are semantically equal
     * @throws OtioFormatException when either is not JSON
     */
    public static Optional<String> difference(String expected, String actual) throws OtioFormatException {
        return difference(OtioJson.parse(OtioJson.source(expected, "expected")),
            OtioJson.parse(OtioJson.source(actual, "actual")));
    }

    /**
     * @param expected one document's JSON tree
     * @param actual   the other's
     * @return the first difference as {@code /json/pointer: what differs}, or empty when they are semantically equal
     */
    public static Optional<String> difference(JsonNode expected, JsonNode actual) {
        return Optional.ofNullable(diff(expected, actual, ""));
    }

    private static String diff(JsonNode a, JsonNode b, String path) {
        if (a.isNumber() && b.isNumber()) {
            return sameNumber(a, b) ? null : path + ": " + a + " vs " + b;
        }
        if (a.isObject() && b.isObject()) {
            JsonNode schemaA = a.get("OTIO_SCHEMA"), schemaB = b.get("OTIO_SCHEMA");
            String schema = schemaA != null && schemaA.isString() && schemaA.equals(schemaB) ? schemaA.asString()
                : null;
            Set<String> keys = new LinkedHashSet<>(a.propertyNames());
            keys.addAll(b.propertyNames());
            for (String key : keys) {
                String at = path + "/" + key.replace("~", "~0").replace("/", "~1");
                JsonNode va = field(a, key, schema), vb = field(b, key, schema);
                if (va == null || vb == null) {
                    return at + ": only in the " + (va == null ? "second" : "first") + " document";
                }
                String d = diff(va, vb, at);
                if (d != null) return d;
            }
            return null;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) return path + ": " + a.size() + " elements vs " + b.size();
            for (int i = 0; i < a.size(); i++) {
                String d = diff(a.get(i), b.get(i), path + "/" + i);
                if (d != null) return d;
            }
            return null;
        }
        return a.equals(b) ? null : path + ": " + brief(a) + " vs " + brief(b);
    }

    private static JsonNode field(JsonNode o, String key, String schema) {
        JsonNode v = o.get(key);
        return v != null || schema == null ? v : Schemas.defaultOf(schema, key);
    }

    private static boolean sameNumber(JsonNode a, JsonNode b) {
        if (a.isDouble() || a.isFloat() || b.isDouble() || b.isFloat()) {
            double x = a.doubleValue(), y = b.doubleValue();
            if (!Double.isFinite(x) || !Double.isFinite(y)) return Double.compare(x, y) == 0;
        }
        return decimal(a).compareTo(decimal(b)) == 0;
    }

    private static BigDecimal decimal(JsonNode n) {
        return n.isIntegralNumber() ? new BigDecimal(n.bigIntegerValue()) : n.isBigDecimal() ? n.decimalValue()
            : new BigDecimal(Double.toString(n.doubleValue()));
    }

    private static String brief(JsonNode n) {
        String s = n.isObject() ? "an object" : n.isArray() ? "a list" : n.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
