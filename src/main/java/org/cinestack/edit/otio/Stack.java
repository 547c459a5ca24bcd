package org.cinestack.edit.otio;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Layers played at once (OTIO's Stack.1): a timeline's tracks, or a nested stack (a compound clip) inside a track.
 * Each child starts at the stack's time zero; where children overlap, the last (top) visible one is seen.
 *
 * @param schema        {@code Stack.1}; null gives that
 * @param name          the stack's name
 * @param metadata      tools' own data
 * @param sourceRange   the part of the stack used, or null for all of it
 * @param effects       effects on the stack
 * @param markers       markers, in the stack's time
 * @param enabled       false when switched off
 * @param children      the layers, bottom first
 * @param dynamicFields fields this record does not type, kept
 */
public record Stack(String schema, String name, ObjectNode metadata, TimeRange sourceRange, List<Effect> effects,
                    List<Marker> markers, boolean enabled, List<Composable> children,
                    Map<String, JsonNode> dynamicFields) implements Composition {
    public Stack {
        schema = Schemas.Kind.STACK.check(schema);
        metadata = Copies.object(metadata);
        effects = Copies.list(effects);
        markers = Copies.list(markers);
        children = Copies.list(children);
        dynamicFields = Copies.map(dynamicFields);
    }
}
