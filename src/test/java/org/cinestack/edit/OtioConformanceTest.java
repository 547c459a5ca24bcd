package org.cinestack.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;

/**
 * Our OTIO has the shape of OpenTimelineIO's own sample files (shared/material/otio, Apache-2.0): every object we
 * write carries the keys the same schema carries in the samples.
 */
class OtioConformanceTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Path SAMPLES = Path.of(System.getProperty("cinestack.shared", "../shared"), "material", "otio",
        "core-sample_data");

    @Test
    void writesTheKeysOfTheSampleSchemas() throws Exception {
        assumeTrue(Files.isDirectory(SAMPLES), "shared/material/otio is absent: skipping the OTIO conformance test");
        Timeline t = Assembly.cut("T", 24, List.of(new Clip("a", Path.of("/tmp/a.mp4"), 0, 48, 48, "d1"),
            new Clip("b", Path.of("/tmp/b.mp4"), 2, 10, 24, "d2")));
        JsonNode ours = JSON.readTree(OtioWriter.toJson(t, null));
        List<JsonNode> samples = new ArrayList<>();
        try (var files = Files.list(SAMPLES)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".otio")).toList()) samples.add(JSON.readTree(
                // some samples hold bare Inf, -Infinity, NaN (not JSON); never a key, so read it as null
                Files.readString(p).replaceAll("(?<![\\w\"])-?(Inf(inity)?|NaN)(?![\\w\"])", "null")));
        }
        for (String schema : List.of("Timeline.1", "Stack.1", "Track.1", "Clip.2", "ExternalReference.1",
            "TimeRange.1", "RationalTime.1")) {
            Set<String> sampleKeys = new TreeSet<>();
            for (JsonNode s : samples) collect(s, schema, sampleKeys);
            Set<String> ourKeys = new TreeSet<>();
            collect(ours, schema, ourKeys);
            assertThat(sampleKeys).as("samples use %s", schema).isNotEmpty();
            assertThat(sampleKeys).as("keys of %s", schema).containsAll(ourKeys);
            Set<String> required = new TreeSet<>(sampleKeys);
            required.retainAll(Set.of("OTIO_SCHEMA", "name", "children", "kind", "source_range", "media_references",
                "active_media_reference_key", "target_url", "available_range", "duration", "start_time", "rate",
                "value", "tracks"));
            assertThat(ourKeys).as("required keys of %s", schema).containsAll(required);
        }
        JsonNode clip = ours.get("tracks").get("children").get(0).get("children").get(1);
        assertThat(clip.get("source_range").get("start_time").get("value").asDouble()).isEqualTo(2.0);
        assertThat(clip.get("source_range").get("duration").get("value").asDouble()).isEqualTo(10.0);
    }

    static void collect(JsonNode n, String schema, Set<String> keys) {
        if (n.isObject()) {
            if (schema.equals(n.path("OTIO_SCHEMA").asString(""))) n.propertyNames().forEach(keys::add);
            for (JsonNode c : n) collect(c, schema, keys);
        } else if (n.isArray()) {
            for (JsonNode c : n) collect(c, schema, keys);
        }
    }
}
