package org.cinestack.edit.otio;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import org.cinestack.film.Problem;

/**
 * OTIO's JSON dialect, read and written with Jackson: standard JSON plus bare {@code NaN}, {@code Inf},
 * {@code Infinity}, {@code -Inf} and {@code -Infinity} numbers (OTIO's reader accepts them and its writer writes
 * them, as in big_int.otio's metadata). Numbers keep their exact text: integers of any size stay integers, decimals
 * stay decimals ({@code 1.10} is written back {@code 1.10}). Duplicate keys and text after the object are errors.
 */
final class OtioJson {
    static final JsonMapper MAPPER = JsonMapper.builder()
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .defaultPrettyPrinter(otioLayout())
        .build();

    private static final String INF = "Inf", INFINITY = "Infinity";

    private OtioJson() {
    }

    /** @return OTIO's own layout: four spaces a level, {@code "key": value}, lists one element a line, empty {} [] */
    private static DefaultPrettyPrinter otioLayout() {
        DefaultIndenter fourSpaces = new DefaultIndenter("    ", "\n");
        return new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectNameValueSpacing(Separators.Spacing.AFTER).withObjectEmptySeparator("")
            .withArrayEmptySeparator("")).withObjectIndenter(fourSpaces).withArrayIndenter(fourSpaces);
    }

    /**
     * A file's text as Jackson reads it: OTIO's bare {@code Inf} spelled {@code Infinity}, which Jackson knows, with
     * what is needed to give positions in the original text.
     *
     * @param name  the file's name, for messages
     * @param text  the text Jackson reads
     * @param grown per line, the columns (1-based, in {@code text}) where an {@code Inf} was lengthened
     */
    record Source(String name, String text, Map<Integer, List<Integer>> grown) {

        /** @return the column in the original text of a column of {@code text} on a line */
        int originalColumn(int line, int column) {
            int c = column;
            for (int at : grown.getOrDefault(line, List.of())) {
                int past = column - at - INF.length();
                if (past > 0) c -= Math.min(INFINITY.length() - INF.length(), past);
            }
            return c;
        }

        /** @return a problem at a position of {@code text} */
        Problem problem(int line, int column, String message) {
            return new Problem(name, line, line > 0 ? originalColumn(line, column) : 0, message);
        }
    }

    /**
     * @param text a file's text
     * @param name the file's name, for messages
     * @return the text ready for Jackson: a leading byte-order mark dropped, bare {@code Inf} outside strings spelled
     *     {@code Infinity}
     */
    static Source source(String text, String name) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        StringBuilder out = new StringBuilder(t.length());
        Map<Integer, List<Integer>> grown = new HashMap<>();
        boolean inString = false, escaped = false;
        int line = 1, column = 1;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (inString) {
                if (escaped) escaped = false;
                else if (c == '\\') escaped = true;
                else if (c == '"') inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == 'I' && t.startsWith(INF, i) && !t.startsWith(INFINITY, i) && !word(t, i - 1)
                && !word(t, i + INF.length())) {
                grown.computeIfAbsent(line, k -> new ArrayList<>()).add(column);
                out.append(INFINITY);
                column += INFINITY.length();
                i += INF.length() - 1;
                continue;
            }
            out.append(c);
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Source(name, out.toString(), grown);
    }

    private static boolean word(String t, int i) {
        return i >= 0 && i < t.length() && Character.isLetterOrDigit(t.charAt(i));
    }

    /**
     * @param source the text
     * @return its JSON tree
     * @throws OtioFormatException naming the line and column when it is not JSON
     */
    static JsonNode parse(Source source) throws OtioFormatException {
        if (source.text().isBlank()) {
            throw new OtioFormatException(List.of(source.problem(0, 0, "is empty; an OTIO file holds one JSON object, "
                + "for example {\"OTIO_SCHEMA\": \"Timeline.1\", ...}")));
        }
        try {
            return MAPPER.readTree(source.text());
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String why = e.getOriginalMessage() == null ? e.getClass().getSimpleName()
                : e.getOriginalMessage().lines().findFirst().orElse("").strip();
            throw new OtioFormatException(List.of(source.problem(at == null ? 0 : at.getLineNr(),
                at == null ? 0 : at.getColumnNr(), "not valid JSON: " + why + "; OTIO files are JSON, so look here "
                    + "for a missing comma, quote or bracket, or text after the last '}'")));
        }
    }

    /**
     * Finds where nodes are in the text, for messages: one pass of Jackson's streaming parser.
     *
     * @param source   the text, already known to be valid JSON
     * @param pointers JSON Pointers ({@code /tracks/children/0/enabled})
     * @return for each pointer found, its line and column in {@code source.text()}: of the key for an object's field,
     *     of the value for an array's element or the root
     */
    static Map<String, int[]> locate(Source source, Set<String> pointers) {
        Map<String, int[]> found = new HashMap<>();
        if (pointers.isEmpty()) return found;
        try (JsonParser p = MAPPER.createParser(source.text())) {
            for (JsonToken t = p.nextToken(); t != null && found.size() < pointers.size(); t = p.nextToken()) {
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) continue;
                String at = p.streamReadContext().pathAsPointer().toString();
                if (pointers.contains(at) && !found.containsKey(at)) {
                    TokenStreamLocation l = p.currentTokenLocation();
                    found.put(at, new int[] {l.getLineNr(), l.getColumnNr()});
                }
            }
        }
        return found;
    }
}
