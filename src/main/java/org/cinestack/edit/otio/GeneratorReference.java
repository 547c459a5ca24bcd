package org.cinestack.edit.otio;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Media a tool makes rather than reads (OTIO's GeneratorReference.1): colour bars, a slug, a solid colour.
 *
 * @param schema               {@code GeneratorReference.1}; null gives that
 * @param name                 the reference's name
 * @param metadata             tools' own data
 * @param availableRange       the generated media's time range, or null
 * @param availableImageBounds its picture area, or null
 * @param generatorKind        what is generated, for example {@code SMPTEBars} or {@code Slug}
 * @param parameters           the generator's settings, any JSON
 * @param dynamicFields        fields this record does not type, kept
 */
public record GeneratorReference(String schema, String name, ObjectNode metadata, TimeRange availableRange,
                                 Box2d availableImageBounds, String generatorKind, ObjectNode parameters,
                                 Map<String, JsonNode> dynamicFields) implements MediaReference {
    public GeneratorReference {
        schema = Schemas.Kind.GENERATOR_REFERENCE.check(schema);
        metadata = Copies.object(metadata);
        parameters = Copies.object(parameters);
        dynamicFields = Copies.map(dynamicFields);
    }
}
