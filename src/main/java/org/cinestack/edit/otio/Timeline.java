package org.cinestack.edit.otio;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An edit (OTIO's Timeline.1): a stack of tracks and where its time starts.
 *
 * @param schema          {@code Timeline.1}; null gives that
 * @param name            the edit's name
 * @param metadata        tools' own data
 * @param globalStartTime the record time of the timeline's first frame (for example 01:00:00:00 as 86400 at 24 fps),
 *                        or null
 * @param tracks          the tracks, in a stack (bottom first)
 * @param dynamicFields   fields of the file this record does not type, kept and written back
 */
public record Timeline(String schema, String name, ObjectNode metadata, RationalTime globalStartTime, Stack tracks,
                       Map<String, JsonNode> dynamicFields) implements OtioObject {
    public Timeline {
        schema = Schemas.Kind.TIMELINE.check(schema);
        metadata = Copies.object(metadata);
        dynamicFields = Copies.map(dynamicFields);
    }
}
