package org.cinestack.edit.otio;

import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenTimelineIO object: a JSON object with an {@code OTIO_SCHEMA} (OTIO file format, "serialized schema"), taken
 * apart by {@code switch} over its records. Objects of the schemas this package knows are records with their fields
 * typed; fields a record does not type (a newer OTIO's additions, a tool's own keys) are kept in its
 * {@code dynamicFields}, as OTIO keeps them; objects of other schemas are kept whole as {@link UnknownSchema}.
 * <p>
 * A record's {@code schema} is one its kind has (a Clip is {@code Clip.1} or {@code Clip.2}); null gives the kind's
 * usual one, and any other throws {@link IllegalArgumentException}. Records hold Jackson trees for metadata and dynamic
 * fields; they are not copied, so do not change them after building a record.
 */
public sealed interface OtioObject permits Timeline, Composable, MediaReference, Effect, Marker,
    SerializableCollection {

    /** @return the schema and its version, for example {@code Clip.2}: as read, and as written back */
    String schema();

    /** @return the object's name; null where the file has null */
    String name();

    /** @return tools' own data under {@code metadata}, any JSON, kept exactly (big integers, NaN, key order) */
    ObjectNode metadata();
}
