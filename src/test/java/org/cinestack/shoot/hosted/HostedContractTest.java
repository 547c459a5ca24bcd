package org.cinestack.shoot.hosted;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.cinestack.plan.ShotSpec;
import org.cinestack.shoot.comfyui.FakeComfyUi;
import org.cinestack.shoot.remote.Budget;
import org.cinestack.shoot.remote.Http;
import org.cinestack.shoot.remote.Ledger;
import org.cinestack.shoot.remote.ShootException;

/**
 * Contract tests of every hosted client against WireMock on loopback, from each provider's documented request and
 * response shapes (the page is {@link HostedBackend#documentation()}; the shapes are quoted in each client's class
 * comment): a job runs through submit, status and download and the request carries our prompt, negative prompt and
 * seed where the provider takes them; 401, 429 with Retry-After, 500, an answer that is not JSON, a failed task and a
 * truncated download each end in a retry or a clear error, never a hang; the key never appears in an error, the
 * ledger or any file the shoot writes.
 */
class HostedContractTest {
    static final String KEY = "sk-live-test-7f3a9c21e8b4d6f0";
    static final String SECRET = "kling-secret-91d2c4e6a8b0f135";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static byte[] clip;

    /**
     * One provider's documented shapes.
     *
     * @param id          backend id
     * @param submit      the submission's method and path
     * @param submitted   the submission's answer ({@code %s} is the server's base URL)
     * @param statusPath  where the status is polled
     * @param running     a running status
     * @param done        a finished status ({@code %s} is the clip's URL)
     * @param failed      a failed status, whose reason holds "content policy"
     * @param authHeader  the header that carries the key
     * @param authPrefix  what the header starts with ({@code null} for the key alone)
     * @param prompt      JSON pointer of the prompt in the body
     * @param negative    JSON pointer of the negative prompt, or null when the provider takes none
     * @param seed        JSON pointer of the seed, or null when the provider takes none
     * @param extra       more stubs (fal's result URL)
     */
    record Provider(String id, String submit, String submitted, String statusPath, String running, String done,
                    String failed, String authHeader, String authPrefix, String prompt, String negative, String seed,
                    Function<String, List<MappingBuilder>> extra) {
        @Override
        public String toString() {
            return id;
        }
    }

