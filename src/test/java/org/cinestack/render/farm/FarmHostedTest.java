package org.cinestack.render.farm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import org.cinestack.TestFilms;
import org.cinestack.mix.Delivery;
import org.cinestack.render.FilmRender;
import org.cinestack.render.RenderListener;
import org.cinestack.shoot.comfyui.FakeComfyUi;
import org.cinestack.shoot.remote.Ledger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A paid take on a farm whose worker is killed after it submitted the job and before the result: the worker that
 * takes the job over finds the submission in the job journal on the shared project and waits for it, so the provider
 * (Luma, stood in by WireMock) is sent one request and the ledger books one paid take.
 */
class FarmHostedTest {
    private static final String FILM = TestFilms.withAna("Paid", 320, 180, "EXT. QUAY - DUSK",
        "{id: a, size: ews, subject: the harbour at dusk, duration: 1}");

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aWorkerKilledAfterSubmittingLeavesOnePaidRequest(@TempDir Path dir) throws Exception {
        WireMockServer wm = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        wm.start();
        try {
            Path clip = dir.resolve("clip.mp4");
            FakeComfyUi.clip(clip, 64, 36, 24, 24);
            wm.stubFor(post(urlEqualTo("/generations/video")).willReturn(json("{\"id\":\"g-1\",\"state\":\"queued\"}")));
            wm.stubFor(get(urlEqualTo("/generations/g-1")).willReturn(json("{\"id\":\"g-1\",\"state\":\"dreaming\"}")));
            wm.stubFor(get(urlEqualTo("/files/clip.mp4")).willReturn(aResponse().withStatus(200)
                .withBody(Files.readAllBytes(clip))));
            Path film = dir.resolve("film");
            Files.createDirectories(film);
            Files.writeString(film.resolve("film.yaml"), FILM);
            Map<String, String> env = Map.of("LUMAAI_API_KEY", "test-key", "LUMAAI_BASE_URL", wm.baseUrl());
            FilmRender.Options o = new FilmRender.Options(null, 1, "luma", 2, new RenderListener() { }, Delivery.WEB,
                new FilmRender.Shoot(List.of(), Optional.empty(), Map.of(), false, Double.POSITIVE_INFINITY,
                    Duration.ofMillis(50), env, FilmRender.Quality.NORMAL)).withRetakes(0);

            String url = TestPostgres.freshDatabase();
            try (FarmWorkers workers = new FarmWorkers(url, 2, 1, env); Farm farm = Farm.connect(url, 4)) {
                FarmJobRunner runner = new FarmJobRunner(farm, RenderRequest.of(film.resolve("film.yaml"), o));
                CompletableFuture<FilmRender.Result> render = CompletableFuture.supplyAsync(() ->
                    FilmRender.render(film, o, runner));
                // submitted, and the provider's job id is in the job journal: kill the worker that waits on it, then
                // let the provider finish (killed before the journal has the id, the next worker refuses to send the
                // take again without the user: Luma cannot look a job up by our id)
                while (!journalled(film.resolve(".cinestack/jobs"), "g-1")) Thread.sleep(50);
                String worker = farm.table().recent(50).stream().filter(r -> r.label().startsWith("shoot"))
                    .findFirst().orElseThrow().worker();
                long pid = Long.parseLong(worker.replaceAll(".*/", ""));
                Process killed = workers.processes().stream().filter(p -> p.pid() == pid).findFirst().orElseThrow();
                killed.destroyForcibly();
                killed.waitFor();
                wm.stubFor(get(urlEqualTo("/generations/g-1")).willReturn(json("{\"id\":\"g-1\",\"state\":"
                    + "\"completed\",\"assets\":{\"video\":\"" + wm.baseUrl() + "/files/clip.mp4\"}}")));

                FilmRender.Result result = render.get(3, TimeUnit.MINUTES);
                assertThat(result.master()).as(workers.logs()).exists();
                assertThat(wm.findAll(postRequestedFor(urlEqualTo("/generations/video")))).as("one paid request")
                    .hasSize(1);
                List<Ledger.Entry> ledger = new Ledger(film.resolve(".cinestack")).entries();
                assertThat(ledger).filteredOn(e -> e.outcome() == Ledger.Outcome.SUBMITTED).hasSize(1);
                assertThat(ledger).filteredOn(e -> e.outcome() == Ledger.Outcome.SUCCEEDED).hasSize(1);
                assertThat(Ledger.spend(ledger, Ledger.Entry::shot)).hasSize(1);
                String all = Files.readString(film.resolve(".cinestack/ledger.jsonl"));
                assertThat(all).doesNotContain("test-key");
            }
        } finally {
            wm.stop();
        }
    }

    private static boolean journalled(Path jobs, String providerJob) throws java.io.IOException {
        if (!Files.isDirectory(jobs)) return false;
        try (var s = Files.list(jobs)) {
            for (Path p : s.toList()) {
                try {
                    if (Files.readString(p).contains(providerJob)) return true;
                } catch (java.io.IOException e) {
                    // being written
                }
            }
        }
        return false;
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
