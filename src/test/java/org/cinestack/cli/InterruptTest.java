package org.cinestack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.cinestack.TestFilms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C during a render: the process ends with 130 and says what it kept and how to go on. */
class InterruptTest {
    private static final String FILM = TestFilms.withAna("Long", 640, 360, "EXT. FIELD - DAY",
        "{id: a, size: ws, subject: ana, duration: 6, camera: {move: dolly-in}}",
        "{id: b, size: ms, subject: ana, duration: 6, camera: {move: pan-left}}",
        "{id: c, size: cu, subject: ana, duration: 6, camera: {move: orbit-left}}");

    @Test
    void ctrlCSaysWhatIsKept(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("film.yaml"), FILM);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("render.log");
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
            System.getProperty("java.class.path"), "org.cinestack.cli.Main", "render", dir.toString())
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).contains("shoot 2/3") && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(p.isAlive()).as(Files.readString(log)).isTrue();
        assertThat(new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor()).isZero();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String said = Files.readString(log);
        assertThat(p.exitValue()).as(said).isEqualTo(130); // 128 + SIGINT
        assertThat(said).contains("interrupted: the takes and shots already made are kept in "
            + dir.toAbsolutePath().resolve(".cinestack")).contains("render again").doesNotContain("Exception");
    }
}
