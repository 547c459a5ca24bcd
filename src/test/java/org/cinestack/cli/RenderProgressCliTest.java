package org.cinestack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cinestack.TestFilms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code render --progress-json} and {@code --quiet} on a real render of a small film. */
class RenderProgressCliTest {
    private static final String FILM = TestFilms.withAna("Steps", 320, 180, "EXT. PIER - DAWN",
        "{id: a, size: ws, subject: ana, duration: 1}",
        "{id: b, size: mcu, subject: ana, duration: 1.5, camera: {move: pan-left}}");

    @Test
    void progressJsonIsOneObjectPerEventThenTheSummary(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("film.yaml"), FILM);
        CliRun o = CliRun.of("render", "--progress-json", dir.toString());
        assertThat(o.code()).as(o.err()).isZero();
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> events = o.out().lines().map(json::readTree).toList();
        assertThat(events.getLast().get("event").asString()).isEqualTo("summary");
        assertThat(events.getLast().get("frames").asInt()).isEqualTo(60);
        assertThat(events.getLast().get("takesGenerated").asInt()).isEqualTo(2);
        // the jobs of the render's graph, each queued, started and done, interleaved with the progress
        List<JsonNode> jobs = events.stream().filter(e -> e.get("event").asString().equals("job")).toList();
        assertThat(jobs).filteredOn(e -> e.get("state").asString().equals("done")).extracting(e -> e.get("kind")
            .asString() + " " + e.get("subject").asString()).contains("shoot a", "shoot b", "dailies a", "dailies b",
            "cut steps", "mix steps",
            "master steps", "interchange steps", "provenance steps");
        // the cut takes each shot's circled take from its dailies, which take it from its shoot
        List<String> dailies = jobs.stream().filter(e -> e.get("state").asString().equals("queued")
            && e.get("kind").asString().equals("dailies")).map(e -> e.get("job").asString()).toList();
        assertThat(dailies).hasSize(2);
        assertThat(jobs).filteredOn(e -> e.get("state").asString().equals("queued") && e.get("kind").asString()
            .equals("cut")).singleElement().satisfies(e -> assertThat(e.get("needs")).extracting(
                JsonNode::asString).as("each shot's dailies").containsExactlyInAnyOrderElementsOf(dailies));
        List<JsonNode> progress = events.subList(0, events.size() - 1).stream()
            .filter(e -> !e.get("event").asString().equals("job")).toList();
        assertThat(progress).allSatisfy(e -> {
            assertThat(e.get("stage").asString()).isIn("shoot", "mix", "master");
            assertThat(e.get("elapsedSeconds").asDouble()).isNotNegative();
            assertThat(e.get("etaSeconds").asDouble()).isGreaterThanOrEqualTo(-1);
            assertThat(e.get("framesDone").asLong()).isBetween(0L, e.get("framesTotal").asLong());
        });
        assertThat(progress).filteredOn(e -> e.get("event").asString().equals("shot")).extracting(e -> e.get("shot")
            .asString()).containsExactly("a", "b");
        assertThat(progress).filteredOn(e -> e.get("event").asString().equals("stage")).extracting(e -> e.get("stage")
            .asString()).containsExactly("shoot", "mix", "master");
        JsonNode lastMaster = progress.stream().filter(e -> e.get("stage").asString().equals("master")
            && e.get("event").asString().equals("progress")).reduce((a, b) -> b).orElseThrow();
        assertThat(lastMaster.get("framesDone").asLong()).isEqualTo(60);
        assertThat(progress.getLast().get("event").asString()).isEqualTo("done");
        assertThat(progress.getLast().get("etaSeconds").asDouble()).isZero();
        // elapsed time only grows
        for (int i = 1; i < progress.size(); i++) {
            assertThat(progress.get(i).get("elapsedSeconds").asDouble())
                .isGreaterThanOrEqualTo(progress.get(i - 1).get("elapsedSeconds").asDouble());
        }
    }

    @Test
    void quietPrintsNoProgressAndAPipeGetsOneLinePerStep(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("film.yaml"), FILM);
        CliRun quiet = CliRun.of("render", "--quiet", dir.toString());
        assertThat(quiet.code()).isZero();
        assertThat(quiet.err()).doesNotContain("shoot", "master");
        assertThat(quiet.out()).contains("steps.mp4: 60 frames");
        Files.writeString(dir.resolve("film.yaml"), FILM.replace("pan-left", "pan-right")); // one shot to make again
        CliRun plain = CliRun.of("render", dir.toString()); // standard error is not a terminal here
        assertThat(plain.err().lines().filter(l -> !l.startsWith("warning:"))
            .map(l -> l.replaceFirst(" \\(ETA \\d+:\\d\\d\\)$", "")).toList())
            .containsExactly("shoot 1/2 a: cached", "shoot 2/2 b: 36 frames", "mix", "master", "master: 60 frames encoded");
    }
}
