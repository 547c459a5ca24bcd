package org.cinestack.deliver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provenance record of a render, {@code out/<slug>.provenance.json}: how the film was made, shot by shot. Only
 * digests, ids and settings; never a secret.
 */
public final class Provenance {
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /**
     * One shot's ingredients.
     *
     * @param shotId     shot id
     * @param specDigest digest of the resolved spec and backend (names the take folder)
     * @param backend    backend id and version, for example {@code previs/1}
     * @param seed       the take's seed
     * @param take       take number used
     * @param takeDigest SHA-256 of the take's media
     * @param frames     frames used in the cut
     */
    public record Ingredient(String shotId, String specDigest, String backend, long seed, int take, String takeDigest,
                             int frames) {
    }

    private Provenance() {
    }

    /**
     * @param file         the .provenance.json
     * @param title        film title
     * @param filmDigest   SHA-256 of the film file's bytes
     * @param masterDigest SHA-256 of the master
     * @param ingredients  one per shot, in cutting order
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, String title, String filmDigest, String masterDigest,
                             List<Ingredient> ingredients) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        m.put("generator", "Cinestack");
        m.put("createdAt", Instant.now().toString());
        m.put("filmDigest", filmDigest);
        m.put("masterDigest", masterDigest);
        m.put("assertions", List.of(Map.of("label", "ai-generated", "data", Map.of("previs", true,
            "note", "pictures rendered by the built-in previs backend; voices synthesised by espeak-ng"))));
        m.put("shots", new ArrayList<>(ingredients));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, JSON.writeValueAsString(m));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
