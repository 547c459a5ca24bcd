package org.cinestack.shoot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** take.json is written and read as one record, in the flat layout every version has written. */
class TakeRecordTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aRecordComesBackAsItWentAndTheFileStaysFlat(@TempDir Path dir) throws IOException {
        TakeRecord.Made made = new TakeRecord.Made("gen4_turbo", "task-1", "t-1", 0.25, 0.24,
            Map.of("width", 1280, "height", 720), JSON.readTree("{\"promptText\": \"a lighthouse\"}"), null, null, null,
            Map.of("queuePosition", 3));
        TakeRecord r = new TakeRecord("runway", "runway-3", "abc", 2, 77, "2026-12-06T06:00:00Z", 12.5, "d1", 1234, 48,
            null, made, JSON.readTree("{\"shotId\": \"s1\"}"));
        r.write(dir);
        JsonNode flat = JSON.readTree(dir.resolve("take.json").toFile());
        assertThat(flat.path("model").asString()).isEqualTo("gen4_turbo");
        assertThat(flat.path("jobId").asString()).isEqualTo("t-1");
        assertThat(flat.path("queuePosition").asInt()).isEqualTo(3);
        assertThat(flat.has("made")).isFalse();
        assertThat(flat.has("depthDigest")).as("nothing null is written").isFalse();
        List<String> keys = new java.util.ArrayList<>();
        flat.propertyNames().forEach(keys::add);
        assertThat(keys.getLast()).isEqualTo("spec");

        TakeRecord back = TakeRecord.read(dir);
        assertThat(back.backend()).isEqualTo("runway");
        assertThat(back.take()).isEqualTo(2);
        assertThat(back.model()).isEqualTo("gen4_turbo");
        assertThat(back.costUsd()).isEqualTo(0.24);
        assertThat(back.subjectBoxes()).isEmpty();
        assertThat(back.spec().path("shotId").asString()).isEqualTo("s1");
    }

    @Test
    void aPrevisTakeOfAnEarlierVersionReadsWithItsBoxes(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("take.json"), """
            {"backend": "previs", "backendVersion": "previs-11", "specDigest": "abc", "take": 1, "seed": 5,
             "createdAt": "2026-11-01T00:00:00Z", "renderSeconds": 1.0, "mediaDigest": "d", "frames": 2,
             "depthEncoding": "gray8", "subjectBoxes": [[1, 2, 3, 4], [5, 6, 7, 8]], "headBoxes": [],
             "spec": {"shotId": "a"}}
            """);
        TakeRecord r = TakeRecord.read(dir);
        assertThat(r.mediaBytes()).as("not recorded then: not checked").isZero();
        assertThat(r.subjectBoxes()).hasValueSatisfying(b -> assertThat(b.get(1)).containsExactly(5, 6, 7, 8));
        assertThat(r.headBoxes()).as("an empty list is no boxes").isEmpty();
        assertThat(r.costUsd()).isZero();
        assertThat(r.model()).isEmpty();
    }

    @Test
    void somethingElseIsAnErrorNamingTheFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("take.json"), "[1, 2]");
        assertThatThrownBy(() -> TakeRecord.read(dir)).isInstanceOf(IOException.class)
            .hasMessageContaining("take.json");
    }
}
