package org.cinestack.edit.otio;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A list of OTIO objects in one file (OTIO's SerializableCollection.1; {@code SerializeableCollection.1} is its older
 * spelling), for example several timelines or a bin of clips.
 *
 * @param schema        {@code SerializableCollection.1} or {@code SerializeableCollection.1}; null gives the first
 * @param name          the collection's name
 * @param metadata      tools' own data
 * @param children      the objects, in order
 * @param dynamicFields fields this record does not type, kept
 */
public record SerializableCollection(String schema, String name, ObjectNode metadata, List<OtioObject> children,
                                     Map<String, JsonNode> dynamicFields) implements OtioObject {
    public SerializableCollection {
        schema = Schemas.Kind.SERIALIZABLE_COLLECTION.check(schema);
        metadata = Copies.object(metadata);
        children = Copies.list(children);
        dynamicFields = Copies.map(dynamicFields);
    }
}
