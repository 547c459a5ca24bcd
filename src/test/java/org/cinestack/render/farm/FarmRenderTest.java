package org.cinestack.render.farm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.cinestack.TestFilms;
import org.cinestack.render.FilmRender;
import org.cinestack.render.RenderListener;
import org.cinestack.media.VideoReader;
import org.cinestack.render.graph.JobEvent;
import org.cinestack.render.graph.JobKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A film rendered by two worker JVMs on a real PostgreSQL, one of them killed with SIGKILL while it makes a take: the
 * film completes, every take exists once, and the takes and the master decode to the same frames as a render in one
 * process, every value.
 * Rendering it again queues nothing new.
 */
class FarmRenderTest {
    private static final String FILM = TestFilms.withAna("Farm", 480, 270, "INT. ROOM - NIGHT",
        "{id: a, size: ms, subject: ana, duration: 3, camera: {move: dolly-in}}",
        "{id: b, size: cu, subject: ana, duration: 3, camera: {move: push-in}}",
        "{id: c, size: ws, subject: ana, duration: 3}");

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aKilledWorkersTakeIsMadeOnceByAnotherAndTheMasterIsTheSame(@TempDir Path dir) throws Exception {
        Path farmed = dir.resolve("farmed");
        Path alone = dir.resolve("alone");
        Files.createDirectories(farmed);
        Files.createDirectories(alone);
        Files.writeString(farmed.resolve("film.yaml"), FILM);
        Files.writeString(alone.resolve("film.yaml"), FILM);
        // the single-process render, as a user makes it: the command line in a JVM of its own
        Process cli = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
            System.getProperty("java.class.path"), "org.cinestack.cli.Main", "render", alone.toString(), "--quiet")
            .redirectErrorStream(true).start();
        String said = new String(cli.getInputStream().readAllBytes());
        assertThat(cli.waitFor()).as(said).isZero();
        Path single = alone.resolve("out/farm.mp4");

