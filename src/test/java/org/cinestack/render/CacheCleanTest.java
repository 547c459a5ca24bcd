package org.cinestack.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cleaning the cache keeps what the latest render uses, what was used recently, and every take. */
class CacheCleanTest {

    private static Path file(Path cache, String name, Instant modified) throws Exception {
        Path f = cache.resolve(name);
        Files.createDirectories(f.getParent());
        Files.write(f, new byte[1000]);
        Files.setLastModifiedTime(f, FileTime.from(modified));
        return f;
    }

    @Test
    void keepsTheLatestRendersFilesTheRecentOnesAndTakes(@TempDir Path cache) throws Exception {
        Instant now = Instant.parse("2026-11-28T12:00:00Z"), old = now.minus(Duration.ofDays(40)),
            recent = now.minus(Duration.ofDays(2));
        file(cache, "masters/K.mp4", old);
        file(cache, "masters/K.dialogue.wav", old);
        file(cache, "masters/V.vertical.mp4", old);
        file(cache, "masters/OLD.mp4", old);
        file(cache, "masters/OLD.vertical.crops.json", old);
        file(cache, "masters/NEW.mp4", recent);
        file(cache, "masters/MIX.mp4", recent); // a master used lately: its older stem goes with it, not alone
        file(cache, "masters/MIX.dialogue.wav", old);
        file(cache, "segments/s1.mp4", old);
        file(cache, "segments/s2.mp4", old);
        file(cache, "segments/s3.mp4", recent);
        file(cache, "segments/s4.mp4.tmp.mp4", old);
        file(cache, "takes/abc/1/take.mp4", old);
        file(cache, "ledger.jsonl", old);
        CacheClean.recordSegments(cache.resolve("masters"), "K", List.of(Path.of("segments/s1.mp4")));
        Path film = Files.writeString(cache.resolve("film.yaml"), "title: t\n");
        CacheClean.recordInUse(cache, film, java.util.Optional.empty(), List.of("K"));
        Path cut = Files.writeString(cache.resolve("cut.otio"), "{}"); // a recut of the same film keeps its own
        CacheClean.recordInUse(cache, film, java.util.Optional.of(cut), List.of("V.vertical"));

        CacheClean.Report dry = CacheClean.clean(cache, Duration.ofDays(30), true, now);
        assertThat(dry.removed()).containsExactly("segments/s4.mp4.tmp.mp4", "masters/OLD.mp4",
            "masters/OLD.vertical.crops.json", "segments/s2.mp4");
        assertThat(dry.bytes()).isEqualTo(4000);
        assertThat(cache.resolve("masters/OLD.mp4")).exists();

        CacheClean.Report r = CacheClean.clean(cache, Duration.ofDays(30), false, now);
        assertThat(r.removed()).isEqualTo(dry.removed());
        assertThat(cache.resolve("masters/OLD.mp4")).doesNotExist();
        assertThat(cache.resolve("segments/s1.mp4")).exists();
        assertThat(cache.resolve("segments/s3.mp4")).exists();
        assertThat(cache.resolve("masters/K.dialogue.wav")).exists();
        assertThat(cache.resolve("masters/V.vertical.mp4")).exists();
        assertThat(cache.resolve("takes/abc/1/take.mp4")).exists();
        assertThat(cache.resolve("ledger.jsonl")).exists();

        CacheClean.Report all = CacheClean.clean(cache, Duration.ZERO, false, now);
        assertThat(all.removed()).containsExactly("masters/MIX.dialogue.wav", "masters/MIX.mp4", "masters/NEW.mp4",
            "segments/s3.mp4");
        assertThat(cache.resolve("segments/s1.mp4")).exists();

        Files.delete(cut); // the recut is gone: its record keeps nothing any more
        CacheClean.Report afterCut = CacheClean.clean(cache, Duration.ZERO, false, now);
        assertThat(afterCut.removed()).hasSize(2).anyMatch(f -> f.startsWith("in-use/"))
            .contains("masters/V.vertical.mp4");
        assertThat(cache.resolve("masters/K.mp4")).exists();
    }

