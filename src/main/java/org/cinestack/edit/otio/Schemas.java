package org.cinestack.edit.otio;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenTimelineIO schemas this package models, with the versions it reads and writes, and the value each optional
 * field takes when a file leaves it out. The defaults are those of OTIO's own reader (the fields it reads "if
 * present", in {@code SerializableObjectWithMetadata}, {@code Item}, {@code MediaReference}, {@code Timeline} and
 * {@code Marker}), so an absent field and the field at its default mean the same timeline to OTIO and to us.
 */
final class Schemas {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What a schema string is, as far as this package knows. The first schema of a kind is the one new objects get. */
    enum Kind {
        TIMELINE(Family.OTHER, "Timeline.1"),
        STACK(Family.ITEM, "Stack.1"),
        TRACK(Family.ITEM, "Track.1", "Sequence.1"),
        CLIP(Family.ITEM, "Clip.2", "Clip.1"),
        GAP(Family.ITEM, "Gap.1", "Filler.1"),
        TRANSITION(Family.OTHER, "Transition.1"),
        EFFECT(Family.OTHER, "Effect.1"),
        LINEAR_TIME_WARP(Family.OTHER, "LinearTimeWarp.1"),
        FREEZE_FRAME(Family.OTHER, "FreezeFrame.1"),
        EXTERNAL_REFERENCE(Family.MEDIA_REFERENCE, "ExternalReference.1"),
        MISSING_REFERENCE(Family.MEDIA_REFERENCE, "MissingReference.1"),
        GENERATOR_REFERENCE(Family.MEDIA_REFERENCE, "GeneratorReference.1"),
        IMAGE_SEQUENCE_REFERENCE(Family.MEDIA_REFERENCE, "ImageSequenceReference.1"),
        // Marker.2 is what released OTIO (0.15 to 0.18) reads; Marker.3 (a Color.1 colour) comes from OTIO's main line
        MARKER(Family.OTHER, "Marker.2", "Marker.3", "Marker.1"),
        SERIALIZABLE_COLLECTION(Family.OTHER, "SerializableCollection.1", "SerializeableCollection.1");

        final Family family;
        final List<String> schemas;

        Kind(Family family, String... schemas) {
            this.family = family;
            this.schemas = List.of(schemas);
        }

        /**
         * @param schema a schema string, or null for this kind's newest
         * @return the schema to keep
         * @throws IllegalArgumentException when this kind has no such schema
         */
        String check(String schema) {
            if (schema == null) return schemas.getFirst();
            if (!schemas.contains(schema)) {
                throw new IllegalArgumentException("'" + schema + "' is not one of " + schemas);
            }
            return schema;
        }
    }

    /** Which of OTIO's base classes a schema derives from, which decides its optional fields. */
    enum Family { ITEM, MEDIA_REFERENCE, OTHER }

    private static final Map<String, Kind> BY_SCHEMA;

    static {
        Map<String, Kind> m = new LinkedHashMap<>();
        for (Kind k : Kind.values()) for (String s : k.schemas) m.put(s, k);
        BY_SCHEMA = Collections.unmodifiableMap(m);
    }

    /** Value schemas (OTIO reads them as plain values, not objects): they have neither name nor metadata. */
    static final String RATIONAL_TIME = "RationalTime.1", TIME_RANGE = "TimeRange.1", BOX2D = "Box2d.1",
        V2D = "V2d.1", COLOR = "Color.1";

    private static final Set<String> VALUES = Set.of(RATIONAL_TIME, TIME_RANGE, BOX2D, V2D, COLOR);

    private Schemas() {
    }

    /** @return the kind of a schema string such as {@code Clip.2}, or null when this package does not know it */
    static Kind kind(String schema) {
        return BY_SCHEMA.get(schema);
    }

    /** @return true for the value schemas (RationalTime.1, TimeRange.1, Box2d.1, V2d.1, Color.1) */
    static boolean isValue(String schema) {
        return VALUES.contains(schema);
    }

    /** @return the schema's name without its version: {@code Clip} for {@code Clip.2}; the whole text without a dot */
    static String name(String schema) {
        int dot = schema.lastIndexOf('.');
        return dot < 0 ? schema : schema.substring(0, dot);
    }

    /**
     * The value an optional field takes when it is absent, as OTIO's reader gives it:
     * <ul>
     * <li>every object of a known schema: {@code name} "", {@code metadata} {};</li>
     * <li>items (Clip, Gap, Stack, Track): {@code source_range} null, {@code effects} [], {@code markers} [],
     * {@code enabled} true;</li>
     * <li>media references: {@code available_range} null, {@code available_image_bounds} null;</li>
     * <li>Timeline: {@code global_start_time} null;</li>
     * <li>Marker: {@code comment} ""; Marker.1 and Marker.2: {@code color} "RED".</li>
     * </ul>
     *
     * @param schema the object's schema string
     * @param field  the field's key
     * @return a fresh node holding the default, or null when the field has none (it is required, or not part of the
     *     schema, or the schema is not one we know)
     */
    static JsonNode defaultOf(String schema, String field) {
        Kind kind = kind(schema);
        if (kind == null) return null;
        switch (field) {
            case "name":
                return NODES.stringNode("");
            case "metadata":
                return NODES.objectNode();
            default:
                break;
        }
        if (kind.family == Family.ITEM) {
            switch (field) {
                case "source_range":
                    return NODES.nullNode();
                case "effects", "markers":
                    return NODES.arrayNode();
                case "enabled":
                    return NODES.booleanNode(true);
                default:
                    return null;
            }
        }
        if (kind.family == Family.MEDIA_REFERENCE) {
            return field.equals("available_range") || field.equals("available_image_bounds") ? NODES.nullNode() : null;
        }
        if (kind == Kind.TIMELINE && field.equals("global_start_time")) return NODES.nullNode();
        if (kind == Kind.MARKER) {
            if (field.equals("comment")) return NODES.stringNode("");
            if (field.equals("color") && !schema.equals("Marker.3")) return NODES.stringNode("RED");
        }
        return null;
    }

    /** @return an empty metadata object */
    static ObjectNode emptyObject() {
        return NODES.objectNode();
    }
}
