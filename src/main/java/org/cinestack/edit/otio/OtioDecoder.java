package org.cinestack.edit.otio;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.cinestack.film.Problem;

/**
 * Turns one file's JSON tree into the model, collecting problems and warnings by JSON Pointer and placing them on
 * lines and columns at the end (one more pass over the text, only when there is something to say).
 */
final class OtioDecoder {
    private static final String TIME_EXAMPLE = "{\"OTIO_SCHEMA\": \"RationalTime.1\", \"rate\": 24.0, \"value\": 0.0}";
    private static final String RANGE_EXAMPLE = "{\"OTIO_SCHEMA\": \"TimeRange.1\", \"start_time\": " + TIME_EXAMPLE
        + ", \"duration\": " + TIME_EXAMPLE.replace("0.0}", "24.0}") + "}";
    private static final String POINT_EXAMPLE = "{\"OTIO_SCHEMA\": \"V2d.1\", \"x\": 0.0, \"y\": 0.0}";
    private static final String BOX_EXAMPLE = "{\"OTIO_SCHEMA\": \"Box2d.1\", \"min\": " + POINT_EXAMPLE
        + ", \"max\": " + POINT_EXAMPLE.replace("0.0,", "16.0,").replace("0.0}", "9.0}") + "}";
    private static final String COLOR_EXAMPLE = "{\"OTIO_SCHEMA\": \"Color.1\", \"r\": 1.0, \"g\": 0.0, \"b\": 0.0, "
        + "\"a\": 1.0, \"name\": \"RED\"}";
    private static final Set<String> FRAME_POLICIES = Set.of("error", "black", "hold");

    /** Where an object stands, which decides what it may be. */
    enum Slot {
        ANY("an OTIO object", "Timeline.1"),
        TRACKS("the timeline's stack of tracks", "Stack.1"),
        COMPOSABLE("a clip, gap, transition, stack or track", "Clip.2"),
        EFFECT("an effect", "Effect.1"),
        MEDIA("a media reference", "MissingReference.1"),
        MARKER("a marker", "Marker.2");

        final String description, example;

        Slot(String description, String example) {
            this.description = description;
            this.example = example;
        }

        boolean fits(OtioObject o) {
            return switch (this) {
                case ANY -> true;
                case TRACKS -> o instanceof Stack;
                case COMPOSABLE -> o instanceof Composable;
                case EFFECT -> o instanceof Effect;
                case MEDIA -> o instanceof MediaReference;
                case MARKER -> o instanceof Marker;
            };
        }
    }

    private record Note(String pointer, String message) {
    }

    private final OtioJson.Source source;
    private final List<Note> problems = new ArrayList<>();
    private final List<Note> warnings = new ArrayList<>();

    OtioDecoder(OtioJson.Source source) {
        this.source = source;
    }

    OtioReader.Document document(JsonNode root) throws OtioFormatException {
        OtioObject o = null;
        if (root instanceof ObjectNode object) {
            o = object(object, "", Slot.ANY);
        } else {
            problems.add(new Note("", "holds " + show(root) + "; an OTIO file holds one object with an OTIO_SCHEMA, "
                + "for example {\"OTIO_SCHEMA\": \"Timeline.1\", ...}"));
        }
        if (!problems.isEmpty()) throw new OtioFormatException(located(problems));
        return new OtioReader.Document(o, located(warnings).stream().map(Problem::toString).toList());
    }

