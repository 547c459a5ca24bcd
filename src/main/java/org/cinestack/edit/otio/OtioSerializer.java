package org.cinestack.edit.otio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import org.cinestack.media.Staging;

/**
 * Writes the {@link OtioObject} model as OpenTimelineIO JSON, each object in the schema version it has (a Clip.1
 * stays a Clip.1, a Sequence.1 a Sequence.1), with every field OTIO itself writes for that schema, in OTIO's order,
 * followed by the object's dynamic fields; unknown schemas are written as they were read. Metadata is written exactly
 * as held: big integers whole, decimals with their digits, {@code NaN} and {@code Infinity} bare, as OTIO writes them.
 */
public final class OtioSerializer {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OtioSerializer() {
    }

    /**
     * Writes through a temporary file beside the target, then moves it into place, so a failed write leaves no half
     * file.
     *
     * @param o    the object, usually a {@link Timeline}
     * @param file the {@code .otio} file
     * @throws IOException when it cannot be written
     * @throws IllegalArgumentException when a Clip.1 holds more than one media reference (write it as Clip.2)
     */
    public static void write(OtioObject o, Path file) throws IOException {
        Staging.writeString(file, toJson(o));
    }

    /**
     * @param o the object
     * @return its OTIO JSON text in OTIO's own layout (four spaces a level, no newline at the end), so a file OTIO
     *     wrote comes back byte for byte when nothing changed
     * @throws IllegalArgumentException when a Clip.1 holds more than one media reference
     */
    public static String toJson(OtioObject o) {
        return OtioJson.MAPPER.writeValueAsString(toTree(o));
    }

    /**
     * @param o the object
     * @return its JSON tree (a new tree: changing it changes nothing in the model)
     * @throws IllegalArgumentException when a Clip.1 holds more than one media reference
     */
    public static ObjectNode toTree(OtioObject o) {
        return switch (o) {
            case Timeline t -> {
                ObjectNode n = head(t);
                n.set("global_start_time", time(t.globalStartTime()));
                n.set("tracks", t.tracks() == null ? NODES.nullNode() : toTree(t.tracks()));
                yield tail(n, t.dynamicFields());
            }
            case Stack s -> tail(children(item(s), s.children()), s.dynamicFields());
            case Track t -> {
                ObjectNode n = children(item(t), t.children());
                n.put("kind", t.kind());
                yield tail(n, t.dynamicFields());
            }
            case Clip c -> tail(references(item(c), c), c.dynamicFields());
            case Gap g -> tail(item(g), g.dynamicFields());
            case Transition t -> {
                ObjectNode n = head(t);
                n.set("in_offset", time(t.inOffset()));
                n.set("out_offset", time(t.outOffset()));
                n.put("transition_type", t.transitionType());
                yield tail(n, t.dynamicFields());
            }
            case Effect.Named e -> tail(head(e).put("effect_name", e.effectName()), e.dynamicFields());
            case Effect.LinearTimeWarp e -> tail(head(e).put("effect_name", e.effectName())
                .put("time_scalar", e.timeScalar()), e.dynamicFields());
            case Effect.FreezeFrame e -> tail(head(e).put("effect_name", e.effectName())
                .put("time_scalar", e.timeScalar()), e.dynamicFields());
            case ExternalReference r -> tail(media(r).put("target_url", r.targetUrl()), r.dynamicFields());
            case MissingReference r -> tail(media(r), r.dynamicFields());
            case GeneratorReference r -> {
                ObjectNode n = media(r).put("generator_kind", r.generatorKind());
                n.set("parameters", r.parameters().deepCopy());
                yield tail(n, r.dynamicFields());
            }
            case ImageSequenceReference r -> tail(media(r).put("target_url_base", r.targetUrlBase())
                .put("name_prefix", r.namePrefix()).put("name_suffix", r.nameSuffix())
                .put("start_frame", r.startFrame()).put("frame_step", r.frameStep()).put("rate", r.rate())
                .put("frame_zero_padding", r.frameZeroPadding()).put("missing_frame_policy", r.missingFramePolicy()),
                r.dynamicFields());
            case Marker m -> {
                ObjectNode n = head(m);
                boolean rgba = m.schema().equals("Marker.3");
                n.set("color", m.color() == null ? NODES.nullNode() : rgba ? color(m.color())
                    : NODES.stringNode(m.color().name()));
                n.set(m.schema().equals("Marker.1") ? "range" : "marked_range", range(m.markedRange()));
                n.put("comment", m.comment());
                yield tail(n, m.dynamicFields());
            }
            case SerializableCollection c -> {
                ObjectNode n = head(c);
                ArrayNode a = n.putArray("children");
                for (OtioObject child : c.children()) a.add(toTree(child));
                yield tail(n, c.dynamicFields());
            }
            case UnknownSchema u -> u.json().deepCopy();
        };
    }

