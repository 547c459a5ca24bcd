package org.cinestack.shoot.hosted;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.shoot.remote.Budget;
import org.cinestack.shoot.remote.Ledger;
import org.cinestack.shoot.remote.ShootException;

/**
 * Veo on Vertex AI against WireMock answering with Google's own shapes ({@code providers/veo/vertex-*},
 * {@code oauth-token-*}): a service account's key is exchanged for a token at the key's {@code token_uri} (Google's
 * auth library signs the JWT), the job goes to the project's regional model path with a seed and no audio, is
 * followed with {@code fetchPredictOperation}, and its clip is read from Cloud Storage or from the answer itself; the
 * private key appears in no request body, file or error.
 */
class VertexContractTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String MODEL_PATH = "/v1beta1/projects/cinestack-test/locations/us-central1/publishers/google/models/"
        + "veo-3.1-fast-generate-preview";
    static final String OPERATION = "projects/cinestack-test/locations/us-central1/publishers/google/models/"
        + "veo-3.1-fast-generate-preview/operations/9d2fc0b5-5bdf-4b5f-9a41-82970515e20b";
    @TempDir
    Path dir;
    WireMockServer wm;
    Path keyFile;
    String privateKeyPem;
    byte[] clip;

    @BeforeEach
    void start() throws Exception {
        wm = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        wm.start();
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        byte[] pkcs8 = g.generateKeyPair().getPrivate().getEncoded();
        privateKeyPem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
            .encodeToString(pkcs8) + "\n-----END PRIVATE KEY-----\n";
        Map<String, String> key = Map.of("type", "service_account", "project_id", "cinestack-test",
            "private_key_id", "k1", "private_key", privateKeyPem,
            "client_email", "render@cinestack-test.iam.gserviceaccount.com", "client_id", "1",
            "token_uri", wm.baseUrl() + "/token");
        keyFile = dir.resolve("service-account.json");
        Files.writeString(keyFile, JSON.writeValueAsString(key));
        Path c = dir.resolve("clip.mp4");
        org.cinestack.shoot.comfyui.FakeComfyUi.clip(c, 64, 36, 24, 48);
        clip = Files.readAllBytes(c);
        Files.delete(c);
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    Map<String, String> env() {
        Map<String, String> e = new HashMap<>();
        e.put("VEO_BACKEND", "vertex");
        e.put("GOOGLE_APPLICATION_CREDENTIALS", keyFile.toString());
        e.put("GOOGLE_VERTEX_BASE_URL", wm.baseUrl());
        e.put("GOOGLE_STORAGE_BASE_URL", wm.baseUrl());
        return e;
    }

    HostedBackend open(Map<String, String> env) {
        HostedBackends.Options o = new HostedBackends.Options("", java.time.Duration.ofMillis(10), java.time.Duration.ofSeconds(20),
            new org.cinestack.shoot.remote.Http.RetryPolicy(2, java.time.Duration.ofMillis(10),
                java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(5)), 2, KlingBackend.Settings.DEFAULT);
        return HostedBackends.open("veo", env, dir.resolve("film/.cinestack"), new Ledger(dir.resolve(
            "film/.cinestack")), Budget.unlimited(), o);
    }

    void stubJob(String doneAnswer) {
        wm.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/json")
            .withBody(ProviderFixtures.text("veo/oauth-token-response.json"))));
        wm.stubFor(post(urlEqualTo(MODEL_PATH + ":predictLongRunning")).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/json").withBody("{\"name\":\"" + OPERATION + "\"}")));
        wm.stubFor(post(urlEqualTo(MODEL_PATH + ":fetchPredictOperation")).inScenario("job")
            .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"name\":\"" + OPERATION + "\"}"))
            .willSetStateTo("done"));
        wm.stubFor(post(urlEqualTo(MODEL_PATH + ":fetchPredictOperation")).inScenario("job")
            .whenScenarioStateIs("done").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(doneAnswer)));
    }

    static String done(String video) {
        return ProviderFixtures.text("veo/vertex-operation-done.schema-derived.json")
            .replace("projects/<project>/locations/<location>", "projects/cinestack-test/locations/us-central1")
            .replace("\"gcsUri\": \"gs://<bucket>/<object>.mp4\"", video);
    }

    org.cinestack.shoot.TakeRecord.Made shoot(HostedBackend b) throws IOException {
        return b.shoot(ProviderContractTest.shot(2, "pan-left"), Files.createDirectories(dir.resolve("take")),
            (f, t) -> { });
    }

    @Test
    void aJobGoesWithATokenToTheProjectsModelAndItsClipIsReadFromCloudStorage() throws IOException {
        stubJob(done("\"gcsUri\": \"gs://film-bucket/takes/a.mp4\""));
        wm.stubFor(get(urlPathEqualTo("/storage/v1/b/film-bucket/o/takes%2Fa.mp4"))
            .withQueryParam("alt", WireMock.equalTo("media")).willReturn(aResponse().withStatus(200).withBody(clip)));
        HostedBackend veo = open(env());
        assertThat(veo).isInstanceOf(VertexVeoBackend.class);
        org.cinestack.shoot.TakeRecord.Made take = shoot(veo);
        assertThat(dir.resolve("take/take.mp4")).isNotEmptyFile();
        assertThat(take.jobId()).isEqualTo(OPERATION);

        LoggedRequest token = wm.findAll(postRequestedFor(urlEqualTo("/token"))).getFirst();
        Map<String, String> form = form(token.getBodyAsString());
        assertThat(form.get("grant_type")).isEqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer");
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(form.get("assertion").split("\\.")[1]));
        assertThat(claims.path("scope").asString()).isEqualTo(VertexVeoBackend.SCOPE);
        assertThat(claims.path("iss").asString()).isEqualTo("render@cinestack-test.iam.gserviceaccount.com");

        LoggedRequest submit = wm.findAll(postRequestedFor(urlEqualTo(MODEL_PATH + ":predictLongRunning"))).getFirst();
        assertThat(submit.getHeader("Authorization")).isEqualTo("Bearer token");
        JsonNode body = JSON.readTree(submit.getBodyAsString());
        assertThat(body.at("/parameters/seed").isIntegralNumber()).isTrue();
        assertThat(body.at("/parameters/seed").asLong()).isBetween(0L, 4294967295L);
        assertThat(body.at("/parameters/generateAudio").asBoolean(true)).isFalse();
        assertThat(body.at("/instances/0/prompt").asString()).contains("pan");

        List<LoggedRequest> polls = wm.findAll(postRequestedFor(urlEqualTo(MODEL_PATH + ":fetchPredictOperation")));
        assertThat(polls).hasSizeGreaterThanOrEqualTo(2);
        JsonNode sdk = ProviderFixtures.json("veo/vertex-fetch-predict-operation.request.json");
        JsonNode ours = JSON.readTree(polls.getFirst().getBodyAsString());
        assertThat(ours.propertyNames()).containsExactlyElementsOf(sdk.propertyNames());
        assertThat(ours.path("operationName").asString()).isEqualTo(OPERATION);
        assertThat(wm.findAll(WireMock.getRequestedFor(urlPathEqualTo("/storage/v1/b/film-bucket/o/takes%2Fa.mp4")))
            .getFirst().getHeader("Authorization")).isEqualTo("Bearer token");
        assertNoPrivateKey();
    }

    @Test
    void aClipInTheAnswerItselfIsDecoded() throws IOException {
        stubJob(done("\"bytesBase64Encoded\": \"" + Base64.getEncoder().encodeToString(clip) + "\""));
        shoot(open(env()));
        assertThat(dir.resolve("take/take.mp4")).isNotEmptyFile();
        assertThat(wm.findAll(WireMock.getRequestedFor(WireMock.anyUrl()))).isEmpty();
    }

    @Test
    void aTokenRefusedIsSaidWithTheAccountAndNothingIsSent() {
        wm.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(400)
            .withHeader("Content-Type", "application/json")
            .withBody(ProviderFixtures.text("veo/oauth-token-error.json"))));
        assertThatThrownBy(() -> shoot(open(env()))).isInstanceOfSatisfying(ShootException.class, e -> {
            assertThat(e.wasNotSent()).isTrue();
            assertThat(e.getMessage()).contains("render@cinestack-test.iam.gserviceaccount.com")
                .contains("could not get an access token").doesNotContain("PRIVATE KEY");
        });
        assertThat(wm.findAll(postRequestedFor(urlEqualTo(MODEL_PATH + ":predictLongRunning")))).isEmpty();
    }

    @Test
    void aMissingOrUnreadableKeyIsNamedBeforeAnythingIsSent() throws IOException {
        Map<String, String> none = env();
        none.remove("GOOGLE_APPLICATION_CREDENTIALS");
        assertThatThrownBy(() -> open(none)).isInstanceOf(MissingKeyException.class)
            .hasMessageContaining("GOOGLE_APPLICATION_CREDENTIALS");
        Path bad = dir.resolve("not-a-key.json");
        Files.writeString(bad, "{\"type\": \"authorized_user\", \"refresh_token\": \"rt-secret-1234\"}");
        Map<String, String> badEnv = env();
        badEnv.put("GOOGLE_APPLICATION_CREDENTIALS", bad.toString());
        assertThatThrownBy(() -> open(badEnv)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(bad.toString()).hasMessageContaining("service account")
            .message().doesNotContain("rt-secret-1234");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void withoutVertexTheGeminiApiIsUsed() {
        Map<String, String> gemini = new HashMap<>(HostedContractTest.env(wm.baseUrl()));
        assertThat(open(gemini)).isNotInstanceOf(VertexVeoBackend.class);
    }

    static Map<String, String> form(String body) {
        Map<String, String> m = new HashMap<>();
        for (String kv : body.split("&")) {
            String[] p = kv.split("=", 2);
            m.put(URLDecoder.decode(p[0], StandardCharsets.UTF_8), URLDecoder.decode(p[1], StandardCharsets.UTF_8));
        }
        return m;
    }

    void assertNoPrivateKey() throws IOException {
        String keyBody = privateKeyPem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        for (LoggedRequest r : wm.findAll(WireMock.anyRequestedFor(WireMock.anyUrl()))) {
            assertThat(r.getBodyAsString()).doesNotContain(keyBody);
        }
        try (Stream<Path> files = Files.walk(dir.resolve("film"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(keyBody)
                    .doesNotContain("Bearer token");
            }
        }
    }
}
