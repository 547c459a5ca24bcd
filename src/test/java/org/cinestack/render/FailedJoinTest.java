package org.cinestack.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cinestack.TestFilms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.cli.Main;

/**
 * A render that fails after shooting, here at the join (made to fail once by a folder standing where the master is
 * written), keeps its takes and its encoded segments: the next run shoots and encodes nothing and only joins.
 */
class FailedJoinTest {
    private static final String FILM = TestFilms.withAna("Join", 320, 180, "INT. ROOM - DAY",
        "{id: a, size: ms, subject: ana, duration: 1}",
        "{id: b, size: cu, subject: ana, duration: 1, camera: {move: dolly-in}}");

    @Test
    void theNextRunReusesTakesAndSegmentsAfterAFailedJoin(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("film.yaml"), FILM);
        FilmRender.Options options = new FilmRender.Options(null, 1, "previs", 2, new RenderListener() { });
        FilmRender.Result first = FilmRender.render(dir, options);
        assertThat(first.takesGenerated()).isEqualTo(2);
        Path cache = dir.resolve(".cinestack"), masters = cache.resolve("masters");
        String key;
        try (var files = Files.list(masters)) { // the master's name: the digest of what it is made of
            key = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("[0-9a-f]{64}\\.mp4")).findFirst()
                .orElseThrow().replace(".mp4", "");
        }
        // again with the same takes (so the same master name: takes shot again decode to the same pictures, but
        // their encoded bytes, which the name is made of, were once seen to differ in a full run of the suite), with a
        // folder standing where the master goes: the segments are encoded and joined, then it cannot be placed
        for (String sub : List.of("segments", "masters")) deleteTree(cache.resolve(sub));
        Path obstacle = Files.createDirectories(masters.resolve(key + ".mp4").resolve("in-the-way"));
        java.nio.file.attribute.FileTime before = java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L);
        for (String ext : List.of(".otio", ".edl", ".mlt", ".fcpxml")) {
            Files.setLastModifiedTime(dir.resolve("out/join" + ext), before);
        }

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true));
            code = Main.run("render", "--quiet", dir.toString());
        } finally {
            System.setErr(old);
        }
        java.util.List<String> listed;
        try (var m = Files.list(masters)) {
            listed = m.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertThat(code).as("said: %s; masters: %s", err, listed).isEqualTo(1);
        assertThat(err.toString()).contains("error: ", key + ".mp4").doesNotContain("Exception");
        try (var takes = Files.list(cache.resolve("takes"))) {
            assertThat(takes.count()).isEqualTo(2);
        }
        for (String ext : List.of(".otio", ".edl", ".mlt", ".fcpxml")) { // out/ as the last finished render left it
            assertThat(Files.getLastModifiedTime(dir.resolve("out/join" + ext))).as(ext).isEqualTo(before);
        }
        try (var segments = Files.list(cache.resolve("segments"))) {
            assertThat(segments.filter(f -> f.toString().endsWith(".mp4")).count()).isEqualTo(2);
        }

        deleteTree(obstacle.getParent());
        FilmRender.Result again = FilmRender.render(dir, options);
        assertThat(again.takesGenerated()).isZero();
        assertThat(again.shotsEncoded()).isZero();
        assertThat(again.masterReused()).isFalse();
        assertThat(again.master()).isRegularFile();
        assertThat(again.totalFrames()).isEqualTo(48);
    }

    private static void deleteTree(Path p) throws java.io.IOException {
        if (!Files.exists(p)) return;
        try (var all = Files.walk(p)) {
            for (Path f : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
        }
    }
}