        String url = TestPostgres.freshDatabase();
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        try (FarmWorkers workers = new FarmWorkers(url, 2, 1, Map.of()); Farm farm = Farm.connect(url, 4)) {
            FilmRender.Options o = options(events::add);
            FarmJobRunner runner = new FarmJobRunner(farm, RenderRequest.of(farmed.resolve("film.yaml"), o));
            CompletableFuture<FilmRender.Result> render = CompletableFuture.supplyAsync(() ->
                FilmRender.render(farmed, o, runner));
            // the first take to start: kill the worker making it, while it makes it
            JobEvent.Started first = null;
            while (first == null) {
                first = events.stream().filter(e -> e instanceof JobEvent.Started s
                    && s.job().kind() == JobKind.SHOOT).map(JobEvent.Started.class::cast).findFirst().orElse(null);
                Thread.sleep(20);
            }
            String shot = first.job().id();
            JobTable.Row running = farm.table().rows(List.of(shot)).get(shot);
            long pid = Long.parseLong(running.worker().replaceAll(".*/", ""));
            Process killed = workers.processes().stream().filter(p -> p.pid() == pid).findFirst().orElseThrow();
            Thread.sleep(300); // into the take
            killed.destroyForcibly(); // SIGKILL: no shutdown hook, no goodbye to JobRunr
            killed.waitFor();

            FilmRender.Result result = render.get(5, TimeUnit.MINUTES);
            JobTable.Row after = farm.table().rows(List.of(shot)).get(shot);
            assertThat(after.state()).as(workers.logs()).isIn(JobTable.State.DONE, JobTable.State.CACHED);
            assertThat(after.worker()).as("made again by the other worker").isNotEqualTo(running.worker());
            // every take once, and nothing half-made left where takes are trusted
            try (Stream<Path> s = Files.walk(farmed.resolve(".cinestack/takes"))) {
                List<Path> takes = s.filter(p -> p.getFileName().toString().equals("take.json") && trusted(p))
                    .toList();
                assertThat(takes).hasSize(3);
            }
            // the takes and the master: the same frames, every value (x264 is kept to AVX2 where its AVX-512 code made
            // streams that varied; see the README's Reliability); the take files are the same bytes
            try (Stream<Path> s = Files.walk(farmed.resolve(".cinestack/takes"))) {
                // the takes in the store: not what the killed worker left half-made in a staging folder
                for (Path take : s.filter(p -> p.getFileName().toString().equals("take.mp4") && trusted(p))
                    .toList()) {
                    Path same = alone.resolve(".cinestack/takes").resolve(farmed.resolve(".cinestack/takes")
                        .relativize(take));
                    assertThat(same).as("the same take, by its digest").exists();
                    assertThat(lowestPsnr(take, same)).as("PSNR of " + take + ", dB").isInfinite();
                    assertThat(Files.mismatch(take, same)).as(take.toString()).isEqualTo(-1L);
                }
            }
            assertThat(lowestPsnr(result.master(), single)).as("PSNR of the masters, dB").isInfinite();

            // the same film again: every job is found done, and JobRunr holds no new job
            long queued = jobrunrJobs(url);
            events.clear();
            FilmRender.render(farmed, o, runner);
            assertThat(jobrunrJobs(url)).isEqualTo(queued);
            // only the jobs that place the results into the project run, here, as in any render
            assertThat(events).filteredOn(e -> e instanceof JobEvent.Started).extracting(e -> e.job().kind())
                .containsExactlyInAnyOrder(JobKind.INTERCHANGE, JobKind.PROVENANCE, JobKind.REPORT);
            assertThat(events).filteredOn(e -> e instanceof JobEvent.Cached).hasSize(runner.lastGraphSize());
            List<String> placed = events.stream().filter(e -> e instanceof JobEvent.Started).map(e -> e.job().id())
                .toList();
            assertThat(farm.table().rows(placed)).as("never queued on the farm").isEmpty();

            // and from the command line: the summary says what the farm ran
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.PrintStream was = System.out;
            int code;
            try {
                System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
                code = org.cinestack.cli.Main.run("render", farmed.toString(), "--farm", url, "--quiet");
            } finally {
                System.setOut(was);
            }
            assertThat(code).isZero();
            assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("0 of " + runner.lastGraphSize() + " jobs run on the farm");
        }
    }

    /**
     * @return whether a take's file is where the store serves takes from ({@code <digest>/<n>/}), not in a staging
     *         folder ({@code <digest>/.tmp-<n>-<random>/}) that a take being made, or a worker killed making one, left
     */
    private static boolean trusted(Path takeFile) {
        return takeFile.getParent().getFileName().toString().matches("[0-9]+");
    }

    /** @return the lowest PSNR over the frames of two videos of the same size and length, dB (infinity when equal) */
    static double lowestPsnr(Path a, Path b) {
        double lowest = Double.POSITIVE_INFINITY;
        int frames = 0;
        try (VideoReader x = new VideoReader(a); VideoReader y = new VideoReader(b)) {
            assertThat(x.width()).isEqualTo(y.width());
            assertThat(x.height()).isEqualTo(y.height());
            byte[] p = new byte[x.width() * x.height() * 3], q = new byte[p.length];
            while (true) {
                boolean more = x.next(p);
                assertThat(y.next(q)).as("both have frame " + frames).isEqualTo(more);
                if (!more) break;
                frames++;
                double sum = 0;
                for (int i = 0; i < p.length; i++) {
                    int d = (p[i] & 255) - (q[i] & 255);
                    sum += d * d;
                }
                if (sum > 0) lowest = Math.min(lowest, 10 * Math.log10(255.0 * 255.0 * p.length / sum));
            }
        }
        assertThat(frames).isPositive();
        return lowest;
    }

    private static long jobrunrJobs(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM jobrunr_jobs")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static FilmRender.Options options(java.util.function.Consumer<JobEvent> jobs) {
        return new FilmRender.Options(null, 1, null, 2, new RenderListener() {
            @Override
            public void job(JobEvent event) {
                jobs.accept(event);
            }
        });
    }
}