    @Test
    void filesLeftHalfMadeByARenderThatDiedGoWhateverTheirAge(@TempDir Path project) throws Exception {
        Path cache = project.resolve(".cinestack");
        Instant now = Instant.now();
        file(cache, "masters/K.mp4", now);
        file(cache, "masters/K.mp4.8123.tmp.mp4", now); // a master being written when the render died
        file(cache, "masters/K.trial.m4a.77.tmp.m4a", now);
        file(cache, "segments/s1.mp4", now);
        file(cache, "segments/s1.mp4.123.tmp.mp4", now);
        file(cache, "takes/abc/1/take.mp4", now);
        file(cache, "takes/abc/.tmp-2-4411/take.mp4", now); // a take being shot
        file(cache, "journal/x.json.5.tmp.json", now);
        file(project, "out/film.mp4", now);
        file(project, "out/film.mp4.99.tmp.mp4", now);
        CacheClean.recordSegments(cache.resolve("masters"), "K", List.of(Path.of("segments/s1.mp4")));
        Path film = Files.writeString(project.resolve("film.yaml"), "title: t\n");
        CacheClean.recordInUse(cache, film, java.util.Optional.empty(), List.of("K"));

        CacheClean.Report r = CacheClean.clean(cache, Duration.ofDays(30), false, now);
        assertThat(r.removed()).containsExactlyInAnyOrder("masters/K.mp4.8123.tmp.mp4",
            "masters/K.trial.m4a.77.tmp.m4a", "segments/s1.mp4.123.tmp.mp4", "takes/abc/.tmp-2-4411",
            "journal/x.json.5.tmp.json", "../out/film.mp4.99.tmp.mp4");
        assertThat(r.bytes()).isEqualTo(6000);
        assertThat(cache.resolve("takes/abc/.tmp-2-4411")).doesNotExist();
        assertThat(List.of(cache.resolve("masters/K.mp4"), cache.resolve("segments/s1.mp4"),
            cache.resolve("takes/abc/1/take.mp4"), project.resolve("out/film.mp4"))).allMatch(Files::exists);
    }

    @Test
    void aRunningRenderKeepsTheCleanerOut(@TempDir Path cache) throws Exception {
        file(cache, "segments/s1.mp4", Instant.parse("2020-01-01T00:00:00Z"));
        RenderLock render = RenderLock.acquire(cache, true, w -> { });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CacheClean.clean(cache, Duration.ZERO, false,
            Instant.now())).isInstanceOf(RenderLock.BusyException.class).hasMessageContaining("render")
            .hasMessageContaining("process " + ProcessHandle.current().pid());
        render.close();
        assertThat(cache.resolve("segments/s1.mp4")).exists();
        assertThat(CacheClean.clean(cache, Duration.ZERO, false, Instant.now()).removed()).hasSize(1);
    }

    /**
     * A record names its film relative to the project, spelled one way: the same film named two ways has one record,
     * and a moved project keeps what its latest render uses. The single record of earlier versions still counts.
     */
    @Test
    void recordsSurviveAMoveAndNameEachFilmOnce(@TempDir Path dir) throws Exception {
        Path project = Files.createDirectories(dir.resolve("film")), cache = project.resolve(".cinestack");
        Instant old = Instant.parse("2020-01-01T00:00:00Z");
        Path film = Files.writeString(project.resolve("film.yaml"), "title: t\n");
        file(cache, "masters/K.mp4", old);
        file(cache, "masters/L.mp4", old);
        CacheClean.recordInUse(cache, project.resolve("./film.yaml"), java.util.Optional.empty(), List.of("L"));
        CacheClean.recordInUse(cache, film, java.util.Optional.empty(), List.of("K"));
        try (var records = Files.list(cache.resolve("in-use"))) {
            assertThat(records.toList()).hasSize(1);
        }
        Path moved = Files.move(project, dir.resolve("moved")), movedCache = moved.resolve(".cinestack");
        CacheClean.Report r = CacheClean.clean(movedCache, Duration.ZERO, false, Instant.now());
        assertThat(r.removed()).containsExactly("masters/L.mp4");
        assertThat(movedCache.resolve("masters/K.mp4")).exists();

        Files.writeString(movedCache.resolve("in-use.txt"), "L\n"); // as an earlier version wrote it
        FileUtil.deleteRecords(movedCache);
        file(movedCache, "masters/L.mp4", old);
        assertThat(CacheClean.clean(movedCache, Duration.ZERO, false, Instant.now()).removed())
            .containsExactly("masters/K.mp4");
        assertThat(movedCache.resolve("masters/L.mp4")).exists();
    }

    /** Test help. */
    static final class FileUtil {
        static void deleteRecords(Path cache) throws Exception {
            try (var records = Files.list(cache.resolve("in-use"))) {
                for (Path p : records.toList()) Files.delete(p);
            }
        }
    }
}
