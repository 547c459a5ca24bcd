package org.cinestack.shoot.comfyui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.film.FilmReader;
import org.cinestack.media.MediaInfo;
import org.cinestack.plan.Plan;
import org.cinestack.plan.Planner;
import org.cinestack.plan.ShotSpec;
import org.cinestack.render.FilmRender;
import org.cinestack.render.RenderListener;
import org.cinestack.shoot.remote.Ledger;
import org.cinestack.shoot.remote.ShootException;

/**
 * The whole render through the ComfyUI client against a stand-in server on loopback that returns real clips. The
 * request shapes are ComfyUI's (docs.comfy.org/development/comfyui-server/comms_routes and comms_messages): the
 * workflow in API format carrying our prompt, negative prompt and seed, a client_id matching the websocket's.
 */
class ComfyUiRenderTest {
    static final String FILM = """
        title: Harbour Light
        seed: 12
        format: {aspect: 1.78, width: 320, height: 180, fps: 24}
        look: {prohibitions: [modern cars]}
        cast:
          - {id: ana, name: Ana, description: "forties, cropped grey hair", wardrobe: navy pea coat}
        scenes:
          - id: one
            heading: EXT. HARBOUR - DUSK
            shots:
              - {id: a, size: ws, subject: ana, action: she walks the quay, duration: 1.5,
                 camera: {move: truck-right, speed: 0.4}}
              - {id: b, size: mcu, subject: ana, action: she looks out to sea, emotion: hope, duration: 2,
                 camera: {move: dolly-in, speed: 0.4}}
              - {id: c, size: insert, subject: the lamp, action: the lamp flickers on, duration: 1}
        """;

    @TempDir
    Path dir;
    FakeComfyUi server;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(dir.resolve("server"));
        server = new FakeComfyUi(dir.resolve("server"));
        Files.writeString(dir.resolve("film.yaml"), FILM);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    FilmRender.Result render(FilmRender.Shoot shoot) {
        // no retakes: the stand-in's moving bar is no picture of its shot, and the dailies would rightly reject it
        return FilmRender.render(dir, new FilmRender.Options(null, 1, "comfyui", 2, new RenderListener() { },
            org.cinestack.mix.Delivery.WEB, shoot).withRetakes(0));
    }

    FilmRender.Shoot shoot() {
        return new FilmRender.Shoot(List.of(server.url()), Optional.empty(), Map.of(), false,
            Double.POSITIVE_INFINITY, Duration.ofMillis(100));
    }

    @Test
    void theFilmRendersAndEachRequestCarriesOurPromptNegativeAndSeed() throws Exception {
        FilmRender.Result r = render(shoot());
        Plan plan = Planner.plan(FilmReader.read(dir.resolve("film.yaml")));
        MediaInfo m = MediaInfo.probe(r.master());
        assertThat(m.frameCount()).isEqualTo(plan.totalFrames());
        assertThat(server.posts).hasSize(3);
        for (int i = 0; i < 3; i++) {
            ShotSpec spec = plan.specs().get(i);
            ObjectNode body = server.posts.stream().filter(b -> b.toString().contains("cinestack/" + spec.shotId()
                + "\"")).findFirst().orElseThrow();
            JsonNode g = body.get("prompt");
            assertThat(g.path("5").path("class_type").asString()).isEqualTo("CLIPTextEncode");
            assertThat(g.path("5").path("inputs").path("text").asString()).isEqualTo(spec.prompt().text());
            assertThat(g.path("6").path("inputs").path("text").asString()).isEqualTo(spec.prompt().negative())
                .startsWith("modern cars");
            assertThat(g.path("8").path("inputs").path("seed").isNumber()).isTrue();
            assertThat(g.path("8").path("inputs").path("seed").asLong()).isEqualTo(spec.seed());
            assertThat(g.path("7").path("inputs").path("length").asInt() % 4).isEqualTo(1); // Wan: 4k+1 frames
            assertThat(body.path("client_id").asString()).isNotBlank();
            assertThat(body.path("prompt_id").asString()).matches("[0-9a-f-]{36}");
        }
        Ledger ledger = new Ledger(dir.resolve(".cinestack"));
        assertThat(ledger.entries()).extracting(Ledger.Entry::outcome).containsOnly(Ledger.Outcome.SUBMITTED,
            Ledger.Outcome.SUCCEEDED).hasSize(6);
        JsonNode take = FakeComfyUi.JSON.readTree(Files.readString(Files.walk(dir.resolve(".cinestack/takes"))
            .filter(p -> p.endsWith("take.json")).findFirst().orElseThrow()));
        assertThat(take.path("backend").asString()).isEqualTo("comfyui");
        assertThat(take.path("model").asString()).isEqualTo("wan21-t2v");
        assertThat(take.path("request").path("prompt").isObject()).isTrue();

        FilmRender.Result again = render(shoot());
        assertThat(again.takesGenerated()).isZero();
        assertThat(server.posts).hasSize(3); // nothing is generated twice
    }

