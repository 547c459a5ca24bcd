package org.cinestack.edit.otio;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Empty time on a track (OTIO's Gap.1; {@code Filler.1} is its older name): black picture, silence.
 *
 * @param schema        {@code Gap.1} or {@code Filler.1}; null gives {@code Gap.1}
 * @param name          the gap's name, often empty
 * @param metadata      tools' own data
 * @param sourceRange   its length, as the range's duration (the start is usually zero)
 * @param effects       effects on the gap
 * @param markers       markers on the gap
 * @param enabled       false when switched off
 * @param dynamicFields fields this record does not type, kept
 */
public record Gap(String schema, String name, ObjectNode metadata, TimeRange sourceRange, List<Effect> effects,
                  List<Marker> markers, boolean enabled, Map<String, JsonNode> dynamicFields) implements Item {
    public Gap {
        schema = Schemas.Kind.GAP.check(schema);
        metadata = Copies.object(metadata);
        effects = Copies.list(effects);
        markers = Copies.list(markers);
        dynamicFields = Copies.map(dynamicFields);
    }
}
