package org.cinestack.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.cli.Main;

/**
 * A render that fails after shooting, here at the join (made to fail once by a folder standing where the master is
 * written), keeps its takes and its encoded segments: the next run shoots and encodes nothing and only joins.
 */
class FailedJoinTest {
    private static final String FILM = """
        title: Join
        seed: 2
        format: {aspect: 1.78, width: 320, height: 180, fps: 24}
        cast:
          - {id: ana, name: Ana}
        scenes:
          - id: s
            heading: INT. ROOM - DAY
            shots:
              - {id: a, size: ms, subject: ana, duration: 1}
              - {id: b, size: cu, subject: ana, duration: 1, camera: {move: dolly-in}}
        """;

    @Test
    void theNextRunReusesTakesAndSegmentsAfterAFailedJoin(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("film.yaml"), FILM);
        FilmRender.Options options = new FilmRender.Options(null, 1, "previs", 2, new RenderListener() { });
        FilmRender.Result first = FilmRender.render(dir, options);
        assertThat(first.takesGenerated()).isEqualTo(2);
        Path masters = dir.resolve(".cinestack/masters");
        Path cached;
        try (var files = Files.list(masters)) {
            cached = files.filter(f -> f.getFileName().toString().matches("[0-9a-f]{64}\\.mp4")).findFirst()
                .orElseThrow();
        }
        Files.delete(cached);
        String key = cached.getFileName().toString().replace(".mp4", "");
        Files.createDirectories(masters.resolve(key + ".tmp.mp4")); // the join cannot write its file

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true));
            code = Main.run("render", "--quiet", dir.toString());
        } finally {
            System.setErr(old);
        }
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("error: cannot write", key + ".tmp.mp4").doesNotContain("Exception");
        try (var takes = Files.list(dir.resolve(".cinestack/takes"))) {
            assertThat(takes.count()).isEqualTo(2);
        }

        FilmRender.Result again = FilmRender.render(dir, options);
        assertThat(again.takesGenerated()).isZero();
        assertThat(again.shotsEncoded()).isZero();
        assertThat(again.masterReused()).isFalse();
        assertThat(again.master()).isRegularFile();
        assertThat(List.of(again.totalFrames())).containsExactly(48);
    }
}