    /** @return a new object with OTIO_SCHEMA, metadata and name, the fields every OTIO object starts with */
    private static ObjectNode head(OtioObject o) {
        ObjectNode n = NODES.objectNode();
        n.put("OTIO_SCHEMA", o.schema());
        n.set("metadata", o.metadata().deepCopy());
        n.put("name", o.name());
        return n;
    }

    private static ObjectNode item(Item i) {
        ObjectNode n = head(i);
        n.set("source_range", range(i.sourceRange()));
        ArrayNode effects = n.putArray("effects");
        for (Effect e : i.effects()) effects.add(toTree(e));
        ArrayNode markers = n.putArray("markers");
        for (Marker m : i.markers()) markers.add(toTree(m));
        n.put("enabled", i.enabled());
        return n;
    }

    private static ObjectNode children(ObjectNode n, List<Composable> children) {
        ArrayNode a = n.putArray("children");
        for (Composable c : children) a.add(toTree(c));
        return n;
    }

    private static ObjectNode references(ObjectNode n, Clip c) {
        if (c.schema().equals("Clip.1")) {
            if (c.mediaReferences().size() > 1) {
                throw new IllegalArgumentException("Clip.1 \"" + c.name() + "\" holds " + c.mediaReferences().size()
                    + " media references; a Clip.1 holds one: make it a Clip.2 to keep them all");
            }
            MediaReference r = c.mediaReference();
            n.set("media_reference", r == null ? NODES.nullNode() : toTree(r));
            return n;
        }
        ObjectNode refs = n.putObject("media_references");
        c.mediaReferences().forEach((key, r) -> refs.set(key, toTree(r)));
        n.put("active_media_reference_key", c.activeMediaReferenceKey());
        return n;
    }

    private static ObjectNode media(MediaReference r) {
        ObjectNode n = head(r);
        n.set("available_range", range(r.availableRange()));
        n.set("available_image_bounds", box(r.availableImageBounds()));
        return n;
    }

    /** @return the object with the dynamic fields added after the typed ones (a typed field is never replaced) */
    private static ObjectNode tail(ObjectNode n, Map<String, JsonNode> dynamicFields) {
        dynamicFields.forEach((key, v) -> {
            if (!n.has(key)) n.set(key, v == null ? NODES.nullNode() : v.deepCopy());
        });
        return n;
    }

    private static ObjectNode value(String schema) {
        return NODES.objectNode().put("OTIO_SCHEMA", schema);
    }

    private static JsonNode time(RationalTime t) {
        return t == null ? NODES.nullNode()
            : value(Schemas.RATIONAL_TIME).put("rate", t.rate()).put("value", t.value());
    }

    private static JsonNode range(TimeRange r) {
        if (r == null) return NODES.nullNode();
        ObjectNode n = value(Schemas.TIME_RANGE);
        n.set("duration", time(r.duration()));
        n.set("start_time", time(r.startTime()));
        return n;
    }

    private static JsonNode box(Box2d b) {
        if (b == null) return NODES.nullNode();
        ObjectNode n = value(Schemas.BOX2D);
        n.set("min", point(b.min()));
        n.set("max", point(b.max()));
        return n;
    }

    private static JsonNode point(V2d p) {
        return p == null ? NODES.nullNode() : value(Schemas.V2D).put("x", p.x()).put("y", p.y());
    }

    private static JsonNode color(Color c) {
        return value(Schemas.COLOR).put("r", c.r()).put("g", c.g()).put("b", c.b()).put("a", c.a())
            .put("name", c.name());
    }
}
