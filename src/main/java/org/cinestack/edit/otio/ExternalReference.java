package org.cinestack.edit.otio;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Media in a file or at a URL (OTIO's ExternalReference.1).
 *
 * @param schema               {@code ExternalReference.1}; null gives that
 * @param name                 the reference's name, often the file's
 * @param metadata             tools' own data
 * @param availableRange       the media's time range, or null
 * @param availableImageBounds the media's picture area, or null
 * @param targetUrl            a URL ({@code file:///...}, {@code https://...}) or a path, absolute or relative to the
 *                             .otio file's folder, as the writing tool put it
 * @param dynamicFields        fields this record does not type, kept
 */
public record ExternalReference(String schema, String name, ObjectNode metadata, TimeRange availableRange,
                                Box2d availableImageBounds, String targetUrl, Map<String, JsonNode> dynamicFields)
    implements MediaReference {
    public ExternalReference {
        schema = Schemas.Kind.EXTERNAL_REFERENCE.check(schema);
        metadata = Copies.object(metadata);
        dynamicFields = Copies.map(dynamicFields);
    }
}
