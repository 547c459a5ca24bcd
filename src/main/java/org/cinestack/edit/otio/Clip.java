package org.cinestack.edit.otio;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A range of media on a track (OTIO's Clip.2, and the older Clip.1). Clip.2 holds several media references under
 * keys (a proxy, a high-resolution version...) and names the active one; Clip.1 holds one ({@code media_reference}),
 * which this record keeps under {@link #DEFAULT_MEDIA}.
 *
 * @param schema                  {@code Clip.2} or {@code Clip.1}; null gives {@code Clip.2}. A Clip.1 is written with
 *                                its active reference only
 * @param name                    the clip's name, usually the shot's
 * @param metadata                tools' own data
 * @param sourceRange             the range of the media's time used, or null for the media's whole available range
 * @param effects                 effects on the clip (speed changes, a tool's filters)
 * @param markers                 markers, in the media's time
 * @param enabled                 false when switched off
 * @param mediaReferences         the media references by key, in file order; a Clip.1 whose reference is null has none
 * @param activeMediaReferenceKey the key of the reference in use ({@code DEFAULT_MEDIA} for a Clip.1)
 * @param dynamicFields           fields this record does not type, kept
 */
public record Clip(String schema, String name, ObjectNode metadata, TimeRange sourceRange, List<Effect> effects,
                   List<Marker> markers, boolean enabled, Map<String, MediaReference> mediaReferences,
                   String activeMediaReferenceKey, Map<String, JsonNode> dynamicFields) implements Item {

    /** The key OTIO gives a clip's only media reference. */
    public static final String DEFAULT_MEDIA = "DEFAULT_MEDIA";

    public Clip {
        schema = Schemas.Kind.CLIP.check(schema);
        metadata = Copies.object(metadata);
        effects = Copies.list(effects);
        markers = Copies.list(markers);
        mediaReferences = Copies.map(mediaReferences);
        dynamicFields = Copies.map(dynamicFields);
    }

    /** @return the active media reference, or null when there is none under the active key */
    public MediaReference mediaReference() {
        return activeMediaReferenceKey == null ? null : mediaReferences.get(activeMediaReferenceKey);
    }
}
