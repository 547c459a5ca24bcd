package org.cinestack.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.cli.Main;
import org.cinestack.shoot.TakeStore;

/**
 * Renders a small film end to end and measures the output with ffprobe and ffmpeg (the reference tools, from Debian's
 * ffmpeg package, installed by .ci/run).
 */
class RenderEndToEndTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    static final String FILM = """
        title: Small Film
        seed: 11
        format: {aspect: 2.39, width: 320, height: 180, fps: 24}
        look: {grain: 0.3}
        cast:
          - {id: ana, name: Ana, wardrobe: green coat, voice: en}
          - {id: ben, name: Ben, wardrobe: white shirt}
        scenes:
          - id: one
            heading: EXT. FIELD - DAY
            weather: rain
            shots:
              - {id: a, size: ws, subject: ana, duration: 1, camera: {move: dolly-in}}
              - id: b
                size: mcu
                subject: ben
                duration: 1.5
                camera: {move: pan-left}
                dialogue: [{character: ben, line: Hello there.}]
          - id: two
            heading: INT. KITCHEN - NIGHT
            shots:
              - {id: c, size: cu, subject: ana, duration: 1, camera: {move: handheld}}
        """;

    @Test
    void rendersMeasuresCachesAndRejectsBadInput(@TempDir Path dir) throws Exception {
        Path film = dir.resolve("film.yaml");
        Files.writeString(film, FILM);
        FilmRender.Options options = new FilmRender.Options(null, 1, "previs", 2, new RenderListener() { });
        FilmRender.Result first = FilmRender.render(dir, options);
        assertThat(first.takesGenerated()).isEqualTo(3);
        assertThat(first.totalFrames()).isEqualTo(24 + 36 + 24);

        JsonNode probe = ffprobe(first.master());
        JsonNode video = stream(probe, "video"), audio = stream(probe, "audio");
        assertThat(video.get("codec_name").asString()).isEqualTo("h264");
        assertThat(video.get("profile").asString()).isEqualTo("High");
        assertThat(video.get("pix_fmt").asString()).isEqualTo("yuv420p");
        assertThat(video.get("width").asInt()).isEqualTo(320);
        assertThat(video.get("height").asInt()).isEqualTo(180);
        assertThat(video.get("r_frame_rate").asString()).isEqualTo("24/1");
        assertThat(video.get("nb_read_frames").asInt()).isEqualTo(84);
        assertThat(audio.get("codec_name").asString()).isEqualTo("aac");
        assertThat(audio.get("sample_rate").asString()).isEqualTo("48000");
        assertThat(audio.get("channels").asInt()).isEqualTo(2);

        // letterbox: 320x134 picture in 320x180, bars of 23 rows; bars black, picture not
        byte[] gray = decodeGray(first.master());
        int frameSize = 320 * 180;
        assertThat(gray.length).isEqualTo(84 * frameSize);
        for (int f = 0; f < 84; f += 7) {
            int barMax = 0;
            long picture = 0;
            for (int y = 0; y < 180; y++) {
                for (int x = 0; x < 320; x++) {
                    int v = gray[f * frameSize + y * 320 + x] & 255;
                    if (y < 21 || y > 158) barMax = Math.max(barMax, v);
                    if (y >= 23 && y < 157) picture += v;
                }
            }
            assertThat(barMax).as("bar luma, frame %d", f).isLessThanOrEqualTo(18);
            assertThat(picture / (320.0 * 134)).as("picture luma, frame %d", f).isGreaterThan(20);
        }

        // the OTIO lists the three clips with their frame counts
        JsonNode otio = JSON.readTree(first.otio().toFile());
        JsonNode clips = otio.get("tracks").get("children").get(0).get("children");
        assertThat(clips).hasSize(3);
        assertThat(clips.get(1).get("source_range").get("duration").get("value").asDouble()).isEqualTo(36.0);
        // provenance names the takes by digest
        JsonNode prov = JSON.readTree(first.provenance().toFile());
        assertThat(prov.get("ingredients")).hasSize(3);
        assertThat(prov.at("/ingredients/0/digitalSourceType").asString()).endsWith("/algorithmicMedia");
        assertThat(prov.at("/assertions/0/label").asString()).isEqualTo("c2pa.actions");
        assertThat(prov.at("/assertions/1/data/generative").asBoolean()).isFalse();
        assertThat(prov.get("masterDigest").asString()).isEqualTo(TakeStore.sha256(first.master()));

        // a second render with no change makes nothing
        FilmRender.Result second = FilmRender.render(dir, options);
        assertThat(second.takesGenerated()).isZero();
        assertThat(second.masterReused()).isTrue();

        // changing one shot's move remakes that shot only
        Files.writeString(film, FILM.replace("move: pan-left", "move: pan-right"));
        FilmRender.Result third = FilmRender.render(dir, options);
        assertThat(third.takesGenerated()).isEqualTo(1);
        assertThat(third.masterReused()).isFalse();

        // bad input: exit 2, every problem listed, out/ untouched
        long before = Files.getLastModifiedTime(third.master()).toMillis();
        String masterDigest = TakeStore.sha256(third.master());
        Files.writeString(film, FILM.replace("move: dolly-in", "move: dolly-sideways")
            .replace("duration: 1.5", "durashun: 1.5").replace("fps: 24", "fps: 0").replace("subject: ben", "subject: bob"));
        var err = new java.io.ByteArrayOutputStream();
        var oldErr = System.err;
        int code;
        try {
            System.setErr(new java.io.PrintStream(err, true));
            code = Main.run("render", dir.toString());
        } finally {
            System.setErr(oldErr);
        }
        assertThat(code).isEqualTo(2);
        String text = err.toString();
        assertThat(text).contains("film.yaml:3:").contains("'fps' is 0")
            .contains("unknown move 'dolly-sideways'").contains("allowed: static")
            .contains("subject 'bob' is not a cast id").contains("missing 'duration'")
            .doesNotContain("Exception");
        assertThat(Files.getLastModifiedTime(third.master()).toMillis()).isEqualTo(before);
        assertThat(TakeStore.sha256(third.master())).isEqualTo(masterDigest);
    }

    /** The README's first command, on a copy of the example: the acceptance facts of the delivered master. */
    @Test
    void theExampleFilmRendersToTheDeliverySpec(@TempDir Path dir) throws Exception {
        // the example as written, asking for the vertical deliverable too
        Files.writeString(dir.resolve("film.yaml"), Files.readString(Path.of("examples/the-last-lamp/film.yaml"))
            .replaceFirst("\ncast:", "\ndeliver: [master, vertical]\ncast:"));
        List<RenderEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        ProgressRecording recording = new ProgressRecording(new RenderClock(events::add, w -> { }));
        FilmRender.Result r = FilmRender.render(dir, new FilmRender.Options(null, 1, "previs", 2, recording));
        recording.end();
        double total = (System.nanoTime() - start) / 1e9;
        // kept for judging changes to the clock against a real render (ProgressReplayTest)
        Files.write(Path.of("target/example-render-progress.txt"), recording.lines());
        List<RenderEvent> judged = List.copyOf(events).stream().filter(e -> e.elapsedSeconds() >= total / 3
            && e.etaSeconds() >= 0).toList();
        double worst = judged.stream().filter(e -> total - e.elapsedSeconds() > 8).mapToDouble(e -> Math.abs(
            e.etaSeconds() - (total - e.elapsedSeconds())) / (total - e.elapsedSeconds())).max().orElse(0);
        System.out.printf(java.util.Locale.ROOT, "time left: %d events from a third of the %.1f s render on, the "
            + "worst %.0f %% off (more than 8 s before the end)%n", judged.size(), total, 100 * worst);
        assertThat(judged.size()).isGreaterThan(100);
        // the 25 % is held on recorded renders replayed on their own clocks (ProgressReplayTest); live, another
        // process on the same 2 cores changes the rates under the estimate (34 % seen with a build running beside
        // it), so here the time left must only stay within half of the truth
        assertThat(ProgressRecording.offByMoreThan(0.5, List.copyOf(events), total))
            .as("time left off by more than 50 %% (render took %.1f s)", total).isEmpty();
        // the render's dailies: every take has its qa.json, and none of the example's takes has a major defect
        // against the move its shot asked for
        try (var walk = Files.walk(dir.resolve(".cinestack/takes"))) {
            List<Path> takes = walk.filter(p -> p.getFileName().toString().equals("take.mp4")).toList();
            assertThat(takes).hasSize(14);
            for (Path take : takes) {
                JsonNode qa = JSON.readTree(take.resolveSibling("qa.json").toFile());
                String shot = org.cinestack.shoot.TakeRecord.read(take.getParent()).spec().path("shotId").asString();
                assertThat(qa.get("rejected").asBoolean()).as(shot + ": " + qa.get("defects")).isFalse();
                assertThat(qa.at("/metrics/frames").asInt()).as(shot).isPositive();
            }
        }
        assertThat(r.warnings()).noneMatch(w -> w.startsWith("dailies:"));
        // the same pictures as the render made before it became a job graph: every take and every master frame
        List<String> hashes = FrameHashes.lines(r.master(), dir.resolve(".cinestack"));
        assertThat(hashes).as("decoded takes and master frames").containsExactlyElementsOf(FrameHashes.recordOrRead(
            Path.of("src/test/resources/org/cinestack/render/example-frame-hashes.txt"), hashes));
        var plan = org.cinestack.plan.Planner.plan(org.cinestack.film.FilmReader.read(dir.resolve("film.yaml")));
        int sum = plan.specs().stream().mapToInt(org.cinestack.plan.ShotSpec::frameCount).sum();
        JsonNode probe = ffprobe(r.master());
        JsonNode video = stream(probe, "video"), audio = stream(probe, "audio");
        assertThat(video.get("codec_name").asString()).isEqualTo("h264");
        assertThat(video.get("profile").asString()).isEqualTo("High");
        assertThat(video.get("width").asInt()).isEqualTo(1920);
        assertThat(video.get("height").asInt()).isEqualTo(1080);
        assertThat(video.get("r_frame_rate").asString()).isEqualTo("24/1");
        assertThat(video.get("nb_read_frames").asInt()).isEqualTo(sum).isEqualTo(r.totalFrames());
        assertThat(audio.get("codec_name").asString()).isEqualTo("aac");
        assertThat(audio.get("sample_rate").asString()).isEqualTo("48000");
        assertThat(audio.get("channels").asInt()).isEqualTo(2);
        // the sound meets the default (web) target by FFmpeg's meter: -14 LUFS +-0.5, true peak <= -1 dBTP
        if (org.cinestack.mix.Speech.find().isPresent()) {
            var loud = org.cinestack.mix.LoudnessAgreementTest.ffmpeg(r.master());
            assertThat(loud.integrated()).isCloseTo(-14, org.assertj.core.data.Offset.offset(0.5));
            assertThat(loud.truePeak()).isLessThanOrEqualTo(-1.0);
        }
        // the vertical deliverable: 1080x1920, every frame, and the window keeps the subject (or, where the subject is
        // wider than a 9:16 window, its head) inside in every frame
        Path vertical = dir.resolve("out/the-last-lamp.vertical.mp4");
        JsonNode vprobe = stream(ffprobe(vertical), "video");
        assertThat(vprobe.get("width").asInt()).isEqualTo(1080);
        assertThat(vprobe.get("height").asInt()).isEqualTo(1920);
        assertThat(vprobe.get("nb_read_frames").asInt()).isEqualTo(sum);
        JsonNode crops = JSON.readTree(dir.resolve("out/the-last-lamp.vertical.crops.json").toFile());
        assertThat(crops).hasSize(plan.specs().size());
        int frames = 0, heads = 0;
        for (JsonNode shot : crops) {
            int cw = shot.get("cropWidth").asInt();
            for (int i = 0; i < shot.get("left").size(); i++, frames++) {
                int left = shot.get("left").get(i).asInt();
                JsonNode kept = shot.get("kept").get(i), subject = shot.get("subject").get(i);
                if (subject.get(2).asInt() <= cw) {
                    assertThat(kept).as("the subject fits, so it is what is kept").isEqualTo(subject);
                } else if (!kept.equals(subject)) {
                    heads++;
                }
                if (kept.get(2).asInt() > 0 && kept.get(2).asInt() <= cw) {
                    assertThat(left).as("%s frame %d", shot.get("shot").asString(), i)
                        .isLessThanOrEqualTo(kept.get(0).asInt())
                        .isGreaterThanOrEqualTo(kept.get(0).asInt() + kept.get(2).asInt() - cw);
                }
            }
        }
        assertThat(frames).isEqualTo(sum);
        assertThat(heads).as("frames kept by the head: the subject is wider than the window").isLessThan(sum);
        // every take has its depth pass and its take.json beside it
        try (var walk = Files.walk(dir.resolve(".cinestack/takes"))) {
            List<Path> takes = walk.filter(p -> p.getFileName().toString().equals("take.json")).toList();
            assertThat(takes).hasSize(plan.specs().size());
            for (Path t : takes) {
                assertThat(t.resolveSibling("depth.mp4")).exists();
                JsonNode j = JSON.readTree(t.toFile());
                assertThat(j.get("subjectBoxes")).hasSize(j.get("frames").asInt());
            }
        }
    }

    static JsonNode stream(JsonNode probe, String type) {
        for (JsonNode s : probe.get("streams")) if (s.get("codec_type").asString().equals(type)) return s;
        throw new AssertionError("no " + type + " stream in " + probe);
    }

    static JsonNode ffprobe(Path file) throws Exception {
        return JSON.readTree(run(List.of("ffprobe", "-v", "error", "-count_frames", "-show_streams", "-of", "json",
            file.toString())));
    }

    static byte[] decodeGray(Path file) throws Exception {
        return run(List.of("ffmpeg", "-v", "error", "-i", file.toString(), "-f", "rawvideo", "-pix_fmt", "gray",
            "-"));
    }

    static byte[] run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
        return out.toByteArray();
    }
}
