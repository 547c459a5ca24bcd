package org.cinestack.edit.otio;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Composables played one after another (OTIO's Track.1; {@code Sequence.1} is its older name). Items follow each
 * other without overlap; a transition overlaps the items on each side of it and takes no time of its own.
 *
 * @param schema        {@code Track.1} or {@code Sequence.1}; null gives {@code Track.1}
 * @param name          the track's name, for example {@code V1}
 * @param metadata      tools' own data
 * @param sourceRange   the part of the track used, or null for all of it
 * @param effects       effects on the track
 * @param markers       markers, in the track's time
 * @param enabled       false when switched off
 * @param kind          {@code Video} or {@code Audio} (OTIO's track kinds; other text is kept)
 * @param children      clips, gaps, transitions, nested stacks and tracks, in playing order
 * @param dynamicFields fields this record does not type, kept
 */
public record Track(String schema, String name, ObjectNode metadata, TimeRange sourceRange, List<Effect> effects,
                    List<Marker> markers, boolean enabled, String kind, List<Composable> children,
                    Map<String, JsonNode> dynamicFields) implements Composition {
    public Track {
        schema = Schemas.Kind.TRACK.check(schema);
        metadata = Copies.object(metadata);
        effects = Copies.list(effects);
        markers = Copies.list(markers);
        children = Copies.list(children);
        dynamicFields = Copies.map(dynamicFields);
    }
}
