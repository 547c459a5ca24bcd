package org.cinestack.render.farm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.cinestack.TestFilms;
import org.cinestack.render.FilmRender;
import org.cinestack.render.RenderListener;
import org.cinestack.render.graph.JobEvent;
import org.cinestack.render.graph.JobKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker whose database goes away and comes back: JobRunr's server stops itself when it cannot reach the database;
 * the worker says so, waits, starts taking jobs again once the database answers, and a render then completes on it.
 * The same in the middle of a take: the render following the farm waits for the database, and the take is made once.
 */
class FarmOutageTest {
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aWorkerTakesJobsAgainOnceItsDatabaseIsBack(@TempDir Path dir) throws Exception {
        TestPostgres.Cluster cluster = TestPostgres.Cluster.start();
        String url = cluster.url();
        Files.writeString(dir.resolve("film.yaml"), TestFilms.withAna("Outage", 320, 180, "INT. ROOM - NIGHT",
            "{id: a, size: ms, subject: ana, duration: 1}"));
        try (FarmWorkers workers = new FarmWorkers(url, 1, 1, Map.of())) {
            try (Farm farm = Farm.connect(url, 2)) { // the tables, and the worker announced
                while (FarmStatus.of(farm).workers().isEmpty()) Thread.sleep(100);
            }
            cluster.halt();
            long t0 = System.nanoTime();
            while (!workers.logs().contains("lost the farm's database")) {
                assertThat(System.nanoTime() - t0).as(workers.logs()).isLessThan(60_000_000_000L);
                Thread.sleep(200);
            }
            Thread.sleep(FarmWorker.POLL.toMillis() * 2); // JobRunr's server gives up on it meanwhile
            cluster.resume();
            try (Farm farm = Farm.connect(url, 4)) {
                FilmRender.Options o = new FilmRender.Options(null, 1, null, 2, new RenderListener() { });
                FilmRender.Result r = FilmRender.render(dir, o, new FarmJobRunner(farm,
                    RenderRequest.of(dir.resolve("film.yaml"), o)));
                assertThat(r.master()).exists();
                assertThat(FarmStatus.of(farm).counts().get(JobTable.State.FAILED)).isZero();
            }
            assertThat(workers.logs()).contains("answers again").doesNotContain("password");
        }
    }

    /**
     * The database goes away while a worker makes a take, and comes back 8 s later: the render that follows the farm
     * waits for it and completes; the take is made once, and no job is recorded failed.
     */
    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aTakeBeingMadeWhenTheDatabaseGoesIsFinishedOnceItIsBack(@TempDir Path dir) throws Exception {
        TestPostgres.Cluster cluster = TestPostgres.Cluster.start();
        String url = cluster.url();
        Files.writeString(dir.resolve("film.yaml"), TestFilms.withAna("Outage", 640, 360, "INT. ROOM - NIGHT",
            "{id: a, size: ms, subject: ana, duration: 4, camera: {move: push-in}}"));
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        List<String> warnings = new CopyOnWriteArrayList<>();
        try (FarmWorkers workers = new FarmWorkers(url, 1, 1, Map.of()); Farm farm = Farm.connect(url, 4)) {
            FilmRender.Options o = new FilmRender.Options(null, 1, null, 2, new RenderListener() {
                @Override
                public void job(JobEvent event) {
                    events.add(event);
                }
            });
            FarmJobRunner runner = new FarmJobRunner(farm, RenderRequest.of(dir.resolve("film.yaml"), o),
                warnings::add);
            CompletableFuture<FilmRender.Result> render = CompletableFuture.supplyAsync(() ->
                FilmRender.render(dir, o, runner));
            while (events.stream().noneMatch(e -> e instanceof JobEvent.Started s && s.job().kind() == JobKind.SHOOT)) {
                assertThat(render).as(workers.logs()).isNotDone();
                Thread.sleep(20);
            }
            Thread.sleep(300); // into the take
            cluster.halt();
            Thread.sleep(8_000);
            cluster.resume();
            FilmRender.Result r = render.get(3, TimeUnit.MINUTES);
            assertThat(r.master()).exists();
            assertThat(warnings).anyMatch(w -> w.contains("lost the farm's database")).doesNotContain("password");
            assertThat(FarmStatus.of(farm).counts().get(JobTable.State.FAILED)).as(workers.logs()).isZero();
            try (Stream<Path> s = Files.walk(dir.resolve(".cinestack/takes"))) {
                assertThat(s.filter(p -> p.getFileName().toString().equals("take.json")).count()).isEqualTo(1);
            }
            assertThat(workers.logs()).contains("answers again");
        }
    }
}
