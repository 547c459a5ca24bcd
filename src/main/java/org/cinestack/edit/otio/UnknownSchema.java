package org.cinestack.edit.otio;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An object of a schema this package does not know (a tool's own, or a newer OTIO's), kept whole and written back as
 * it was read, as OTIO's UnknownSchema keeps it. It may stand wherever a clip, an effect, a media reference or any
 * object may; its time is not interpreted.
 *
 * @param schema the object's {@code OTIO_SCHEMA}, for example {@code VideoBlur.1}
 * @param json   the whole object, {@code OTIO_SCHEMA} included
 */
public record UnknownSchema(String schema, ObjectNode json) implements Composable, MediaReference, Effect {

    /** @return the object's {@code name} when it is text, else null */
    @Override
    public String name() {
        JsonNode n = json.get("name");
        return n != null && n.isString() ? n.asString() : null;
    }

    /** @return the object's {@code metadata} when it is an object, else an empty one */
    @Override
    public ObjectNode metadata() {
        return json.get("metadata") instanceof ObjectNode m ? m : Schemas.emptyObject();
    }

    /** @return null: the range of an unknown reference is not interpreted */
    @Override
    public TimeRange availableRange() {
        return null;
    }

    /** @return null: not interpreted */
    @Override
    public Box2d availableImageBounds() {
        return null;
    }
}