    private List<Problem> located(List<Note> notes) {
        Map<String, int[]> at = OtioJson.locate(source, notes.stream().map(Note::pointer).collect(Collectors.toSet()));
        return notes.stream().map(n -> {
            int[] lc = at.getOrDefault(n.pointer(), new int[] {0, 0});
            return source.problem(lc[0], lc[1], n.message());
        }).sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column)).toList();
    }

    // ---- objects ---------------------------------------------------------------------------------------------------

    /** @return the object, or null after recording why it cannot be read */
    private OtioObject object(ObjectNode o, String path, Slot slot) {
        JsonNode s = o.get("OTIO_SCHEMA");
        if (s == null) {
            return fail(path, "this object has no \"OTIO_SCHEMA\"; " + slot.description + " names its schema, for "
                + "example \"OTIO_SCHEMA\": \"" + slot.example + "\"");
        }
        if (!s.isString() || !s.asString().matches("[A-Za-z_][A-Za-z0-9_]*\\.[0-9]+")) {
            return fail(path + "/OTIO_SCHEMA", "\"OTIO_SCHEMA\" is " + show(s) + "; write a schema's name and "
                + "version, for example \"" + slot.example + "\"");
        }
        String schema = s.asString();
        Schemas.Kind kind = Schemas.kind(schema);
        if (kind == null) {
            OtioObject unknown = new UnknownSchema(schema, o);
            String what = unknownSchema(schema);
            if (Schemas.isValue(schema) || !slot.fits(unknown)) {
                return fail(path, "expected " + slot.description + " here, found " + what + "; use one, for example "
                    + "\"OTIO_SCHEMA\": \"" + slot.example + "\"");
            }
            warnings.add(new Note(path, what + "; it is kept as it is and written back unchanged, not interpreted"));
            return unknown;
        }
        OtioObject read = known(kind, new Fields(o, path, schema));
        if (read != null && !slot.fits(read)) {
            return fail(path, "expected " + slot.description + " here, found " + schema + "; move it where it "
                + "belongs or remove it");
        }
        return read;
    }

    private static String unknownSchema(String schema) {
        String name = Schemas.name(schema);
        for (Schemas.Kind k : Schemas.Kind.values()) {
            if (k.schemas.stream().anyMatch(s -> Schemas.name(s).equals(name))) {
                return schema + ", a version this reader does not know (it knows " + String.join(", ", k.schemas)
                    + ")";
            }
        }
        return Schemas.isValue(schema) ? schema + " (a value, not an object)" : schema + ", a schema this reader "
            + "does not know";
    }

    private OtioObject known(Schemas.Kind kind, Fields f) {
        String schema = f.schema;
        return switch (kind) {
            case TIMELINE -> new Timeline(schema, f.name(), f.metadata(), f.time("global_start_time"),
                (Stack) f.child("tracks", Slot.TRACKS, "{\"OTIO_SCHEMA\": \"Stack.1\", \"children\": []}"), f.rest());
            case STACK -> new Stack(schema, f.name(), f.metadata(), f.range("source_range"), f.effects(), f.markers(),
                f.bool("enabled"), f.children(), f.rest());
            case TRACK -> new Track(schema, f.name(), f.metadata(), f.range("source_range"), f.effects(),
                f.markers(), f.bool("enabled"), f.text("kind", "\"Video\""), f.children(), f.rest());
            case CLIP -> clip(f);
            case GAP -> new Gap(schema, f.name(), f.metadata(), f.range("source_range"), f.effects(), f.markers(),
                f.bool("enabled"), f.rest());
            case TRANSITION -> new Transition(schema, f.name(), f.metadata(),
                f.text("transition_type", "\"SMPTE_Dissolve\""), f.time("in_offset"), f.time("out_offset"),
                f.rest());
            case EFFECT -> new Effect.Named(schema, f.name(), f.metadata(), f.text("effect_name", "\"Blur\""),
                f.rest());
            case LINEAR_TIME_WARP -> new Effect.LinearTimeWarp(schema, f.name(), f.metadata(),
                f.text("effect_name", "\"LinearTimeWarp\""), f.number("time_scalar", "1.0"), f.rest());
            case FREEZE_FRAME -> new Effect.FreezeFrame(schema, f.name(), f.metadata(),
                f.text("effect_name", "\"FreezeFrame\""), f.number("time_scalar", "0.0"), f.rest());
            case EXTERNAL_REFERENCE -> new ExternalReference(schema, f.name(), f.metadata(), f.range("available_range"),
                f.box("available_image_bounds"), f.text("target_url", "\"file:///path/to/media.mov\""), f.rest());
            case MISSING_REFERENCE -> new MissingReference(schema, f.name(), f.metadata(), f.range("available_range"),
                f.box("available_image_bounds"), f.rest());
            case GENERATOR_REFERENCE -> new GeneratorReference(schema, f.name(), f.metadata(),
                f.range("available_range"), f.box("available_image_bounds"),
                f.text("generator_kind", "\"SMPTEBars\""), f.dictionary("parameters"), f.rest());
            case IMAGE_SEQUENCE_REFERENCE -> new ImageSequenceReference(schema, f.name(), f.metadata(),
                f.range("available_range"), f.box("available_image_bounds"),
                f.text("target_url_base", "\"file:///shots/sh010/\""), f.text("name_prefix", "\"sh010.\""),
                f.text("name_suffix", "\".exr\""), f.whole("start_frame", "1001"), f.whole("frame_step", "1"),
                f.number("rate", "24.0"), f.whole("frame_zero_padding", "4"), f.framePolicy(), f.rest());
            case MARKER -> new Marker(schema, f.name(), f.metadata(),
                f.range(schema.equals("Marker.1") ? "range" : "marked_range"), f.markerColor(),
                f.text("comment", "\"\""), f.rest());
            case SERIALIZABLE_COLLECTION -> new SerializableCollection(schema, f.name(), f.metadata(),
                f.list("children", Slot.ANY, OtioObject.class), f.rest());
        };
    }

    private Clip clip(Fields f) {
        String name = f.name();
        ObjectNode metadata = f.metadata();
        TimeRange sourceRange = f.range("source_range");
        List<Effect> effects = f.effects();
        List<Marker> markers = f.markers();
        boolean enabled = f.bool("enabled");
        Map<String, MediaReference> references = new LinkedHashMap<>();
        String active = Clip.DEFAULT_MEDIA;
        if (f.schema.equals("Clip.1")) {
            JsonNode r = f.get("media_reference", "{\"OTIO_SCHEMA\": \"MissingReference.1\"}");
            if (r != null && !r.isNull()) {
                MediaReference ref = (MediaReference) f.object(r, f.at("media_reference"), Slot.MEDIA);
                if (ref != null) references.put(Clip.DEFAULT_MEDIA, ref);
            }
        } else {
            references = f.references();
            active = f.text("active_media_reference_key", "\"DEFAULT_MEDIA\"");
            if (active != null && !references.containsKey(active) && !references.isEmpty()) {
                warnings.add(new Note(f.at("active_media_reference_key"), "the active media reference \"" + active
                    + "\" is none of " + references.keySet() + "; the clip has no media in use"));
            }
        }
        return new Clip(f.schema, name, metadata, sourceRange, effects, markers, enabled, references, active,
            f.rest());
    }

    private OtioObject fail(String path, String message) {
        problems.add(new Note(path, message));
        return null;
    }

    private static String show(JsonNode v) {
        if (v == null) return "absent";
        if (v.isObject()) return "an object";
        if (v.isArray()) return "a list";
        String s = v.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    // ---- fields ----------------------------------------------------------------------------------------------------

    /** The fields of one object: each read once, typed, with OTIO's default when absent; the rest kept. */
    private final class Fields {
        final ObjectNode o;
        final String path, schema;
        private final Set<String> used = new HashSet<>(Set.of("OTIO_SCHEMA"));

        Fields(ObjectNode o, String path, String schema) {
            this.o = o;
            this.path = path;
            this.schema = schema;
        }

        String at(String key) {
            return path + "/" + key.replace("~", "~0").replace("/", "~1");
        }

        private String label() {
            JsonNode n = o.get("name");
            return n != null && n.isString() && !n.asString().isEmpty() ? schema + " \"" + n.asString() + "\"" : schema;
        }

        /** @return the field, its default when absent, or null after recording that it is missing */
        JsonNode get(String key, String example) {
            used.add(key);
            JsonNode v = o.get(key);
            if (v == null) v = Schemas.defaultOf(schema, key);
            if (v == null) {
                problems.add(new Note(path, label() + " has no \"" + key + "\"; add it, for example \"" + key + "\": "
                    + example));
            }
            return v;
        }

        private void wrong(String key, JsonNode v, String what, String example) {
            problems.add(new Note(at(key), "\"" + key + "\" of " + label() + " is " + show(v) + "; write " + what
                + ", for example \"" + key + "\": " + example));
        }

        /** @return true when a JSON null is what OTIO reads for the field when absent (an empty optional) */
        private boolean nullable(String key) {
            JsonNode d = Schemas.defaultOf(schema, key);
            return d != null && d.isNull();
        }

        String name() {
            return text("name", "\"\"");
        }

        /** @return text; null for a JSON null, kept as the file has it */
        String text(String key, String example) {
            JsonNode v = get(key, example);
            if (v == null || v.isNull()) return null;
            if (v.isString()) return v.asString();
            wrong(key, v, "text in quotes", example);
            return null;
        }

        boolean bool(String key) {
            JsonNode v = get(key, "true");
            if (v == null || v.isBoolean()) return v == null || v.booleanValue();
            wrong(key, v, "true or false", "true");
            return true;
        }

        double number(String key, String example) {
            JsonNode v = get(key, example);
            if (v == null || v.isNumber()) return v == null ? Double.NaN : v.doubleValue();
            wrong(key, v, "a number", example);
            return Double.NaN;
        }

        int whole(String key, String example) {
            JsonNode v = get(key, example);
            if (v == null || v.isIntegralNumber() && v.canConvertToInt()) return v == null ? 0 : v.intValue();
            wrong(key, v, "a whole number", example);
            return 0;
        }

        String framePolicy() {
            String p = text("missing_frame_policy", "\"error\"");
            if (p != null && !FRAME_POLICIES.contains(p)) {
                problems.add(new Note(at("missing_frame_policy"), "\"missing_frame_policy\" of " + label() + " is \""
                    + p + "\"; write \"error\", \"black\" or \"hold\""));
            }
            return p;
        }

        ObjectNode metadata() {
            return dictionary("metadata");
        }

        /** @return a JSON object kept as it is; a null is read as {} with a warning */
        ObjectNode dictionary(String key) {
            JsonNode v = get(key, "{}");
            if (v instanceof ObjectNode object) return object;
            if (v != null && v.isNull()) {
                warnings.add(new Note(at(key), "\"" + key + "\" of " + label() + " is null, which OTIO does not read; "
                    + "it is read and written back as {}"));
            } else if (v != null) {
                wrong(key, v, "an object", "{}");
            }
            return Schemas.emptyObject();
        }

        /** @return the object under a value schema, null for an allowed JSON null or after recording a problem */
        private ObjectNode value(String key, String valueSchema, String example) {
            JsonNode v = get(key, example);
            if (v == null || v.isNull() && nullable(key)) return null;
            if (v instanceof ObjectNode object && object.path("OTIO_SCHEMA").isString()
                && object.get("OTIO_SCHEMA").asString().equals(valueSchema)) {
                return object;
            }
            wrong(key, v, "a " + valueSchema, example);
            return null;
        }

        RationalTime time(String key) {
            ObjectNode t = value(key, Schemas.RATIONAL_TIME, TIME_EXAMPLE);
            if (t == null) return null;
            Fields g = new Fields(t, at(key), Schemas.RATIONAL_TIME);
            return g.done(new RationalTime(g.number("value", "0.0"), g.number("rate", "24.0")));
        }

        TimeRange range(String key) {
            ObjectNode r = value(key, Schemas.TIME_RANGE, RANGE_EXAMPLE);
            if (r == null) return null;
            Fields g = new Fields(r, at(key), Schemas.TIME_RANGE);
            return g.done(new TimeRange(g.time("start_time"), g.time("duration")));
        }

        Box2d box(String key) {
            ObjectNode b = value(key, Schemas.BOX2D, BOX_EXAMPLE);
            if (b == null) return null;
            Fields g = new Fields(b, at(key), Schemas.BOX2D);
            return g.done(new Box2d(g.point("min"), g.point("max")));
        }

        private V2d point(String key) {
            ObjectNode p = value(key, Schemas.V2D, POINT_EXAMPLE);
            if (p == null) return null;
            Fields g = new Fields(p, at(key), Schemas.V2D);
            return g.done(new V2d(g.number("x", "0.0"), g.number("y", "0.0")));
        }

        /** @return a marker's colour: a name before Marker.3, a Color.1 (or null) from Marker.3 on */
        Color markerColor() {
            if (!schema.equals("Marker.3")) {
                String name = text("color", "\"RED\"");
                return name == null ? null : Color.named(name);
            }
            if (!o.has("color")) {
                used.add("color");
                warnings.add(new Note(path, label() + " has no \"color\"; it is read as none and written back as "
                    + "\"color\": null"));
                return null;
            }
            if (o.get("color").isNull()) {
                used.add("color");
                return null;
            }
            ObjectNode c = value("color", Schemas.COLOR, COLOR_EXAMPLE);
            if (c == null) return null;
            Fields g = new Fields(c, at("color"), Schemas.COLOR);
            return g.done(new Color(g.number("r", "1.0"), g.number("g", "0.0"), g.number("b", "0.0"),
                g.number("a", "1.0"), g.text("name", "\"RED\"")));
        }

        /** Ends reading a value: its fields beyond its schema's are dropped (as OTIO drops them), with a warning. */
        private <T> T done(T value) {
            for (String key : o.propertyNames()) {
                if (!used.contains(key)) {
                    warnings.add(new Note(at(key), "\"" + key + "\" is not a field of " + schema + "; it is dropped"));
                }
            }
            return value;
        }

        OtioObject object(JsonNode v, String at, Slot slot) {
            if (v instanceof ObjectNode object) return OtioDecoder.this.object(object, at, slot);
            return fail(at, "expected " + slot.description + " here, found " + show(v) + "; write an object, for "
                + "example {\"OTIO_SCHEMA\": \"" + slot.example + "\", ...}");
        }

        OtioObject child(String key, Slot slot, String example) {
            JsonNode v = get(key, example);
            return v == null ? null : object(v, at(key), slot);
        }

        <T> List<T> list(String key, Slot slot, Class<T> type) {
            JsonNode v = get(key, "[]");
            List<T> out = new ArrayList<>();
            if (v == null) return out;
            if (!v.isArray()) {
                wrong(key, v, "a list", "[]");
                return out;
            }
            for (int i = 0; i < v.size(); i++) {
                OtioObject x = object(v.get(i), at(key) + "/" + i, slot);
                if (x != null) out.add(type.cast(x));
            }
            return out;
        }

        List<Effect> effects() {
            return list("effects", Slot.EFFECT, Effect.class);
        }

        List<Marker> markers() {
            return list("markers", Slot.MARKER, Marker.class);
        }

        List<Composable> children() {
            return list("children", Slot.COMPOSABLE, Composable.class);
        }

        Map<String, MediaReference> references() {
            String key = "media_references";
            JsonNode v = get(key, "{\"DEFAULT_MEDIA\": {\"OTIO_SCHEMA\": \"MissingReference.1\"}}");
            Map<String, MediaReference> out = new LinkedHashMap<>();
            if (v == null) return out;
            if (!v.isObject()) {
                wrong(key, v, "an object of media references", "{\"DEFAULT_MEDIA\": {\"OTIO_SCHEMA\": "
                    + "\"MissingReference.1\"}}");
                return out;
            }
            for (var e : v.properties()) {
                String at = at(key) + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
                MediaReference r = (MediaReference) object(e.getValue(), at, Slot.MEDIA);
                if (r != null) out.put(e.getKey(), r);
            }
            return out;
        }

        /** @return the fields not read, in file order: the object's dynamic fields */
        Map<String, JsonNode> rest() {
            Map<String, JsonNode> m = new LinkedHashMap<>();
            for (var e : o.properties()) if (!used.contains(e.getKey())) m.put(e.getKey(), e.getValue());
            return m;
        }
    }
}
