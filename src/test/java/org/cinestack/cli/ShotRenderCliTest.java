package org.cinestack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.cinestack.TestFilms;

/**
 * {@code cinestack render --shot}: on a project where the other shots have no takes, the summary names the shots the
 * master waits for (in words and in the JSON summary); a shot not in the film is bad input (exit 2) naming the film's
 * shots, with no stack trace.
 */
class ShotRenderCliTest {
    @Test
    void theSummarySaysWhatTheMasterWaitsForAndAnUnknownShotIsBadInput(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("film.yaml"), TestFilms.withAna("Parts", 320, 180, "INT. ROOM - DAY",
            "{id: a, size: ws, subject: ana, duration: 1}", "{id: b, size: cu, subject: ana, duration: 1}",
            "{id: c, size: ms, subject: ana, duration: 1}"));
        CliRun words = CliRun.of("render", "--quiet", "--shot", "b", dir.toString());
        assertThat(words.code()).as(words.err()).isZero();
        assertThat(words.out()).contains("shot(s) b: 1 take(s) generated").contains("the master waits for a, c");
        assertThat(words.err()).contains("the master waits for 2 shot(s) with no takes yet (a, c)");

        CliRun json = CliRun.of("render", "--progress-json", "--shot", "a,b", dir.toString());
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode summary = JsonMapper.builder().build().readTree(json.out().lines()
            .filter(l -> l.contains("\"summary\"")).findFirst().orElseThrow());
        assertThat(summary.path("takesGenerated").asInt()).as("b's take was there").isEqualTo(1);
        assertThat(summary.path("masterWaitsFor").toString()).isEqualTo("[\"c\"]");
        assertThat(dir.resolve("out/parts.mp4")).doesNotExist();

        CliRun bad = CliRun.of("render", "--shot", "zz", dir.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("no shot 'zz' in film.yaml; its shots: a, b, c").doesNotContain("\tat ");
    }
}
