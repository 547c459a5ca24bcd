package org.cinestack.edit.otio;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.node.ObjectNode;

/** Defensive copies for the model's records: lists and maps unmodifiable, maps in their given order. */
final class Copies {
    private Copies() {
    }

    static <T> List<T> list(List<? extends T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    static <V> Map<String, V> map(Map<String, ? extends V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    static ObjectNode object(ObjectNode node) {
        return node == null ? Schemas.emptyObject() : node;
    }
}
