package org.cinestack.shoot.comfyui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.cinestack.film.BadInputException;
import org.cinestack.film.Problem;

/**
 * A ComfyUI workflow in API format ({@code {"<node id>": {"class_type", "inputs", "_meta"}}}, links as
 * {@code ["<node id>", output index]}; ComfyUI's "Export (API)"), with slots for what each take fills in. A slot is
 * either a placeholder string in the workflow ({@code "{{seed}}"}: a value that is exactly a placeholder takes the
 * slot's type, so {@code "{{seed}}"} becomes the number) or a mapping from slot to {@code "<node id>.<input>"} for a
 * workflow exported as is. Slots: {@link #SLOTS}.
 */
public final class ComfyWorkflow {
    /** What a take fills in. */
    public static final Set<String> SLOTS = Set.of("prompt", "negative", "seed", "frames", "fps", "width", "height",
        "image", "control_video", "prefix");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final ObjectNode graph;
    private final Map<String, String> map;
    private final String outputNode;

    private ComfyWorkflow(String name, ObjectNode graph, Map<String, String> map) {
        this.name = name;
        this.graph = graph;
        this.map = map;
        this.outputNode = findOutput(graph);
    }

    /**
     * A built-in template: {@code wan21-t2v} (Wan 2.1 text-to-video 1.3B), {@code wan21-i2v} (Wan 2.1 image-to-video
     * 480p, first frame in {@code image}), {@code wan21-vace-v2v} (Wan 2.1 VACE 1.3B following {@code control_video}).
     *
     * @param name the template's name
     * @return the workflow
     * @throws IllegalArgumentException when there is no such template
     */
    public static ComfyWorkflow builtIn(String name) {
        try (InputStream in = ComfyWorkflow.class.getResourceAsStream(name + ".json")) {
            if (in == null) throw new IllegalArgumentException("no built-in ComfyUI workflow '" + name + "'");
            return new ComfyWorkflow(name, (ObjectNode) JSON.readTree(in), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The user's own workflow.
     *
     * @param file an API-format workflow (ComfyUI: Workflow, Export (API))
     * @param map  slot to {@code "<node id>.<input>"}, for inputs that hold no placeholder; may be empty
     * @return the workflow
     * @throws BadInputException when the file is not an API-format workflow, a mapping names a node or input it does
     *                           not have, or it has no output node
     */
    public static ComfyWorkflow read(Path file, Map<String, String> map) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            throw bad(file, "cannot be read as JSON: " + e.getMessage());
        }
        if (!(root instanceof ObjectNode graph) || graph.has("nodes") || graph.isEmpty()) {
            throw bad(file, "is not an API-format workflow; in ComfyUI use Workflow > Export (API), which writes "
                + "{\"<node id>\": {\"class_type\": ..., \"inputs\": ...}}");
        }
        for (Map.Entry<String, JsonNode> e : graph.properties()) {
            if (!e.getValue().has("class_type") || !e.getValue().has("inputs")) {
                throw bad(file, "node '" + e.getKey() + "' has no class_type or inputs; is this the API export?");
            }
        }
        for (Map.Entry<String, String> m : map.entrySet()) {
            if (!SLOTS.contains(m.getKey())) throw bad(file, "the mapping names '" + m.getKey() + "', which is not a "
                + "slot; slots are " + String.join(", ", SLOTS.stream().sorted().toList()));
            String[] at = m.getValue().split("\\.", 2);
            if (at.length != 2 || !graph.has(at[0]) || !graph.get(at[0]).get("inputs").has(at[1])) {
                throw bad(file, "the mapping puts '" + m.getKey() + "' at '" + m.getValue() + "', but the workflow has "
                    + "no such node input; write it as <node id>.<input>, for example 6.text");
            }
        }
        if (findOutput(graph) == null) throw bad(file, "has no output node (SaveVideo, SaveWEBM, SaveAnimatedWEBP...)");
        return new ComfyWorkflow(file.getFileName().toString(), graph, Map.copyOf(map));
    }

    private static BadInputException bad(Path file, String message) {
        return new BadInputException(List.of(new Problem(file.toString(), 0, 0, "the ComfyUI workflow " + message)));
    }

    /** The save node: SaveVideo, then SaveWEBM, then SaveAnimatedWEBP, then any Save* node; null when none. */
    private static String findOutput(ObjectNode graph) {
        for (String kind : new String[] {"SaveVideo", "SaveWEBM", "SaveAnimatedWEBP", "VHS_VideoCombine"}) {
            for (Map.Entry<String, JsonNode> e : graph.properties()) {
                if (kind.equals(e.getValue().path("class_type").asString(""))) return e.getKey();
            }
        }
        for (Map.Entry<String, JsonNode> e : graph.properties()) {
            if (e.getValue().path("class_type").asString("").startsWith("Save")) return e.getKey();
        }
        return null;
    }

    /** @return the workflow's name (template name or file name) */
    public String name() {
        return name;
    }

    /** @return the id of the node whose output is the take */
    public String outputNode() {
        return outputNode;
    }

    /** @return the slots this workflow fills (by placeholder or mapping) */
    public Set<String> slots() {
        Set<String> found = new java.util.TreeSet<>(map.keySet());
        collect(graph, found);
        return found;
    }

    private static void collect(JsonNode n, Set<String> found) {
        if (n.isString()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\\{(\\w+)}}").matcher(n.asString());
            while (m.find()) found.add(m.group(1));
        }
        for (JsonNode c : n) collect(c, found);
    }

    /**
     * @param values slot values: strings, or numbers for seed, frames, fps, width, height
     * @return a copy of the graph with every slot filled
     */
    public ObjectNode fill(Map<String, Object> values) {
        ObjectNode copy = graph.deepCopy();
        fillNode(copy, values);
        for (Map.Entry<String, String> m : map.entrySet()) {
            if (!values.containsKey(m.getKey())) continue;
            String[] at = m.getValue().split("\\.", 2);
            ObjectNode inputs = (ObjectNode) copy.get(at[0]).get("inputs");
            inputs.set(at[1], value(values.get(m.getKey())));
        }
        return copy;
    }

    private static void fillNode(JsonNode n, Map<String, Object> values) {
        if (n instanceof ObjectNode o) {
            List<String> keys = new ArrayList<>();
            o.propertyNames().forEach(keys::add);
            for (String k : keys) {
                JsonNode c = o.get(k);
                if (c.isString()) o.set(k, replace(c.asString(), values));
                else fillNode(c, values);
            }
        } else if (n instanceof tools.jackson.databind.node.ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isString()) a.set(i, replace(a.get(i).asString(), values));
                else fillNode(a.get(i), values);
            }
        }
    }

    private static JsonNode replace(String s, Map<String, Object> values) {
        java.util.regex.Matcher whole = java.util.regex.Pattern.compile("\\{\\{(\\w+)}}").matcher(s);
        if (whole.matches() && values.containsKey(whole.group(1))) return value(values.get(whole.group(1)));
        String out = s;
        for (Map.Entry<String, Object> v : values.entrySet()) out = out.replace("{{" + v.getKey() + "}}",
            String.valueOf(v.getValue()));
        return JsonNodeFactory.instance.stringNode(out);
    }

    private static JsonNode value(Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (v) {
            case Integer i -> f.numberNode(i);
            case Long l -> f.numberNode(l);
            case Double d -> f.numberNode(d);
            default -> f.stringNode(String.valueOf(v));
        };
    }

    /** @return slot values in a stable order, for the record */
    static Map<String, Object> ordered(Map<String, Object> values) {
        return new LinkedHashMap<>(new java.util.TreeMap<>(values));
    }
}
