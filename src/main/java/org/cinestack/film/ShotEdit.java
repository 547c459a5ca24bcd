package org.cinestack.film;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Changes values of one shot in a film.yaml's own text, leaving every other character as it was: comments, key order,
 * quoting, flow or block style and blank lines. Each changed value is replaced where it stands (a plain scalar stays
 * plain when the new value can be written plain, else it is double-quoted), and the result is read again by
 * {@link FilmReader} with the same rules and messages as any film.yaml, so a bad value is refused with its problem
 * before anything is written. A field the shot does not have is added at the end of its mapping in the mapping's
 * own style: {@code , lens: 85} before a flow mapping's closing brace, or a line of its own at the indentation of a
 * block mapping's keys; a {@code camera} the shot lacks is added as a flow mapping holding the new camera fields.
 */
public final class ShotEdit {
    /** The fields a shot's form edits, as film.yaml names them. */
    public static final List<String> FIELDS = List.of("size", "subject", "action", "emotion", "duration",
        "camera.move", "camera.lens", "camera.aperture", "camera.speed");

    private ShotEdit() {
    }

    /**
     * @param text   a film.yaml's text
     * @param file   its name, for problems
     * @param shotId a shot's id
     * @return the editable fields the shot has, with their values as written (unquoted)
     * @throws BadInputException when the text is not a film or has no such shot
     */
    public static Map<String, String> values(String text, String file, String shotId) {
        YamlNode.MapNode shot = shot(text, file, shotId);
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : FIELDS) {
            YamlNode n = at(shot, f);
            if (n instanceof YamlNode.Scalar s) out.put(f, s.text());
        }
        return out;
    }

    /**
     * Changes some of a shot's values.
     *
     * @param text    a film.yaml's text
     * @param file    its name, for problems
     * @param shotId  the shot
     * @param changes field ({@link #FIELDS}) to its new value
     * @return the new text, which {@link FilmReader} reads without a problem
     * @throws BadInputException when a field is not editable or not in the shot, or the changed film has problems
     *                           (their lines are those of the changed text, which differ from the original's only on
     *                           the changed lines)
     */
    public static String apply(String text, String file, String shotId, Map<String, String> changes) {
        YamlNode.MapNode shot = shot(text, file, shotId);
        record Span(int start, int end, String value) {
        }
        List<Span> spans = new ArrayList<>();
        Map<String, String> added = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        int[] lineStarts = lineStarts(text);
        for (Map.Entry<String, String> c : changes.entrySet()) {
            if (!FIELDS.contains(c.getKey())) {
                problems.add(new Problem(file, shot.line(), shot.column(), "'" + c.getKey() + "' cannot be edited "
                    + "here; editable: " + String.join(", ", FIELDS)));
                continue;
            }
            YamlNode now = at(shot, c.getKey());
            if (c.getValue() == null || c.getValue().isBlank() || c.getValue().contains("\n")
                || c.getValue().length() > Limits.MAX_VALUE_CHARS) {
                YamlNode where = now == null ? shot : now;
                problems.add(new Problem(file, where.line(), where.column(), "'" + c.getKey() + "' needs a value on "
                    + "one line"));
                continue;
            }
            if (now == null) {
                added.put(c.getKey(), c.getValue().strip());
                continue;
            }
            if (!(now instanceof YamlNode.Scalar s)) {
                problems.add(new Problem(file, now.line(), now.column(), "'" + c.getKey() + "' of shot " + shotId
                    + " is not a single value; change it in film.yaml"));
                continue;
            }
            int start = lineStarts[s.line() - 1] + s.column() - 1;
            spans.add(new Span(start, end(text, start), scalar(c.getValue().strip(), text.charAt(start))));
        }
        if (!problems.isEmpty()) throw new BadInputException(problems);
        // fields the shot lacks: each added to the end of the mapping that should hold it
        Map<String, String> toShot = new LinkedHashMap<>(), toCamera = new LinkedHashMap<>();
        Map<String, String> inOrder = new java.util.TreeMap<>(java.util.Comparator.comparingInt(FIELDS::indexOf));
        inOrder.putAll(added);
        inOrder.forEach((k, v) -> (k.startsWith("camera.") ? toCamera : toShot).put(k.substring(k.indexOf('.') + 1),
            scalar(v, ' ')));
        if (!toCamera.isEmpty()) {
            YamlNode camera = at(shot, "camera");
            if (camera instanceof YamlNode.MapNode m) {
                int at = mapEnd(text, lineStarts, m);
                spans.add(new Span(at, at, entries(text, lineStarts, m, toCamera)));
            } else if (camera == null) {
                StringBuilder flow = new StringBuilder("{");
                toCamera.forEach((k, v) -> flow.append(flow.length() > 1 ? ", " : "").append(k).append(": ")
                    .append(v));
                toShot.put("camera", flow.append('}').toString());
            } else {
                throw new BadInputException(List.of(new Problem(file, camera.line(), camera.column(), "the camera "
                    + "of shot " + shotId + " is not a mapping; change it in film.yaml")));
            }
        }
        if (!toShot.isEmpty()) {
            int at = mapEnd(text, lineStarts, shot);
            spans.add(new Span(at, at, entries(text, lineStarts, shot, toShot)));
        }
        spans.sort((a, b) -> Integer.compare(b.start(), a.start()));
        StringBuilder out = new StringBuilder(text);
        for (Span sp : spans) out.replace(sp.start(), sp.end(), sp.value());
        String changed = out.toString();
        FilmReader.parse(changed, file);
        return changed;
    }

    private static YamlNode.MapNode shot(String text, String file, String shotId) {
        List<Problem> problems = new ArrayList<>();
        YamlNode root;
        try (JsonParser p = YAMLMapper.builder().build().createParser(text)) {
            p.nextToken();
            root = YamlNode.read(p, file, problems);
        } catch (JacksonException e) {
            throw new BadInputException(List.of(new Problem(file, 0, 0, "not valid YAML: "
                + e.getOriginalMessage().lines().findFirst().orElse(""))));
        }
        if (root instanceof YamlNode.MapNode film && film.entries().get("scenes") != null
            && film.entries().get("scenes").value() instanceof YamlNode.ListNode scenes) {
            for (YamlNode scene : scenes.items()) {
                if (!(scene instanceof YamlNode.MapNode sm) || sm.entries().get("shots") == null
                    || !(sm.entries().get("shots").value() instanceof YamlNode.ListNode shots)) {
                    continue;
                }
                for (YamlNode s : shots.items()) {
                    if (s instanceof YamlNode.MapNode m && m.entries().get("id") != null
                        && m.entries().get("id").value() instanceof YamlNode.Scalar id && id.text().equals(shotId)) {
                        return m;
                    }
                }
            }
        }
        throw new BadInputException(List.of(new Problem(file, 0, 0, "no shot '" + shotId + "' in this film")));
    }

    private static boolean flow(String text, int[] lineStarts, YamlNode.MapNode m) {
        return text.charAt(lineStarts[m.line() - 1] + m.column() - 1) == '{';
    }

    /**
     * @return where entries are added to a mapping: after its last value, before a flow mapping's closing brace or at
     *         the end of a block mapping's last line (comments and blank lines after it stay after it)
     */
    private static int mapEnd(String text, int[] lineStarts, YamlNode.MapNode m) {
        int start = lineStarts[m.line() - 1] + m.column() - 1;
        if (flow(text, lineStarts, m)) {
            int depth = 0;
            for (int i = start; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\'') {
                    i = end(text, i) - 1;
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if ((c == '}' || c == ']') && --depth == 0) {
                    int at = i;
                    while (at > start && Character.isWhitespace(text.charAt(at - 1))) at--;
                    return at;
                }
            }
            return text.length();
        }
        int indent = m.column() - 1, last = m.line() - 1;
        for (int line = m.line(); line < lineStarts.length; line++) {
            int from = lineStarts[line], to = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length();
            String l = text.substring(from, to);
            String body = l.strip();
            if (body.isEmpty() || body.startsWith("#")) continue;
            int lead = l.length() - l.stripLeading().length();
            if (lead < indent) break;
            last = line;
        }
        int end = last + 1 < lineStarts.length ? lineStarts[last + 1] - 1 : text.length();
        if (end > 0 && text.charAt(end - 1) == '\r') end--;
        return end;
    }

    /** @return the entries (their values written as YAML) as they are added to the mapping, in its style */
    private static String entries(String text, int[] lineStarts, YamlNode.MapNode m, Map<String, String> entries) {
        StringBuilder b = new StringBuilder();
        boolean flow = flow(text, lineStarts, m);
        String indent = " ".repeat(m.column() - 1);
        entries.forEach((k, v) -> {
            if (flow) b.append(m.entries().isEmpty() && b.isEmpty() ? "" : ", ").append(k).append(": ").append(v);
            else b.append('\n').append(indent).append(k).append(": ").append(v);
        });
        return b.toString();
    }

    private static YamlNode at(YamlNode.MapNode shot, String field) {
        YamlNode n = shot;
        for (String part : field.split("\\.")) {
            if (!(n instanceof YamlNode.MapNode m) || m.entries().get(part) == null) return null;
            n = m.entries().get(part).value();
        }
        return n;
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') starts.add(i + 1);
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** @return where the scalar starting at {@code start} ends: its closing quote, or before a plain one's end */
    private static int end(String text, int start) {
        char q = text.charAt(start);
        if (q == '"' || q == '\'') {
            for (int i = start + 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (q == '"' && c == '\\') {
                    i++;
                } else if (c == q) {
                    if (q == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                        i++;
                    } else {
                        return i + 1;
                    }
                }
            }
            return text.length();
        }
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == ',' || c == '}' || c == ']' || (c == '#' && i > start && text.charAt(i - 1) == ' ')) {
                break;
            }
            i++;
        }
        while (i > start && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\r')) i--;
        return i;
    }

    /** @return the value as YAML: plain when it reads back as itself there, else double-quoted */
    private static String scalar(String value, char before) {
        boolean plain = before != '"' && before != '\'' && value.matches("[A-Za-z0-9][A-Za-z0-9 ._/()-]*")
            && !value.endsWith(" ");
        if (plain) return value;
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
