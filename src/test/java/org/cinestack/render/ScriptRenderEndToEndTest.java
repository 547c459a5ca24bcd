package org.cinestack.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.cli.Main;
import org.cinestack.film.Film;
import org.cinestack.film.FilmReader;
import org.cinestack.film.Shot;

/**
 * From a screenplay to a film: {@code render} straight from a script, and the editable route (breakdown to
 * film.yaml, edit, render), measured with ffprobe.
 */
class ScriptRenderEndToEndTest {

    @Test
    void rendersStraightFromAScript(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("knock.fountain");
        Files.writeString(script, "INT. HALL - NIGHT\n\nA KNOCK at the door.\n\nNELL\nWho is there?\n");
        assertThat(Main.run("render", script.toString(), "--out", dir.resolve("out").toString())).isZero();
        Film planned = FilmRender.readFilm(script);
        int frames = planned.scenes().stream().flatMap(s -> s.shots().stream())
            .mapToInt(s -> (int) Math.round(s.durationSeconds() * 24)).sum();
        Path master = dir.resolve("out").resolve(planned.slug() + ".mp4");
        JsonNode video = RenderEndToEndTest.stream(RenderEndToEndTest.ffprobe(master), "video");
        assertThat(video.get("width").asInt()).isEqualTo(1920);
        assertThat(video.get("nb_read_frames").asInt()).isEqualTo(frames);
    }

    @Test
    void breakdownEditRender(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("film.yaml");
        assertThat(Main.run("breakdown", "examples/night-ferry/night-ferry.fountain", "-o", yaml.toString()))
            .isZero();
        Film broken = FilmReader.read(yaml);
        // the filmmaker's edit: a small format for a quick look
        Files.writeString(yaml, Files.readString(yaml).replace("width: 1920", "width: 320")
            .replace("height: 1080", "height: 180"));
        assertThat(Main.run("render", dir.toString())).isZero();
        int frames = broken.scenes().stream().flatMap(s -> s.shots().stream())
            .mapToInt(s -> (int) Math.round(s.durationSeconds() * 24)).sum();
        double seconds = broken.scenes().stream().flatMap(s -> s.shots().stream()).mapToDouble(Shot::durationSeconds)
            .sum();
        Path master = dir.resolve("out").resolve("night-ferry.mp4");
        JsonNode probe = RenderEndToEndTest.ffprobe(master);
        JsonNode video = RenderEndToEndTest.stream(probe, "video");
        assertThat(video.get("width").asInt()).isEqualTo(320);
        assertThat(video.get("nb_read_frames").asInt()).isEqualTo(frames);
        assertThat(frames / 24.0).isCloseTo(seconds, org.assertj.core.data.Offset.offset(0.5));
        assertThat(broken.shotCount()).isEqualTo(13);
    }
}
