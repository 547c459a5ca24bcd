package org.cinestack.shoot.hosted;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The providers' own request and response examples, kept under
 * {@code src/test/resources/org/cinestack/shoot/hosted/providers/<provider>/} with their sources in that folder's
 * {@code SOURCES.md}. Files named {@code *.schema-derived.json} are built from a provider's schema or SDK converter
 * with placeholders in angle brackets ({@code <video url>}); the others are copied from the SDK's tests or documents.
 */
final class ProviderFixtures {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProviderFixtures() {
    }

    /**
     * @param name path under {@code providers/}, such as {@code "luma/generation-completed.schema-derived.json"}
     * @return the file's text
     * @throws IllegalArgumentException when there is no such fixture
     */
    static String text(String name) {
        try (InputStream in = ProviderFixtures.class.getResourceAsStream("providers/" + name)) {
            if (in == null) throw new IllegalArgumentException("no provider fixture " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A fixture with its placeholders filled.
     *
     * @param name   path under {@code providers/}
     * @param values placeholder (with its angle brackets) to value; every value is JSON-string content, unescaped
     * @return the text with each placeholder replaced
     */
    static String filled(String name, Map<String, String> values) {
        String t = text(name);
        for (Map.Entry<String, String> e : values.entrySet()) t = t.replace(e.getKey(), e.getValue());
        return t;
    }

    /** @return the fixture as a JSON tree */
    static JsonNode json(String name) {
        return JSON.readTree(text(name));
    }
}
