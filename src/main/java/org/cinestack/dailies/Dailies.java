package org.cinestack.dailies;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.cinestack.media.Staging;

/**
 * The dailies of one take: its metrics and its defects against the move its shot asked for, kept in {@code qa.json}
 * beside its {@code take.json} and measured again only when the take's media or the rules change.
 */
public final class Dailies {
    /** Changes when the metrics or the rules change, so every take is measured again. */
    static final String VERSION = "dailies-1";
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Dailies() {
    }

    /**
     * What the dailies found.
     *
     * @param defects every defect, major first
     * @param cached  true when read from {@code qa.json}, not measured now
     */
    public record Verdict(List<Defect> defects, boolean cached) {
        /** @return true when a defect is major: the take did not get what its shot asked for */
        public boolean rejected() {
            return defects.stream().anyMatch(d -> d.severity() == Defect.Severity.MAJOR);
        }
    }

    /**
     * Measures a take, or reads what was measured of it.
     *
     * @param folder      the take's folder ({@code take.mp4}; {@code qa.json} is written there)
     * @param mediaDigest the SHA-256 of its {@code take.mp4}, as its take.json records it
     * @param move        the move its shot asked for (film.yaml's code)
     * @param fps         its frame rate
     * @return the verdict
     * @throws IOException when qa.json cannot be written
     * @throws org.cinestack.media.MediaException when the take cannot be decoded
     */
    public static Verdict of(Path folder, String mediaDigest, String move, double fps) throws IOException {
        Path qa = folder.resolve("qa.json");
        if (Files.isRegularFile(qa)) {
            try {
                JsonNode n = JSON.readTree(qa.toFile());
                if (VERSION.equals(n.path("version").asString()) && mediaDigest.equals(n.path("mediaDigest")
                    .asString()) && move.equals(n.path("move").asString())) {
                    List<Defect> defects = new java.util.ArrayList<>();
                    for (JsonNode d : n.path("defects")) {
                        defects.add(new Defect(d.path("metric").asString(), Defect.Severity.valueOf(
                            d.path("severity").asString()), d.path("words").asString()));
                    }
                    return new Verdict(List.copyOf(defects), true);
                }
            } catch (RuntimeException e) {
                // a damaged qa.json is measured again
            }
        }
        TakeMetrics m = TakeMetrics.measure(folder.resolve("take.mp4"), fps);
        List<Defect> defects = Rules.judge(m, move);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", VERSION);
        out.put("mediaDigest", mediaDigest);
        out.put("move", move);
        out.put("units", Map.of("motion", "fractions of the frame over the take (right and down positive)",
            "flicker", "8-bit code values", "sharpness", "variance of the Laplacian of luma",
            "colourDrift", "CIEDE2000", "clipped", "% of pixels"));
        out.put("metrics", m);
        out.put("defects", defects);
        out.put("rejected", defects.stream().anyMatch(d -> d.severity() == Defect.Severity.MAJOR));
        Staging.writeString(qa, JSON.writeValueAsString(out));
        return new Verdict(defects, false);
    }
}
