package org.cinestack.shoot.comfyui;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.shoot.remote.Budget;
import org.cinestack.shoot.remote.Ledger;

/**
 * Cancelling a ComfyUI job never stops another client's: a server with the jobs API cancels the one job
 * ({@code POST /api/jobs/{id}/cancel}); an older one has the job taken off its queue, and {@code /interrupt} is sent
 * only where it stops the named job alone (0.3.57 and later, read from {@code /system_stats}) or where ours is the
 * job running. Answers are ComfyUI's own ({@code providers/comfyui/}).
 */
class ComfyUiCancelTest {
    static final String OURS = "0c0ffee0-0000-4000-8000-000000000001";
    static final String THEIRS = "7e1e7e1e-0000-4000-8000-000000000002";
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

    static String fixture(String name) throws IOException {
        try (InputStream in = ComfyUiCancelTest.class.getResourceAsStream(
            "/org/cinestack/shoot/hosted/providers/comfyui/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    void cancel() {
        ComfyUiBackend b = new ComfyUiBackend(dir.resolve(".cinestack"), new Ledger(dir.resolve(".cinestack")),
            Budget.unlimited(), ComfyUiBackend.Settings.of(List.of(wm.baseUrl())), s -> Optional.empty());
        b.cancel(wm.baseUrl() + "#" + OURS);
    }

    void oldServer(String version, String running) throws IOException {
        wm.stubFor(post(urlEqualTo("/api/jobs/" + OURS + "/cancel")).willReturn(aResponse().withStatus(404)));
        wm.stubFor(get(urlEqualTo("/system_stats")).willReturn(aResponse().withStatus(200)
            .withBody(fixture("system-stats.schema-derived.json").replace("\"0.3.64\"", "\"" + version + "\""))));
        wm.stubFor(get(urlEqualTo("/queue")).willReturn(aResponse().withStatus(200).withBody(
            "{\"queue_running\":[[0,\"" + running + "\",{},{},[]]],\"queue_pending\":[]}")));
        wm.stubFor(post(urlEqualTo("/queue")).willReturn(aResponse().withStatus(200)));
        wm.stubFor(post(urlEqualTo("/interrupt")).willReturn(aResponse().withStatus(200)));
    }

    @Test
    void aServerWithTheJobsApiCancelsTheOneJob() throws IOException {
        wm.stubFor(post(urlEqualTo("/api/jobs/" + OURS + "/cancel")).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/json").withBody(fixture("jobs-cancel-response.json"))));
        cancel();
        wm.verify(1, postRequestedFor(urlEqualTo("/api/jobs/" + OURS + "/cancel")));
        wm.verify(0, postRequestedFor(urlEqualTo("/interrupt")));
        wm.verify(0, postRequestedFor(urlEqualTo("/queue")));
    }

    @Test
    void anOldServerRunningSomeoneElsesJobIsNotInterrupted() throws IOException {
        oldServer("0.3.40", THEIRS);
        cancel();
        wm.verify(1, postRequestedFor(urlEqualTo("/queue")).withRequestBody(equalToJson(
            fixture("queue-delete-request.schema-derived.json").replace("<uuid>", OURS))));
        wm.verify(0, postRequestedFor(urlEqualTo("/interrupt")));
    }

    @Test
    void anOldServerRunningOurJobIsInterrupted() throws IOException {
        oldServer("v0.3.10-12-gabcdef", OURS);
        cancel();
        wm.verify(1, postRequestedFor(urlEqualTo("/interrupt")));
    }

    @Test
    void aServerWhoseInterruptIsTargetedGetsOurJobsId() throws IOException {
        oldServer("0.3.57", THEIRS);
        cancel();
        wm.verify(1, postRequestedFor(urlEqualTo("/interrupt")).withRequestBody(equalToJson(
            fixture("interrupt-request.schema-derived.json").replace("<uuid>", OURS))));
    }

    @Test
    void versionsAreComparedAsNumbers() {
        assertThat(ComfyUiBackend.atLeast("0.3.57", ComfyUiBackend.TARGETED_INTERRUPT)).isTrue();
        assertThat(ComfyUiBackend.atLeast("0.3.100", ComfyUiBackend.TARGETED_INTERRUPT)).isTrue();
        assertThat(ComfyUiBackend.atLeast("0.3.9", ComfyUiBackend.TARGETED_INTERRUPT)).isFalse();
        assertThat(ComfyUiBackend.atLeast("v0.4.0-1-gabc", ComfyUiBackend.TARGETED_INTERRUPT)).isTrue();
        assertThat(ComfyUiBackend.atLeast("unknown", ComfyUiBackend.TARGETED_INTERRUPT)).isFalse();
    }
}
