package org.cinestack.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.cinestack.TestFilms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.media.MediaInfo;

/**
 * One writer per project: two renders of one film at once (in one process, or in two) take turns, the second saying
 * whom it waits for; with {@code --no-wait} it refuses, naming the holder. Every master decodes whole.
 */
class ConcurrentRenderTest {
    private static final String FILM = TestFilms.withAna("Twice", 320, 180, "INT. HALL - NIGHT",
        "{id: a, size: ws, subject: ana, duration: 1.5}",
        "{id: b, size: cu, subject: ana, duration: 1, camera: {move: zoom-in}}");

    @Test
    void twoRendersInOneProcessTakeTurns(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("film.yaml"), FILM);
        List<String> warnings = new CopyOnWriteArrayList<>();
        RenderListener listener = new RenderListener() {
            @Override
            public void warning(String text) {
                warnings.add(text);
            }
        };
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<FilmRender.Result>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(two.submit(() -> FilmRender.render(dir, new FilmRender.Options(null, 1, "previs", 1,
                    listener))));
            }
            int generated = 0;
            for (Future<FilmRender.Result> run : runs) {
                FilmRender.Result r = run.get(5, TimeUnit.MINUTES);
                generated += r.takesGenerated();
                assertThat(MediaInfo.probe(r.master()).frameCount()).isEqualTo(60);
            }
            assertThat(generated).isEqualTo(2); // the second found the first's takes
            assertThat(warnings).anyMatch(w -> w.startsWith("waiting for another render of this project")
                && w.contains("process " + ProcessHandle.current().pid()));
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    void aRenderInAnotherProcessWaitsOrRefuses(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("film.yaml"), FILM);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        try (RenderLock held = RenderLock.acquire(dir.resolve(".cinestack"), false, w -> { })) {
            Process refused = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", cp,
                "org.cinestack.cli.Main", "render", "--no-wait", "--quiet", dir.toString()).redirectErrorStream(true)
                .start();
            String said = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(refused.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(refused.exitValue()).as(said).isEqualTo(1);
            assertThat(said).contains("another render of this project is running (process "
                + ProcessHandle.current().pid() + " on ").doesNotContain("Exception");

            Path log = dir.resolve("waiter.log");
            Process waiter = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", cp,
                "org.cinestack.cli.Main", "render", "--quiet", dir.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains("waiting for another render") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(log)).contains("waiting for another render of this project to end (process "
                + ProcessHandle.current().pid());
            assertThat(waiter.isAlive()).isTrue();
            assertThat(dir.resolve(".cinestack/takes")).doesNotExist(); // nothing written while it waits
            held.close();
            assertThat(waiter.waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(waiter.exitValue()).as(Files.readString(log)).isZero();
        }
        assertThat(MediaInfo.probe(dir.resolve("out/twice.mp4")).frameCount()).isEqualTo(60);
    }
}
