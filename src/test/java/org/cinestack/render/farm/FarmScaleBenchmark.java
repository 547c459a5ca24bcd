package org.cinestack.render.farm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import org.cinestack.TestFilms;
import org.cinestack.mix.Delivery;
import org.cinestack.render.FilmRender;
import org.cinestack.render.RenderListener;
import org.cinestack.render.graph.Job;
import org.cinestack.render.graph.JobEvent;
import org.cinestack.render.graph.JobKind;
import org.cinestack.render.graph.Lane;
import org.cinestack.shoot.comfyui.FakeComfyUi;

/**
 * The farm's scale, as whole processes on a throwaway PostgreSQL (not JMH: each figure is one render).
 * <ol>
 *   <li>Throughput: a film of {@code shots} shots on a stand-in hosted model (WireMock) that takes 2 s a job, rendered
 *       by 1, 2 and 4 worker JVMs ({@code cinestack worker --workers 1} each), warmed first by a film of 4 shots a
 *       worker: the shots' phase (first shoot started to last dailies done) and the whole render, and their speed-up
 *       over one worker.</li>
 *   <li>The engine's overhead per job: on each worker, the time from a job's end to the start of its next one
 *       (recorded in the farm's job table), median and 95th percentile.</li>
 *   <li>Enqueuing: 10,000 shot jobs planned and queued, seconds.</li>
 * </ol>
 * Usage: {@code bench/run FarmScaleBenchmark [shots]}.
 */
