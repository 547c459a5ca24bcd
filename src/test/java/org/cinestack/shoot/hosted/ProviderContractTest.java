package org.cinestack.shoot.hosted;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.imageio.ImageIO;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.film.FilmReader;
import org.cinestack.plan.Planner;
import org.cinestack.plan.ShotSpec;
import org.cinestack.shoot.remote.Budget;
import org.cinestack.shoot.remote.GenerationRequest;
import org.cinestack.shoot.remote.Http;
import org.cinestack.shoot.remote.Ledger;
import org.cinestack.shoot.remote.ShootException;

/**
 * Each hosted client against its provider's own words: the requests it builds are checked against the request
 * examples and schemas in the providers' SDKs and specifications ({@link ProviderFixtures}, sources in
 * {@code providers/SOURCES.md}), and their documented error shapes are read as they are written. Every check here
 * failed before the client was changed to follow its provider.
 */
class ProviderContractTest {
    @TempDir
    Path dir;
    WireMockServer wm;

    @BeforeEach
    void start() {
        wm = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        wm.start();
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    HostedBackend open(String id, String model, KlingBackend.Settings kling) {
        HostedBackends.Options o = new HostedBackends.Options(model, Duration.ofMillis(10), Duration.ofSeconds(20),
            new Http.RetryPolicy(1, Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofSeconds(5)), 2, kling);
        return HostedBackends.open(id, HostedContractTest.env(wm.baseUrl()), dir.resolve(".cinestack"),
            new Ledger(dir.resolve(".cinestack")), Budget.unlimited(), o);
    }

    HostedBackend open(String id, String model) {
        return open(id, model, KlingBackend.Settings.DEFAULT);
    }

    /** A shot of the given length and move, whose negative prompt is not empty (the film prohibits lens flare). */
    static ShotSpec shot(double seconds, String move) {
        return Planner.plan(FilmReader.parse("""
            title: Contract
            format: {aspect: 1.78, width: 128, height: 72, fps: 24}
            look: {prohibitions: [lens flare]}
            scenes:
              - id: one
                heading: EXT. HARBOUR - DAWN
                shots:
                  - {id: a, size: ws, subject: fishing boats leave the harbour, camera: {move: %s}, duration: %s}
            """.formatted(move, seconds), "contract.yaml")).specs().getFirst();
    }

    Path still(String name, int size) throws IOException {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        java.util.Random r = new java.util.Random(7);
        for (int y = 0; y < size; y++) for (int x = 0; x < size; x++) img.setRGB(x, y, r.nextInt(0x1000000));
        Path p = dir.resolve(name);
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    static Set<String> keys(JsonNode n) {
        return new TreeSet<>(n.propertyNames());
    }

    // ---- Luma -------------------------------------------------------------------------------------------------

    /** Luma's requests pass the CreateGeneration schema of its OpenAPI document, for every model it names. */
    @Test
    void lumaRequestsPassItsOpenApiSchema() {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(ProviderFixtures.text("luma/generation-create.schema.json"));
        assertThat(schema.validate(ProviderFixtures.text("luma/request-create-all-params.json"), InputFormat.JSON))
            .as("the SDK's own example passes the schema").isEmpty();
        for (String model : List.of("ray-2", "ray-flash-2", "ray-1-6")) {
            JsonNode body = open("luma", model).requestBody(GenerationRequest.of(shot(4, "pan-right")));
            assertThat(schema.validate(body.toString(), InputFormat.JSON)).as(model + ": " + body).isEmpty();
        }
    }

    /** ray-1-6 has no resolution or duration (ComfyUI's Luma nodes leave both out for it); ray-2 has both. */
    @Test
    void lumaSendsRay16NoResolutionOrDuration() {
        JsonNode old = open("luma", "ray-1-6").requestBody(GenerationRequest.of(shot(4, "static")));
        assertThat(keys(old)).doesNotContain("resolution", "duration");
        JsonNode ray2 = open("luma", "ray-2").requestBody(GenerationRequest.of(shot(4, "static")));
        assertThat(ray2.path("duration").asString()).isEqualTo("5s");
        assertThat(ray2.path("resolution").asString()).isIn("540p", "720p", "1080p", "4k");
    }

    // ---- Veo --------------------------------------------------------------------------------------------------

    /**
     * With reference images Veo's request has the shape Google's SDK sends (referenceType ASSET), and no negative
     * prompt: the service refuses the two together.
     */
    @Test
    void veoSendsReferencesAsTheSdkDoesAndNoNegativePromptBesideThem() throws IOException {
        JsonNode sdk = ProviderFixtures.json("veo/request-reference-images.schema-derived.json");
        HostedBackend veo = open("veo", "");
        GenerationRequest r = GenerationRequest.of(shot(6, "static")).withReferences(List.of(still("ana.png", 16)));
        JsonNode ours = veo.requestBody(r);
        assertThat(keys(ours)).isEqualTo(keys(sdk));
        assertThat(keys(ours.at("/instances/0"))).isEqualTo(keys(sdk.at("/instances/0")));
        assertThat(keys(ours.at("/instances/0/referenceImages/0"))).isEqualTo(keys(sdk.at(
            "/instances/0/referenceImages/0")));
        assertThat(ours.at("/instances/0/referenceImages/0/referenceType").asString()).isEqualTo("ASSET");
        assertThat(keys(ours.at("/instances/0/referenceImages/0/image")))
            .isEqualTo(keys(sdk.at("/instances/0/referenceImages/0/image")));
        assertThat(keys(ours.path("parameters"))).isEqualTo(keys(sdk.path("parameters")));

        JsonNode plain = veo.requestBody(GenerationRequest.of(shot(6, "static")));
        assertThat(plain.at("/parameters/negativePrompt").asString()).as("without references it is sent")
            .contains("lens flare");
    }

    /**
     * The Gemini base URL is the host, as Google's SDK takes it; one written the older way, with /v1beta, still
     * reaches the same paths.
     */
    @Test
    void veoTakesTheHostAsBaseUrlAndTheOlderFormToo() {
        assertThat(HostedBackends.hostRoot("veo", "https://generativelanguage.googleapis.com/v1beta/"))
            .isEqualTo("https://generativelanguage.googleapis.com");
        assertThat(HostedBackends.hostRoot("veo", "https://generativelanguage.googleapis.com"))
            .isEqualTo("https://generativelanguage.googleapis.com");
        assertThat(HostedBackends.hostRoot("replicate", "https://api.replicate.com/v1"))
            .isEqualTo("https://api.replicate.com");
        assertThat(HostedBackends.hostRoot("luma", "https://api.lumalabs.ai/dream-machine/v1/"))
            .as("others keep their path").isEqualTo("https://api.lumalabs.ai/dream-machine/v1");
        wm.stubFor(post(urlMatching(".*:predictLongRunning")).willReturn(aResponse().withStatus(400)
            .withHeader("Content-Type", "application/json")
            .withBody(ProviderFixtures.text("veo/error-400-invalid-argument.json"))));
        for (String base : List.of(wm.baseUrl(), wm.baseUrl() + "/v1beta", wm.baseUrl() + "/v1beta/")) {
            Map<String, String> env = new java.util.HashMap<>(HostedContractTest.env(wm.baseUrl()));
            env.put("GOOGLE_GEMINI_BASE_URL", base);
            HostedBackend veo = HostedBackends.open("veo", env, dir.resolve(".cinestack"),
                new Ledger(dir.resolve(".cinestack")), Budget.unlimited(), HostedBackends.Options.DEFAULT);
            assertThatThrownBy(() -> veo.shoot(shot(4, "static"), Files.createDirectories(dir.resolve("t")),
                (f, t) -> { })).isInstanceOf(ShootException.class).hasMessageContaining("error message");
        }
        assertThat(wm.findAll(anyRequestedFor(urlMatching(".*")))).extracting(q -> q.getUrl())
            .containsOnly("/v1beta/models/veo-3.1-fast-generate-preview:predictLongRunning");
    }

    /**
     * Veo refusing reference images as not supported (400, in Google's error shape) makes the shot again with its first
     * still as the first frame: two requests, the refused one charged nothing and booked as refused, the take made.
     */
    @Test
    void veoRefusingReferencesMakesTheShotFromTheFirstStillInstead() throws IOException {
        Path clip = dir.resolve("clip.mp4");
        org.cinestack.shoot.comfyui.FakeComfyUi.clip(clip, 64, 36, 24, 48);
        String refused = ProviderFixtures.text("veo/error-400-invalid-argument.json").replace("error message",
            "Reference images are not supported in your use case.");
        wm.stubFor(post(urlMatching(".*:predictLongRunning")).atPriority(1)
            .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("referenceImages"))
            .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(refused)));
        wm.stubFor(post(urlMatching(".*:predictLongRunning")).atPriority(5).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"name\":\"models/veo-3.1-fast-generate-preview/operations/o-1\"}")));
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo(
            "/v1beta/models/veo-3.1-fast-generate-preview/operations/o-1")).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/json").withBody(ProviderFixtures.filled(
                "veo/operation-done.schema-derived.json", Map.of("<video uri>", wm.baseUrl() + "/files/clip.mp4")))));
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/files/clip.mp4"))
            .willReturn(aResponse().withStatus(200).withBody(Files.readAllBytes(clip))));
        HostedBackend veo = open("veo", "");
        Path ana = still("ana.png", 16);
        veo.referencesFrom(s -> List.of(ana));
        org.cinestack.shoot.TakeRecord.Made take = veo.shoot(shot(2, "static"), Files.createDirectories(
            dir.resolve("take")), (f, t) -> { });

        List<com.github.tomakehurst.wiremock.verification.LoggedRequest> posts = wm.findAll(
            com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlMatching(".*:predictLongRunning")));
        assertThat(posts).hasSize(2);
        assertThat(posts.get(1).getBodyAsString()).doesNotContain("referenceImages").contains("\"image\"");
        assertThat(take.request().at("/instances/0/image/mimeType").asString()).isEqualTo("image/png");
        List<Ledger.Entry> ledger = new Ledger(dir.resolve(".cinestack")).entries();
        assertThat(ledger).extracting(Ledger.Entry::outcome).containsExactly(Ledger.Outcome.REFUSED,
            Ledger.Outcome.SUBMITTED, Ledger.Outcome.SUCCEEDED);
        assertThat(ledger.getFirst().detail()).contains("not supported").contains("first reference still");
        assertThat(ledger.getFirst().estimatedUsd()).isZero();
        assertThat(new Ledger(dir.resolve(".cinestack")).submissions().values()).containsExactly(1);
    }

    /** A 429 from Google says how long to wait in its body (google.rpc.RetryInfo), not in Retry-After. */
    @Test
    void aGoogle429IsWaitedOutAsItsBodyAsks() {
        wm.stubFor(post(urlEqualTo("/quota")).willReturn(aResponse().withStatus(429)
            .withHeader("Content-Type", "application/json")
            .withBody(ProviderFixtures.text("veo/error-429-retryinfo.json"))));
        Http http = new Http("veo", new Http.RetryPolicy(1, Duration.ofMillis(10), Duration.ofSeconds(1),
            Duration.ofSeconds(5)), List.of());
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(Http.uri(wm.baseUrl(), "/quota"))
            .POST(HttpRequest.BodyPublishers.noBody()).build(), "submitting"))
            .isInstanceOfSatisfying(Http.ApiError.class, e -> {
                assertThat(e.status()).isEqualTo(429);
                assertThat(e.retryAfter()).contains(Duration.ofSeconds(31));
            });
    }

    // ---- Kling ------------------------------------------------------------------------------------------------

    /**
     * Kling takes camera_control only for kling-v1 std 5 s text to video and kling-v1-5 pro 5 s image to video
     * (ComfyUI's Kling camera nodes); elsewhere the move stays in the prompt's words.
     */
    @Test
    void klingSendsCameraControlOnlyWhereKlingTakesIt() throws IOException {
        Path first = still("first.png", 16);
        record Case(String model, String mode, double seconds, boolean image, boolean camera) {
        }
        List<Case> cases = List.of(
            new Case("kling-v1", "std", 5, false, true),
            new Case("kling-v1", "std", 10, false, false),
            new Case("kling-v1", "pro", 5, false, false),
            new Case("kling-v1-5", "std", 5, false, false),
            new Case("kling-v1", "std", 5, true, false),
            new Case("kling-v1-5", "pro", 5, true, true),
            new Case("kling-v1-5", "pro", 10, true, false),
            new Case("kling-v1-6", "std", 5, false, false));
        Set<String> documented = keys(ProviderFixtures.json("kling/request-text2video-camera.schema-derived.json"));
        List<String> wrong = new ArrayList<>();
        for (Case c : cases) {
            HostedBackend k = open("kling", c.model(), new KlingBackend.Settings(true, c.mode()));
            GenerationRequest r = GenerationRequest.of(shot(c.seconds(), "pan-right"));
            if (c.image()) r = r.withFirstFrame(first);
            JsonNode body = k.requestBody(r);
            if (body.has("camera_control") != c.camera()) wrong.add(c + " sent " + body.path("camera_control"));
            assertThat(r.prompt()).as("the move is in the words either way").contains("pan");
            if (!c.image()) assertThat(documented).as("text to video keys").containsAll(keys(body));
        }
        assertThat(wrong).isEmpty();
    }

    // ---- Replicate --------------------------------------------------------------------------------------------

    /**
     * Replicate's default model takes no negative_prompt; paths start /v1 under the host; a 401 answered in
     * Replicate's problem shape names the key as refused and shows Replicate's words, never the key.
     */
    @Test
    void replicateFollowsItsSdk() {
        HostedBackend rep = open("replicate", "");
        JsonNode body = rep.requestBody(GenerationRequest.of(shot(4, "static")));
        assertThat(keys(body.path("input"))).doesNotContain("negative_prompt").contains("prompt", "seed");
        wm.stubFor(post(urlEqualTo("/v1/models/wan-video/wan-2.1-1.3b/predictions")).willReturn(aResponse()
            .withStatus(401).withHeader("Content-Type", "application/problem+json")
            .withBody(ProviderFixtures.text("replicate/error-401-problem.json"))));
        assertThatThrownBy(() -> rep.shoot(shot(4, "static"), Files.createDirectories(dir.resolve("t")),
            (f, t) -> { })).isInstanceOf(ShootException.class)
            .hasMessageContaining("key was not accepted")
            .hasMessageContaining("You did not pass a valid authentication token")
            .message().doesNotContain(HostedContractTest.KEY);
        JsonNode versioned = open("replicate", "someone/wan-fork:5c7d5dc6").requestBody(
            GenerationRequest.of(shot(4, "static")));
        assertThat(versioned.path("version").asString()).isEqualTo("5c7d5dc6");
    }

    /**
     * A model without an official endpoint (its own predictions path answers 404) is run by its latest version, as
     * Replicate's models API gives it: one refusal at no cost, then one paid prediction.
     */
    @Test
    void replicateRunsAModelWithoutAnOfficialEndpointByItsLatestVersion() throws IOException {
        Path clip = dir.resolve("clip.mp4");
        org.cinestack.shoot.comfyui.FakeComfyUi.clip(clip, 64, 36, 24, 48);
        JsonNode model = ProviderFixtures.json("replicate/model-get.json");
        String version = model.at("/latest_version/id").asString();
        wm.stubFor(post(urlEqualTo("/v1/models/stability-ai/sdxl/predictions")).willReturn(aResponse().withStatus(404)
            .withHeader("Content-Type", "application/problem+json")
            .withBody(ProviderFixtures.text("replicate/error-404-problem.schema-derived.json"))));
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/v1/models/stability-ai/sdxl"))
            .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(ProviderFixtures.text("replicate/model-get.json"))));
        wm.stubFor(post(urlEqualTo("/v1/predictions")).willReturn(aResponse().withStatus(201)
            .withHeader("Content-Type", "application/json")
            .withBody(ProviderFixtures.text("replicate/prediction-created-starting.json"))));
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/v1/predictions/p1"))
            .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(ProviderFixtures.text("replicate/prediction-get-succeeded.json").replace(
                    "https://replicate.delivery/pbxt/9inf36wjsEWuQ6XTf84iezPftv9QZdePfGySnU5tUai3BOrWE/out-0.png",
                    wm.baseUrl() + "/files/clip.mp4"))));
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/files/clip.mp4"))
            .willReturn(aResponse().withStatus(200).withBody(Files.readAllBytes(clip))));
        HostedBackend rep = open("replicate", "stability-ai/sdxl");
        org.cinestack.shoot.TakeRecord.Made take = rep.shoot(shot(2, "static"), Files.createDirectories(
            dir.resolve("take")), (f, t) -> { });
        assertThat(take.jobId()).isEqualTo("p1");
        JsonNode ours = HostedContractTest.JSON.readTree(wm.findAll(
            com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/v1/predictions"))).getFirst()
            .getBodyAsString());
        assertThat(ours.path("version").asString()).isEqualTo(version);
        assertThat(ours.path("input").path("prompt").isString()).isTrue();
        List<Ledger.Entry> ledger = new Ledger(dir.resolve(".cinestack")).entries();
        assertThat(ledger).extracting(Ledger.Entry::outcome).containsExactly(Ledger.Outcome.REFUSED,
            Ledger.Outcome.SUBMITTED, Ledger.Outcome.SUCCEEDED);
        assertThat(ledger.getFirst().detail()).contains("latest version " + version);
    }

    // ---- Runway -----------------------------------------------------------------------------------------------

    /**
     * Runway's requests use only the keys its SDK sends; Veo on Runway gets audio off and the negative prompt; a
     * still too big for a data URI is refused before anything is sent.
     */
    @Test
    void runwayFollowsItsSdk() throws IOException {
        HostedBackend runway = open("runway", "");
        JsonNode t2v = runway.requestBody(GenerationRequest.of(shot(4, "static")));
        assertThat(keys(ProviderFixtures.json("runway/request-text-to-video-veo3.1_fast.json")))
            .containsAll(keys(t2v));
        assertThat(t2v.path("model").asString()).isEqualTo("veo3.1_fast");
        assertThat(t2v.path("audio").isBoolean() && !t2v.path("audio").asBoolean()).as("audio off: " + t2v).isTrue();
        assertThat(t2v.path("negativePrompt").asString()).contains("lens flare");

        JsonNode i2v = runway.requestBody(GenerationRequest.of(shot(5, "static")).withFirstFrame(still("f.png", 16)));
        assertThat(keys(ProviderFixtures.json("runway/request-image-to-video-gen4_turbo.json"))).containsAll(keys(i2v));
        assertThat(i2v.path("promptImage").asString()).startsWith("data:image/png;base64,");

        Path big = still("big.png", 1400); // noise: about 5.9 MB as PNG, 7.8 MB as a data URI
        assertThatThrownBy(() -> runway.requestBody(GenerationRequest.of(shot(5, "static")).withFirstFrame(big)))
            .isInstanceOfSatisfying(ShootException.class, e -> assertThat(e.wasNotSent()).isTrue())
            .hasMessageContaining("5 MB").hasMessageContaining("big.png");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }
}
