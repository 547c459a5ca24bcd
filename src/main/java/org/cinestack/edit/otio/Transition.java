package org.cinestack.edit.otio;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A transition between the items on each side of it on a track (OTIO's Transition.1), such as a dissolve. It takes
 * no time of its own: it overlaps the outgoing item by {@code inOffset} before the cut and the incoming one by
 * {@code outOffset} after it.
 *
 * @param schema         {@code Transition.1}; null gives that
 * @param name           the transition's name
 * @param metadata       tools' own data
 * @param transitionType {@code SMPTE_Dissolve} (a dissolve) or {@code Custom_Transition} in OTIO's terms; other text is
 *                       kept
 * @param inOffset       how far the transition reaches before the cut
 * @param outOffset      how far it reaches after the cut
 * @param dynamicFields  fields this record does not type (a tool's {@code parameters}...), kept
 */
public record Transition(String schema, String name, ObjectNode metadata, String transitionType, RationalTime inOffset,
                         RationalTime outOffset, Map<String, JsonNode> dynamicFields) implements Composable {
    public Transition {
        schema = Schemas.Kind.TRANSITION.check(schema);
        metadata = Copies.object(metadata);
        dynamicFields = Copies.map(dynamicFields);
    }
}
