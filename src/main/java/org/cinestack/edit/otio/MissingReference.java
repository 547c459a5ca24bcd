package org.cinestack.edit.otio;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Media not known (OTIO's MissingReference.1): the clip names a range of time but not where its media is, as in an
 * edit read from an EDL without source files.
 *
 * @param schema               {@code MissingReference.1}; null gives that
 * @param name                 the reference's name, often null
 * @param metadata             tools' own data
 * @param availableRange       the media's time range, or null
 * @param availableImageBounds the media's picture area, or null
 * @param dynamicFields        fields this record does not type, kept
 */
public record MissingReference(String schema, String name, ObjectNode metadata, TimeRange availableRange,
                               Box2d availableImageBounds, Map<String, JsonNode> dynamicFields)
    implements MediaReference {
    public MissingReference {
        schema = Schemas.Kind.MISSING_REFERENCE.check(schema);
        metadata = Copies.object(metadata);
        dynamicFields = Copies.map(dynamicFields);
    }
}
