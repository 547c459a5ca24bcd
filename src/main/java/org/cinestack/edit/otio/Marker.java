package org.cinestack.edit.otio;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A note on a range of an item's time (OTIO's Marker: Marker.2 in released OTIO, Marker.3 with an RGBA colour in its
 * main line, Marker.1 with the range under {@code range}).
 *
 * @param schema        {@code Marker.1}, {@code Marker.2} or {@code Marker.3}; null gives {@code Marker.2}, which
 *                      every OTIO release reads. Before Marker.3 only the colour's name is written
 * @param name          the marker's text, for example {@code ANIM FIX NEEDED}
 * @param metadata      tools' own data
 * @param markedRange   the range marked, in the time of the item holding the marker (a clip's media time); a zero
 *                      duration marks one instant
 * @param color         the marker's colour; null for none (Marker.3 only)
 * @param comment       a longer note; empty for none
 * @param dynamicFields fields this record does not type, kept
 */
public record Marker(String schema, String name, ObjectNode metadata, TimeRange markedRange, Color color,
                     String comment, Map<String, JsonNode> dynamicFields) implements OtioObject {
    public Marker {
        schema = Schemas.Kind.MARKER.check(schema);
        metadata = Copies.object(metadata);
        dynamicFields = Copies.map(dynamicFields);
    }
}