    @Test
    void aLostAnswerIsLookedUpNotPaidTwice() {
        server.loseAnswers.set(2);
        render(shoot());
        assertThat(server.jobs()).hasSize(3);
        assertThat(server.postedTwice()).isEmpty();
        assertThat(new Ledger(dir.resolve(".cinestack")).submissions().values()).allMatch(n -> n == 1);
    }

    @Test
    void aTruncatedDownloadIsFetchedAgain() {
        server.truncateDownloads.set(1);
        FilmRender.Result r = render(shoot());
        assertThat(MediaInfo.probe(r.master()).frameCount()).isPositive();
    }

    @Test
    void aFailedJobIsAClearErrorAndTheOtherTakesAreKept() {
        server.failJobs.set(1);
        assertThatThrownBy(() -> render(shoot())).isInstanceOf(ShootException.class)
            .hasMessageContaining("KSampler").hasMessageContaining("OutOfMemoryError")
            .hasMessageContaining("2 takes were made and are kept");
        render(shoot());
        assertThat(server.jobs()).hasSize(4); // a new job, under a new id, for the failed take only
        assertThat(server.posts).hasSize(4);
        assertThat(new Ledger(dir.resolve(".cinestack")).entries()).filteredOn(e -> e.outcome()
            == Ledger.Outcome.FAILED).hasSize(1);
    }

    @Test
    void thePrevisDepthPassIsTheControlVideo() {
        render(new FilmRender.Shoot(List.of(server.url()), Optional.empty(), Map.of(), true, Double.POSITIVE_INFINITY,
            Duration.ofMillis(100)));
        assertThat(server.uploads).hasSize(3).allMatch(n -> n.contains("depth"));
        for (ObjectNode b : server.posts) {
            JsonNode g = b.get("prompt");
            assertThat(g.path("9").path("class_type").asString()).isEqualTo("WanVaceToVideo");
            String control = g.path("7").path("inputs").path("file").asString();
            assertThat(server.uploads).contains(control);
            // Wan runs at 16 fps and WanVaceToVideo takes the control's first `length` frames
            // (comfy_extras/nodes_wan.py): the whole move must be in those frames, at that rate
            org.cinestack.media.MediaInfo m = org.cinestack.media.MediaInfo.probe(server.uploaded(control));
            int length = g.path("9").path("inputs").path("length").asInt();
            assertThat(m.frameRate()).as(control).isCloseTo(16.0, org.assertj.core.data.Offset.offset(0.01));
            assertThat(m.frameCount()).as(control).isEqualTo(length);
        }
    }

    @Test
    void theUsersOwnWorkflowIsFilledThroughItsMapping() throws Exception {
        String exported = new String(ComfyWorkflow.class.getResourceAsStream("wan21-t2v.json").readAllBytes())
            .replace("\"{{prompt}}\"", "\"a cat\"").replace("\"{{seed}}\"", "1").replace("\"{{negative}}\"", "\"\"");
        Path wf = dir.resolve("mine.json");
        Files.writeString(wf, exported);
        render(new FilmRender.Shoot(List.of(server.url()), Optional.of(wf), Map.of("prompt", "5.text", "seed",
            "8.seed", "negative", "6.text"), false, Double.POSITIVE_INFINITY, Duration.ofMillis(100)));
        Plan plan = Planner.plan(FilmReader.read(dir.resolve("film.yaml")));
        assertThat(server.posts).extracting(b -> b.get("prompt").path("5").path("inputs").path("text").asString())
            .containsExactlyInAnyOrderElementsOf(plan.specs().stream().map(s -> s.prompt().text()).toList());
        Files.writeString(wf, "{\"nodes\": []}");
        assertThatThrownBy(() -> ComfyWorkflow.read(wf, Map.of())).hasMessageContaining("Export (API)");
        Files.writeString(wf, exported);
        assertThatThrownBy(() -> ComfyWorkflow.read(wf, Map.of("prompt", "99.text"))).hasMessageContaining(
            "no such node input");
    }

    @Test
    void withoutAServerTheRenderSaysHowToNameOne() {
        int code = org.cinestack.cli.Main.run("render", dir.toString(), "--backend", "comfyui");
        if (System.getenv("COMFYUI_URL") == null) assertThat(code).isEqualTo(2);
        assertThat(server.posts).isEmpty();
    }
}