    /**
     * The finished and failed answers are the providers' own examples ({@link ProviderFixtures}), their placeholders
     * filled with this job's id and {@code %s} for the clip's URL; submissions answer in each SDK test's shape.
     */
    static Stream<Provider> providers() {
        String url = "<video url>";
        return Stream.of(
            new Provider("runway", "POST /v1/text_to_video", "{\"id\":\"t-1\"}", "/v1/tasks/t-1",
                "{\"id\":\"t-1\",\"status\":\"RUNNING\",\"progress\":0.4}",
                ProviderFixtures.filled("runway/task-succeeded.schema-derived.json", Map.of("<task uuid>", "t-1",
                    "<date-time>", "2026-12-06T10:00:00Z", url, "%s")),
                ProviderFixtures.filled("runway/task-failed.schema-derived.json", Map.of("<task uuid>", "t-1",
                    "<date-time>", "2026-12-06T10:00:00Z", "<human-friendly reason>", "content policy",
                    "<machine-readable code>", "SAFETY.INPUT.TEXT")),
                "Authorization", "Bearer ", "/promptText", null, null, b -> List.of()),
            new Provider("luma", "POST /generations/video", "{\"id\":\"g-1\",\"state\":\"queued\"}",
                "/generations/g-1", "{\"id\":\"g-1\",\"state\":\"dreaming\"}",
                ProviderFixtures.filled("luma/generation-completed.schema-derived.json", Map.of("<uuid>", "g-1",
                    "<date-time>", "2026-12-06T10:00:00Z", url, "%s", "<thumbnail url>", "https://example.com/t.jpg",
                    "<prompt>", "x")),
                "{\"id\":\"g-1\",\"state\":\"failed\",\"failure_reason\":\"content policy\"}",
                "Authorization", "Bearer ", "/prompt", null, null, b -> List.of()),
            new Provider("kling", "POST /v1/videos/text2video",
                "{\"code\":0,\"message\":\"SUCCEED\",\"request_id\":\"r\",\"data\":{\"task_id\":\"k-1\",\"task_status\":\"submitted\"}}",
                "/v1/videos/text2video/k-1",
                "{\"code\":0,\"data\":{\"task_id\":\"k-1\",\"task_status\":\"processing\"}}",
                ProviderFixtures.filled("kling/task-succeed.schema-derived.json", Map.of("<message>", "SUCCEED",
                    "<request id>", "r", "<task id>", "k-1", "<our client task id>", "ours", "<video id>", "v",
                    url, "%s")),
                "{\"code\":0,\"data\":{\"task_id\":\"k-1\",\"task_status\":\"failed\",\"task_status_msg\":\"content policy\"}}",
                "Authorization", "Bearer ", "/prompt", "/negative_prompt", null, b -> List.of()),
            new Provider("fal", "POST /fal-ai/wan/v2.2-a14b/text-to-video",
                "{\"request_id\":\"f-1\",\"status_url\":\"%1$s/fal-ai/wan/requests/f-1/status\","
                    + "\"response_url\":\"%1$s/fal-ai/wan/requests/f-1\",\"cancel_url\":\"%1$s/fal-ai/wan/requests/f-1/cancel\"}",
                "/fal-ai/wan/requests/f-1/status", "{\"status\":\"IN_PROGRESS\"}", "{\"status\":\"COMPLETED\"}",
                "{\"status\":\"COMPLETED\",\"error\":\"content policy\",\"error_type\":\"content_policy_violation\"}",
                "Authorization", "Key ", "/prompt", "/negative_prompt", "/seed",
                base -> List.of(get(urlEqualTo("/fal-ai/wan/requests/f-1")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"video\":{\"url\":\"" + base + "/files/clip.mp4\",\"content_type\":\"video/mp4\"}}")))),
            new Provider("replicate", "POST /v1/models/wan-video/wan-2.1-1.3b/predictions",
                "{\"id\":\"p-1\",\"status\":\"starting\",\"urls\":{\"get\":\"%1$s/v1/predictions/p-1\"}}",
                "/v1/predictions/p-1", "{\"id\":\"p-1\",\"status\":\"processing\"}",
                ProviderFixtures.text("replicate/prediction-get-succeeded.json")
                    .replace("vgcm4plb7tgzlyznry5d5jkgvu", "p-1")
                    .replace("https://replicate.delivery/pbxt/9inf36wjsEWuQ6XTf84iezPftv9QZdePfGySnU5tUai3BOrWE/out-0.png",
                        "%s"),
                "{\"id\":\"p-1\",\"status\":\"failed\",\"error\":\"content policy\"}",
                "Authorization", "Bearer ", "/input/prompt", null, "/input/seed", b -> List.of()),
            new Provider("veo", "POST /v1beta/models/veo-3.1-fast-generate-preview:predictLongRunning",
                "{\"name\":\"models/veo-3.1-fast-generate-preview/operations/o-1\"}",
                "/v1beta/models/veo-3.1-fast-generate-preview/operations/o-1", "{\"name\":\"x\",\"done\":false}",
                ProviderFixtures.filled("veo/operation-done.schema-derived.json", Map.of("<video uri>", "%s")),
                "{\"name\":\"x\",\"done\":true,\"error\":{\"code\":400,\"message\":\"content policy\",\"status\":\"INVALID_ARGUMENT\"}}",
                "x-goog-api-key", null, "/instances/0/prompt", "/parameters/negativePrompt", null, b -> List.of()));
    }

    WireMockServer wm;
    @TempDir
    Path dir;

    @BeforeAll
    static void makeClip(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("clip.mp4");
        FakeComfyUi.clip(f, 64, 36, 24, 48);
        clip = Files.readAllBytes(f);
    }

    @BeforeEach
    void start() {
        wm = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        wm.start();
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    HostedBackend backend(Provider p) {
        return backend(p, wm.baseUrl());
    }

    HostedBackend backend(Provider p, String base) {
        HostedBackends.Options o = new HostedBackends.Options("", Duration.ofMillis(10), Duration.ofSeconds(20),
            new Http.RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(3), Duration.ofSeconds(5)), 2,
            KlingBackend.Settings.DEFAULT);
        Map<String, String> all = env(base);
        return HostedBackends.open(p.id(), all, dir.resolve(".cinestack"), new Ledger(dir.resolve(".cinestack")),
            Budget.unlimited(), o);
    }

    /** @return an environment with a key for every hosted backend and every base URL at {@code base} */
    static Map<String, String> env(String base) {
        Map<String, String> e = new java.util.HashMap<>();
        for (String k : List.of("RUNWAYML_API_SECRET", "LUMAAI_API_KEY", "KLING_ACCESS_KEY", "FAL_KEY",
            "REPLICATE_API_TOKEN", "GOOGLE_API_KEY")) e.put(k, KEY);
        e.put("KLING_SECRET_KEY", SECRET);
        for (String u : List.of("RUNWAYML_BASE_URL", "LUMAAI_BASE_URL", "KLING_BASE_URL", "FAL_QUEUE_URL",
            "REPLICATE_BASE_URL", "GOOGLE_GEMINI_BASE_URL")) e.put(u, base);
        return e;
    }

    static ShotSpec spec() {
        return ProviderContractTest.shot(1.5, "pan-right");
    }

    MappingBuilder submitStub(Provider p) {
        String[] mp = p.submit().split(" ");
        return WireMock.request(mp[0], urlEqualTo(mp[1]));
    }

    void stubJob(Provider p, String status) {
        wm.stubFor(submitStub(p).willReturn(json(201, p.submitted().formatted(wm.baseUrl()))));
        wm.stubFor(get(urlEqualTo(p.statusPath())).inScenario("job").whenScenarioStateIs(Scenario.STARTED)
            .willReturn(json(200, p.running())).willSetStateTo("ended"));
        wm.stubFor(get(urlEqualTo(p.statusPath())).inScenario("job").whenScenarioStateIs("ended")
            .willReturn(json(200, status.formatted(wm.baseUrl() + "/files/clip.mp4"))));
        for (MappingBuilder m : p.extra().apply(wm.baseUrl())) wm.stubFor(m);
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    Path shotFolder() throws IOException {
        return Files.createDirectories(dir.resolve("take"));
    }

    LoggedRequest submission(Provider p) {
        String[] mp = p.submit().split(" ");
        return wm.findAll(anyRequestedFor(urlEqualTo(mp[1]))).getFirst();
    }

    /**
     * Replicate finds a job whose submission answer was lost on the second page of its prediction list, passing over
     * another model's prediction with the same input, and does not submit again.
     */
    @org.junit.jupiter.api.Test
    void replicateFindsALostJobOnALaterPageAndOfItsOwnModel() throws Exception {
        Provider p = providers().filter(x -> x.id().equals("replicate")).findFirst().orElseThrow();
        wm.stubFor(submitStub(p).willReturn(json(500, "{\"error\":\"internal\"}")));
        HostedBackend b = backend(p);
        JsonNode input = b.requestBody(org.cinestack.shoot.remote.GenerationRequest.of(spec())).path("input");
        String now = java.time.Instant.now().toString();
        wm.stubFor(get(urlEqualTo("/v1/predictions")).willReturn(json(200, "{\"next\":\"" + wm.baseUrl()
            + "/v1/predictions?cursor=2\",\"results\":[{\"id\":\"other-model\",\"model\":\"someone/else\","
            + "\"created_at\":\"" + now + "\",\"input\":" + input + "},{\"id\":\"p-0\",\"model\":"
            + "\"wan-video/wan-2.1-1.3b\",\"created_at\":\"" + now + "\",\"input\":{\"prompt\":\"x\",\"seed\":1}}]}")));
        wm.stubFor(get(urlEqualTo("/v1/predictions?cursor=2")).willReturn(json(200, "{\"next\":null,\"results\":"
            + "[{\"id\":\"p-1\",\"model\":\"wan-video/wan-2.1-1.3b\",\"created_at\":\"" + now + "\",\"input\":"
            + input + "}]}")));
        wm.stubFor(get(urlEqualTo(p.statusPath())).willReturn(json(200, p.done().formatted(wm.baseUrl()
            + "/files/clip.mp4"))));
        wm.stubFor(get(urlEqualTo("/files/clip.mp4")).willReturn(aResponse().withStatus(200).withBody(clip)));
        org.cinestack.shoot.TakeRecord.Made take = b.shoot(spec(), shotFolder(), (f, t) -> { });
        assertThat(take.jobId()).isEqualTo("p-1");
        wm.verify(1, anyRequestedFor(urlPathEqualTo(p.submit().split(" ")[1])));
        wm.verify(0, getRequestedFor(urlEqualTo("/v1/predictions/other-model")));
    }

    /** Runway turns to gen4_turbo for a shot with a first frame; the take and the ledger name that model. */
    @org.junit.jupiter.api.Test
    void theLedgerNamesTheModelAFirstFrameSwitchesTo() throws Exception {
        Provider p = providers().filter(x -> x.id().equals("runway")).findFirst().orElseThrow();
        wm.stubFor(WireMock.post(urlEqualTo("/v1/image_to_video")).willReturn(json(201, p.submitted())));
        wm.stubFor(get(urlEqualTo(p.statusPath())).willReturn(json(200,
            p.done().formatted(wm.baseUrl() + "/files/clip.mp4"))));
        wm.stubFor(get(urlEqualTo("/files/clip.mp4")).willReturn(aResponse().withStatus(200).withBody(clip)));
        Path still = dir.resolve("still.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(64, 36, java.awt.image.BufferedImage.TYPE_INT_RGB),
            "png", still.toFile());
        HostedBackend b = backend(p);
        b.referencesFrom(s -> List.of(still));
        org.cinestack.shoot.TakeRecord.Made take = b.shoot(spec(), shotFolder(), (f, t) -> { });
        assertThat(take.model()).isEqualTo("gen4_turbo");
        assertThat(new Ledger(dir.resolve(".cinestack")).entries()).extracting(Ledger.Entry::model)
            .containsOnly("gen4_turbo");
    }

    /**
     * A shoot interrupted while its job runs cancels the job at the provider, so it is not left running and billed,
     * and the thread keeps its interrupt.
     */
    @org.junit.jupiter.api.Test
    void anInterruptedShootCancelsItsJob() throws Exception {
        Provider p = providers().filter(x -> x.id().equals("runway")).findFirst().orElseThrow();
        wm.stubFor(submitStub(p).willReturn(json(201, p.submitted())));
        wm.stubFor(get(urlEqualTo(p.statusPath())).willReturn(json(200, p.running())));
        wm.stubFor(WireMock.delete(urlEqualTo(p.statusPath())).willReturn(aResponse().withStatus(204)));
        HostedBackend b = backend(p);
        Path folder = shotFolder();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean stillInterrupted = new java.util.concurrent.atomic.AtomicBoolean();
        Thread shooter = new Thread(() -> {
            try {
                b.shoot(spec(), folder, (f, t) -> { });
            } catch (RuntimeException e) {
                failure.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        shooter.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (wm.findAll(getRequestedFor(urlEqualTo(p.statusPath()))).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        shooter.interrupt();
        shooter.join(10_000);
        assertThat(shooter.isAlive()).isFalse();
        assertThat(failure.get()).isNotNull();
        assertThat(stillInterrupted.get()).isTrue();
        assertThat(wm.findAll(WireMock.deleteRequestedFor(urlEqualTo(p.statusPath())))).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aJobRunsAndTheRequestHasTheDocumentedShape(Provider p) throws IOException {
        stubJob(p, p.done());
        wm.stubFor(get(urlEqualTo("/files/clip.mp4")).willReturn(aResponse().withStatus(200).withBody(clip)));
        ShotSpec s = spec();
        HostedBackend b = backend(p);
        org.cinestack.shoot.TakeRecord.Made take = b.shoot(s, shotFolder(), (f, t) -> { });
        assertThat(dir.resolve("take/take.mp4")).isNotEmptyFile();
        assertThat(java.util.Arrays.asList(take.model(), take.jobId(), take.request())).doesNotContainNull();

        LoggedRequest sent = submission(p);
        String auth = sent.getHeader(p.authHeader());
        assertThat(auth).as("the key goes in " + p.authHeader()).isNotNull();
        if (p.id().equals("kling")) {
            assertKlingToken(auth.substring("Bearer ".length()));
        } else {
            assertThat(auth).isEqualTo((p.authPrefix() == null ? "" : p.authPrefix()) + KEY);
        }
        if (p.id().equals("runway")) assertThat(sent.getHeader("X-Runway-Version")).isEqualTo("2024-11-06");
        JsonNode body = JSON.readTree(sent.getBodyAsString());
        assertThat(body.at(p.prompt()).asString()).isEqualTo(s.prompt().text());
        if (p.negative() != null) {
            assertThat(body.at(p.negative()).asString()).contains("lens flare").contains("watermark");
        }
        if (p.seed() != null) assertThat(body.at(p.seed()).asLong()).isEqualTo(s.seed());
        if (p.id().equals("kling")) {
            assertThat(body.at("/external_task_id").asString()).isEqualTo(b.clientTaskId(s));
            assertThat(body.at("/camera_control/config/tilt").asDouble()).as("our pan-right is Kling's tilt")
                .isPositive();
        }
        if (p.id().equals("luma")) assertThat(body.at("/concepts/0/key").asString()).isEqualTo("pan_right");
        if (p.id().equals("veo")) {
            assertThat(wm.findAll(getRequestedFor(urlEqualTo("/files/clip.mp4"))).getFirst()
                .getHeader("x-goog-api-key")).as("Veo's files are fetched with the key").isEqualTo(KEY);
        }
        List<Ledger.Entry> ledger = new Ledger(dir.resolve(".cinestack")).entries();
        assertThat(ledger).extracting(Ledger.Entry::outcome).containsExactly(Ledger.Outcome.SUBMITTED,
            Ledger.Outcome.SUCCEEDED);
        assertNoSecretOnDisk();
    }

    void assertKlingToken(String token) {
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode payload = JSON.readTree(new String(java.util.Base64.getUrlDecoder().decode(parts[1]),
            StandardCharsets.UTF_8));
        assertThat(payload.path("iss").asString()).isEqualTo(KEY);
        assertThat(payload.path("exp").asLong() - payload.path("nbf").asLong()).isEqualTo(1805);
        String header = new String(java.util.Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        assertThat(KlingBackend.jwtHs256(header, new String(java.util.Base64.getUrlDecoder().decode(parts[1]),
            StandardCharsets.UTF_8), SECRET.getBytes(StandardCharsets.UTF_8))).as("signed with the secret key")
            .isEqualTo(token);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aRefusedKeyIsNamedAndNeverShown(Provider p) throws IOException {
        wm.stubFor(submitStub(p).willReturn(json(401, "{\"error\":\"invalid key " + KEY + "\"}")));
        assertThatThrownBy(() -> backend(p).shoot(spec(), shotFolder(), (f, t) -> { }))
            .isInstanceOf(ShootException.class)
            .hasMessageContaining("401").hasMessageContaining(backend(p).keyVariables().getFirst())
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain(SECRET));
        wm.verify(1, anyRequestedFor(urlPathEqualTo(p.submit().split(" ")[1])));
        assertNoSecretOnDisk();
        assertThat(dir.resolve(".cinestack/jobs")).as("a refused job leaves no journal behind")
            .satisfiesAnyOf(d -> assertThat(d).doesNotExist(), d -> assertThat(d).isEmptyDirectory());
    }

    /**
     * A refused connection sent nothing: the shot fails as "not sent", with no journal left to block the next run
     * (before, it was kept as "may have been made and charged" until the journal was deleted by hand).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aRefusedConnectionIsNotSentAndBlocksNothing(Provider p) throws IOException {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort(); // free again once closed: nothing listens there
        }
        assertThatThrownBy(() -> backend(p, "http://127.0.0.1:" + closed).shoot(spec(), shotFolder(), (f, t) -> { }))
            .isInstanceOf(ShootException.class).hasMessageContaining("nothing sent")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("may have been made"));
        assertThat(dir.resolve(".cinestack/jobs")).as("no journal blocks the next run")
            .satisfiesAnyOf(d -> assertThat(d).doesNotExist(), d -> assertThat(d).isEmptyDirectory());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aRateLimitedSubmissionWaitsWhatRetryAfterAsksThenGoesOn(Provider p) throws IOException {
        wm.stubFor(submitStub(p).inScenario("submit").whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse()
            .withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        wm.stubFor(submitStub(p).inScenario("submit").whenScenarioStateIs("open")
            .willReturn(json(200, p.submitted().formatted(wm.baseUrl()))));
        wm.stubFor(get(urlEqualTo(p.statusPath())).willReturn(json(200, p.done().formatted(wm.baseUrl()
            + "/files/clip.mp4"))));
        for (MappingBuilder m : p.extra().apply(wm.baseUrl())) wm.stubFor(m);
        wm.stubFor(get(urlEqualTo("/files/clip.mp4")).willReturn(aResponse().withStatus(200).withBody(clip)));
        long t0 = System.nanoTime();
        backend(p).shoot(spec(), shotFolder(), (f, t) -> { });
        assertThat((System.nanoTime() - t0) / 1e9).as("waited for Retry-After").isGreaterThanOrEqualTo(0.95);
        wm.verify(2, anyRequestedFor(urlPathEqualTo(p.submit().split(" ")[1])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void anOverloadedServerIsAskedAgainAndMakesOneJob(Provider p) throws IOException {
        wm.stubFor(submitStub(p).inScenario("submit").whenScenarioStateIs(Scenario.STARTED)
            .willReturn(json(503, "{\"error\":\"overloaded\"}")).willSetStateTo("open"));
        wm.stubFor(submitStub(p).inScenario("submit").whenScenarioStateIs("open")
            .willReturn(json(200, p.submitted().formatted(wm.baseUrl()))));
        wm.stubFor(get(urlEqualTo(p.statusPath())).willReturn(json(200, p.done().formatted(wm.baseUrl()
            + "/files/clip.mp4"))));
        for (MappingBuilder m : p.extra().apply(wm.baseUrl())) wm.stubFor(m);
        wm.stubFor(get(urlEqualTo("/files/clip.mp4")).willReturn(aResponse().withStatus(200).withBody(clip)));
        backend(p).shoot(spec(), shotFolder(), (f, t) -> { });
        wm.verify(2, anyRequestedFor(urlPathEqualTo(p.submit().split(" ")[1])));
        assertThat(new Ledger(dir.resolve(".cinestack")).entries()).extracting(Ledger.Entry::outcome)
            .containsExactly(Ledger.Outcome.SUBMITTED, Ledger.Outcome.SUCCEEDED);
    }

    /**
     * A 500 on a submission may come from a gateway after the job was made. Providers that can find a job by our id
     * (Kling by external_task_id, Replicate by input) look for it, find nothing here and submit once more; the others
     * stop with a message rather than risk paying twice.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aServerErrorOnSubmissionIsNeverSentAgainBlindly(Provider p) throws IOException {
        wm.stubFor(submitStub(p).inScenario("submit").whenScenarioStateIs(Scenario.STARTED)
            .willReturn(json(500, "{\"error\":\"internal\"}")).willSetStateTo("open"));
        wm.stubFor(submitStub(p).inScenario("submit").whenScenarioStateIs("open")
            .willReturn(json(200, p.submitted().formatted(wm.baseUrl()))));
        wm.stubFor(get(urlEqualTo(p.statusPath())).willReturn(json(200, p.done().formatted(wm.baseUrl()
            + "/files/clip.mp4"))));
        for (MappingBuilder m : p.extra().apply(wm.baseUrl())) wm.stubFor(m);
        wm.stubFor(get(urlEqualTo("/files/clip.mp4")).willReturn(aResponse().withStatus(200).withBody(clip)));
        boolean findsJobs = p.id().equals("kling") || p.id().equals("replicate");
        if (findsJobs) {
            backend(p).shoot(spec(), shotFolder(), (f, t) -> { });
            wm.verify(2, anyRequestedFor(urlPathEqualTo(p.submit().split(" ")[1])));
        } else {
            assertThatThrownBy(() -> backend(p).shoot(spec(), shotFolder(), (f, t) -> { }))
                .isInstanceOf(ShootException.class).hasMessageContaining("may have been made")
                .hasMessageContaining(".cinestack/jobs/");
            wm.verify(1, anyRequestedFor(urlPathEqualTo(p.submit().split(" ")[1])));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void statusAnswersThatAreNotJsonEndInAClearErrorAndTheJobIsKept(Provider p) throws IOException {
        wm.stubFor(submitStub(p).willReturn(json(200, p.submitted().formatted(wm.baseUrl()))));
        wm.stubFor(get(urlEqualTo(p.statusPath())).willReturn(aResponse().withStatus(200)
            .withBody("<html>Bad gateway</html>")));
        assertThatThrownBy(() -> backend(p).shoot(spec(), shotFolder(), (f, t) -> { }))
            .isInstanceOf(ShootException.class).hasMessageContaining("not JSON")
            .hasMessageContaining("next run picks it up")
            .satisfies(e -> assertThat(((ShootException) e).jobFailed()).isFalse());
        try (Stream<Path> jobs = Files.list(dir.resolve(".cinestack/jobs"))) {
            assertThat(jobs.toList()).as("the journal stays, so the next run resumes the job").hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aFailedTaskEndsWithTheProvidersReasonAndTheNextRunMakesANewJob(Provider p) throws IOException {
        stubJob(p, p.failed());
        HostedBackend b = backend(p);
        String task = b.clientTaskId(spec());
        assertThatThrownBy(() -> b.shoot(spec(), shotFolder(), (f, t) -> { })).isInstanceOf(ShootException.class)
            .hasMessageContaining("content policy").hasMessageContaining("failed")
            .satisfies(e -> assertThat(((ShootException) e).jobFailed()).isTrue());
        assertThat(b.clientTaskId(spec())).as("a failed job's id is not used again").isNotEqualTo(task);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aTruncatedDownloadIsFetchedAgainThenReported(Provider p) throws IOException {
        stubJob(p, p.done());
        wm.stubFor(get(urlEqualTo("/files/clip.mp4")).willReturn(aResponse().withStatus(200)
            .withBody(Arrays.copyOf(clip, clip.length / 3))));
        assertThatThrownBy(() -> backend(p).shoot(spec(), shotFolder(), (f, t) -> { }))
            .isInstanceOf(ShootException.class).hasMessageContaining("not whole");
        wm.verify(2, getRequestedFor(urlEqualTo("/files/clip.mp4")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aMissingKeyIsNamedBeforeAnythingIsSent(Provider p) {
        assertThatThrownBy(() -> HostedBackends.open(p.id(), Map.of(), dir, new Ledger(dir), Budget.unlimited(),
            HostedBackends.Options.DEFAULT)).isInstanceOf(MissingKeyException.class)
            .hasMessageContaining(p.id().equals("kling") ? "KLING_ACCESS_KEY" : p.id().equals("veo")
                ? "GOOGLE_API_KEY or GEMINI_API_KEY" : "_").hasMessageContaining("nothing was submitted");
        wm.verify(0, anyRequestedFor(WireMock.anyUrl()));
    }

    /** No file the shoot wrote holds a key. */
    void assertNoSecretOnDisk() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(text).as(f.toString()).doesNotContain(KEY).doesNotContain(SECRET);
                assertNoSignedKey(text, f.toString());
            }
        }
    }

    /** No JSON Web Token in the text whose payload names the key (Kling signs one with it for every request). */
    static void assertNoSignedKey(String text, String where) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("eyJ[A-Za-z0-9_-]+\\.([A-Za-z0-9_-]+)\\.")
            .matcher(text);
        while (m.find()) {
            String payload = new String(java.util.Base64.getUrlDecoder().decode(m.group(1)), StandardCharsets.UTF_8);
            assertThat(payload).as("a JWT in " + where).doesNotContain(KEY);
        }
        assertThat(text).as(where).doesNotContainPattern("(?i)bearer\\s+[A-Za-z0-9._~+/-]{12,}");
    }

    /**
     * A stand-in that echoes what it was sent (the Authorization, key headers and URL) in its 401: no credential in any
     * form, the raw keys, a bearer token or Kling's signed JWT, reaches the error or any file.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void anAnswerEchoingTheRequestLeaksNoCredential(Provider p) throws IOException {
        wm.stubFor(submitStub(p).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":\"unauthorized\",\"authorization\":\"{{request.headers.Authorization}}\","
                + "\"key\":\"{{request.headers.x-goog-api-key}}\",\"url\":\"{{request.url}}\"}")
            .withTransformers("response-template")));
        assertThatThrownBy(() -> backend(p).shoot(spec(), shotFolder(), (f, t) -> { }))
            .isInstanceOf(ShootException.class).hasMessageContaining("401")
            .satisfies(e -> {
                assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain(SECRET);
                assertNoSignedKey(e.getMessage(), "the error");
            });
        assertNoSecretOnDisk();
    }

}