public final class FarmScaleBenchmark {
    private FarmScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int shots = args.length > 0 ? Integer.parseInt(args[0]) : 24;
        WireMockServer wm = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
            .dynamicPort().containerThreads(64));
        wm.start();
        Path dir = Files.createTempDirectory("cinestack-farm-bench-");
        try {
            Path clip = dir.resolve("clip.mp4");
            FakeComfyUi.clip(clip, 64, 36, 24, 24);
            wm.stubFor(post(urlEqualTo("/generations/video")).willReturn(json("{\"id\":\"g-1\",\"state\":\"queued\"}")));
            wm.stubFor(get(urlEqualTo("/generations/g-1")).willReturn(json("{\"id\":\"g-1\",\"state\":\"completed\","
                + "\"assets\":{\"video\":\"" + wm.baseUrl() + "/files/clip.mp4\"}}").withFixedDelay(2000)));
            wm.stubFor(get(urlEqualTo("/files/clip.mp4")).willReturn(aResponse().withStatus(200)
                .withBody(Files.readAllBytes(clip))));
            Map<String, String> env = Map.of("LUMAAI_API_KEY", "bench", "LUMAAI_BASE_URL", wm.baseUrl());
            String[] list = new String[shots];
            for (int i = 0; i < shots; i++) list[i] = "{id: s" + i + ", size: ws, subject: the harbour, duration: 1}";
            String film = TestFilms.withAna("Scale", 320, 180, "EXT. QUAY - DUSK", list);
            double[] phase = new double[5], whole = new double[5];
            for (int workers : new int[] {1, 2, 4}) {
                Path project = dir.resolve("w" + workers);
                Files.createDirectories(project);
                Files.writeString(project.resolve("film.yaml"), film);
                String url = TestPostgres.freshDatabase();
                Map<String, Instant> started = new ConcurrentHashMap<>(), ended = new ConcurrentHashMap<>();
                FilmRender.Options o = new FilmRender.Options(null, 1, "luma", 2, new RenderListener() {
                    @Override
                    public void job(JobEvent e) {
                        if (e.job().kind() != JobKind.SHOOT && e.job().kind() != JobKind.DAILIES) return;
                        if (e instanceof JobEvent.Started) started.putIfAbsent(e.job().id(), Instant.now());
                        if (e instanceof JobEvent.Done || e instanceof JobEvent.Cached) {
                            ended.put(e.job().id(), Instant.now());
                        }
                    }
                }, Delivery.WEB, new FilmRender.Shoot(List.of(), Optional.empty(), Map.of(), false,
                    Double.POSITIVE_INFINITY, Duration.ofMillis(50), env, FilmRender.Quality.NORMAL)).withRetakes(0);
                try (FarmWorkers w = new FarmWorkers(url, workers, 1, env); Farm farm = Farm.connect(url, 4)) {
                    while (FarmStatus.of(farm).workers().stream().filter(FarmStatus.Worker::alive).count() < workers) {
                        Thread.sleep(100); // the workers' JVMs up and announced
                    }
                    // warm-up: a film of its own (other jobs), so every worker JVM has loaded and compiled its
                    // paths before the timed render, as long-running workers on a farm have
                    Path warm = dir.resolve("warm" + workers);
                    Files.createDirectories(warm);
                    String[] warmShots = new String[4 * workers];
                    for (int i = 0; i < warmShots.length; i++) {
                        warmShots[i] = "{id: w" + i + ", size: ms, subject: the harbour, duration: 1}";
                    }
                    Files.writeString(warm.resolve("film.yaml"), TestFilms.withAna("Warm", 320, 180,
                        "EXT. QUAY - DUSK", warmShots));
                    FilmRender.Options quiet = new FilmRender.Options(null, 1, "luma", 2, new RenderListener() { },
                        Delivery.WEB, o.shoot()).withRetakes(0);
                    FilmRender.render(warm, quiet, new FarmJobRunner(farm, RenderRequest.of(warm.resolve("film.yaml"),
                        quiet)));
                    started.clear();
                    ended.clear();
                    long t0 = System.nanoTime();
                    FilmRender.render(project, o, new FarmJobRunner(farm, RenderRequest.of(project.resolve(
                        "film.yaml"), o)));
                    whole[workers] = (System.nanoTime() - t0) / 1e9;
                    Instant first = started.values().stream().min(Instant::compareTo).orElseThrow();
                    Instant last = ended.values().stream().max(Instant::compareTo).orElseThrow();
                    phase[workers] = Duration.between(first, last).toMillis() / 1000.0;
                    if (workers == 1) overhead(url);
                }
                System.out.printf(Locale.ROOT, "%d worker(s): %d shots' shoot and dailies in %.1f s (%.2f shots/s), "
                    + "whole render %.1f s%n", workers, shots, phase[workers], shots / phase[workers], whole[workers]);
            }
            System.out.printf(Locale.ROOT, "speed-up of the shots' phase: %.2fx at 2 workers, %.2fx at 4; of the "
                + "whole render: %.2fx, %.2fx%n", phase[1] / phase[2], phase[1] / phase[4], whole[1] / whole[2],
                whole[1] / whole[4]);
            enqueue(10_000);
        } finally {
            wm.stop();
        }
        System.exit(0);
    }

    /** Prints the time from one job's end to the next one's start on the same worker. */
    private static void overhead(String url) throws Exception {
        List<Double> gaps = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT worker, started_at, updated_at FROM cinestack_farm_jobs "
                 + "WHERE state IN ('DONE', 'CACHED') ORDER BY worker, started_at")) {
            String worker = null;
            Instant end = null;
            while (r.next()) {
                if (r.getString(1).equals(worker) && end != null) {
                    gaps.add(Duration.between(end, r.getTimestamp(2).toInstant()).toNanos() / 1e6);
                }
                worker = r.getString(1);
                end = r.getTimestamp(3).toInstant();
            }
        }
        gaps.sort(Double::compare);
        System.out.printf(Locale.ROOT, "engine overhead between jobs on one worker: median %.0f ms, 95th percentile "
            + "%.0f ms (%d gaps)%n", gaps.get(gaps.size() / 2), gaps.get((int) (gaps.size() * 0.95)), gaps.size());
    }

    /** Plans and queues {@code n} independent shot jobs, as a render of an n-shot film does before anything runs. */
    private static void enqueue(int n) throws Exception {
        String url = TestPostgres.freshDatabase();
        try (Farm farm = Farm.connect(url, 4)) {
            RenderRequest request = new RenderRequest("/nowhere/film.yaml", null, 1, "previs", 2, "WEB", null,
                new String[0], 0, new String[0], null, new String[0], false, 1e308, 5000, "NORMAL", new String[0]);
            List<Job> jobs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                jobs.add(new Job(org.cinestack.plan.ShotSpec.sha256("bench shot " + i), JobKind.SHOOT, "s" + i,
                    List.of(), Lane.WAITING, c -> null));
            }
            long t0 = System.nanoTime();
            for (Job j : jobs) {
                farm.table().plan(j);
                farm.enqueue(request, j);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%d shot jobs planned and queued in %.1f s (%.0f a second)%n", n, seconds,
                n / seconds);
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
