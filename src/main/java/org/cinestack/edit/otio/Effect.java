package org.cinestack.edit.otio;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An effect on an item (OTIO's Effect and its time effects): one known only by its name, a constant speed change, a
 * freeze frame, or an effect of a schema this package does not know (kept whole).
 */
public sealed interface Effect extends OtioObject permits Effect.Named, Effect.LinearTimeWarp, Effect.FreezeFrame,
    UnknownSchema {

    /**
     * An effect OTIO knows only by name (Effect.1): its settings, if any, are in its metadata, in the terms of the tool
     * that wrote it.
     *
     * @param schema        {@code Effect.1}; null gives that
     * @param name          the effect's name in this edit
     * @param metadata      the tool's settings for it
     * @param effectName    what the effect is, for example {@code Resolve Effect} or {@code Blur}
     * @param dynamicFields fields this record does not type, kept
     */
    record Named(String schema, String name, ObjectNode metadata, String effectName,
                 Map<String, JsonNode> dynamicFields) implements Effect {
        public Named {
            schema = Schemas.Kind.EFFECT.check(schema);
            metadata = Copies.object(metadata);
            dynamicFields = Copies.map(dynamicFields);
        }
    }

    /**
     * A constant speed change (LinearTimeWarp.1): the item's media plays at {@code timeScalar} times its speed.
     *
     * @param schema        {@code LinearTimeWarp.1}; null gives that
     * @param name          the effect's name
     * @param metadata      tools' own data
     * @param effectName    usually {@code LinearTimeWarp}
     * @param timeScalar    speed factor: 2 plays twice as fast, 0.5 at half speed, negative backwards
     * @param dynamicFields fields this record does not type, kept
     */
    record LinearTimeWarp(String schema, String name, ObjectNode metadata, String effectName, double timeScalar,
                          Map<String, JsonNode> dynamicFields) implements Effect {
        public LinearTimeWarp {
            schema = Schemas.Kind.LINEAR_TIME_WARP.check(schema);
            metadata = Copies.object(metadata);
            dynamicFields = Copies.map(dynamicFields);
        }
    }

    /**
     * A freeze frame (FreezeFrame.1): the item holds its first frame for its whole length (a time warp of speed 0).
     *
     * @param schema        {@code FreezeFrame.1}; null gives that
     * @param name          the effect's name
     * @param metadata      tools' own data
     * @param effectName    usually {@code FreezeFrame}
     * @param timeScalar    0 in OTIO's freeze frames; kept as the file has it
     * @param dynamicFields fields this record does not type, kept
     */
    record FreezeFrame(String schema, String name, ObjectNode metadata, String effectName, double timeScalar,
                       Map<String, JsonNode> dynamicFields) implements Effect {
        public FreezeFrame {
            schema = Schemas.Kind.FREEZE_FRAME.check(schema);
            metadata = Copies.object(metadata);
            dynamicFields = Copies.map(dynamicFields);
        }
    }
}
