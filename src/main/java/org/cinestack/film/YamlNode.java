package org.cinestack.film;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * A YAML document as a tree whose every node remembers its line and column, so validation can point at the exact
 * place of a mistake. Built from Jackson's YAML token stream.
 */
sealed interface YamlNode {
    /** @return 1-based line of the node's first character */
    int line();

    /** @return 1-based column of the node's first character */
    int column();

    /** @return a short description of the node's kind for messages: "a mapping", "a list", "text"... */
    String kind();

    /** A mapping; keys keep file order. */
    record MapNode(int line, int column, Map<String, Entry> entries) implements YamlNode {
        public String kind() {
            return "a mapping";
        }
    }

    /** One key of a mapping with the key's own position. */
    record Entry(String key, int line, int column, YamlNode value) {
    }

    /** A sequence. */
    record ListNode(int line, int column, List<YamlNode> items) implements YamlNode {
        public String kind() {
            return "a list";
        }
    }

    /** A scalar; {@code token} tells whether YAML read it as text, a number, a boolean or null. */
    record Scalar(int line, int column, String text, JsonToken token) implements YamlNode {
        public String kind() {
            return switch (token) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "true/false";
                case VALUE_NULL -> "nothing (null)";
                default -> "text";
            };
        }

        boolean isNumber() {
            return token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
        }
    }

    /**
     * Reads the value at the parser's current token (which must already be advanced to it) and everything below it.
     *
     * @param duplicates receives a problem for each key that appears twice in one mapping, and for each value longer
     *                   than {@link Limits#MAX_VALUE_CHARS}
     */
    static YamlNode read(JsonParser p, String file, List<Problem> duplicates) {
        JsonToken t = p.currentToken();
        int line = p.currentTokenLocation().getLineNr();
        int col = p.currentTokenLocation().getColumnNr();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Entry> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String key = p.currentName();
                    int kl = p.currentTokenLocation().getLineNr();
                    int kc = p.currentTokenLocation().getColumnNr();
                    p.nextToken();
                    YamlNode value = read(p, file, duplicates);
                    if (map.containsKey(key)) {
                        duplicates.add(new Problem(file, kl, kc, "'" + key + "' is given twice in this mapping; keep one"));
                    }
                    map.put(key, new Entry(key, kl, kc, value));
                }
                return new MapNode(line, col, map);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new java.util.ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) items.add(read(p, file, duplicates));
                return new ListNode(line, col, items);
            }
            default -> {
                String text = t == JsonToken.VALUE_NULL ? null : p.getString();
                if (text != null && text.length() > Limits.MAX_VALUE_CHARS) {
                    duplicates.add(new Problem(file, line, col, String.format(java.util.Locale.ROOT, "this value is "
                        + "%,d characters long; the longest Cinestack takes is %,d (an action or a line of dialogue is "
                        + "a few hundred)", text.length(), Limits.MAX_VALUE_CHARS)));
                    text = text.substring(0, Limits.MAX_VALUE_CHARS);
                }
                return new Scalar(line, col, text, t);
            }
        }
    }
}
