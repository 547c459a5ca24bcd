package org.cinestack.shoot.comfyui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.render.FilmRender;
import org.cinestack.render.RenderListener;
import org.cinestack.shoot.remote.Ledger;

/**
 * Kill the process in the middle of a shoot against the stand-in server, and run again: no finished take is generated
 * again, the jobs still running are picked up rather than submitted again, and the ledger shows no duplicate paid
 * submission.
 */
class ComfyUiFaultTest {

    @Test
    void aKilledShootResumesWithoutPayingTwice(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("server"));
        Path project = dir.resolve("film");
        Files.createDirectories(project);
        Files.writeString(project.resolve("film.yaml"), ComfyUiRenderTest.FILM);
        try (FakeComfyUi server = new FakeComfyUi(dir.resolve("server"))) {
            server.jobMillis = 2500;
            String java = ProcessHandle.current().info().command().orElse("java");
            Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "org.cinestack.cli.Main", "render", project.toString(),
                "--backend", "comfyui", "--comfyui-url", server.url(), "--retakes", "0").redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
            Ledger ledger = new Ledger(project.resolve(".cinestack"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            // wait for one finished take while others are still running on the server
            while (System.nanoTime() < deadline && ledger.entries().stream().noneMatch(e -> e.outcome()
                == Ledger.Outcome.SUCCEEDED)) {
                Thread.sleep(50);
            }
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            List<Ledger.Entry> before = ledger.entries();
            assertThat(before).as("the child's log: %s", Files.readString(dir.resolve("child.log")))
                .anyMatch(e -> e.outcome() == Ledger.Outcome.SUCCEEDED);
            long finished;
            try (var walk = Files.walk(project.resolve(".cinestack/takes"))) {
                finished = walk.filter(p -> p.getFileName().toString().equals("take.json")).count(); // kept takes
            }
            assertThat(finished).as("killed mid-shoot").isLessThan(3);
            int jobsBefore = server.jobs().size();

            server.jobMillis = 100;
            FilmRender.Result r = FilmRender.render(project, new FilmRender.Options(null, 1, "comfyui", 2,
                new RenderListener() { }, org.cinestack.mix.Delivery.WEB, new FilmRender.Shoot(List.of(server.url()),
                Optional.empty(), Map.of(), false, Double.POSITIVE_INFINITY, Duration.ofMillis(100))).withRetakes(0));
            assertThat(r.takesGenerated()).isEqualTo(3 - (int) finished);
            assertThat(server.jobs()).as("one job per shot, ever").hasSize(3);
            assertThat(server.postedTwice()).isEmpty();
            assertThat(ledger.submissions().values()).allMatch(n -> n == 1);
            assertThat(ledger.entries()).filteredOn(e -> e.outcome() == Ledger.Outcome.RESUMED)
                .hasSize(jobsBefore - (int) finished);
        }
    }
}
