package org.cinestack.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.TestFilms;
import org.cinestack.media.Integrity;
import org.cinestack.media.Sealed;

/**
 * A cached master, segment or take that is cut short or damaged after it was made is made again, never served: the
 * render that finds it decodes a whole master.
 */
class DamagedCacheTest {
    private static final String FILM = TestFilms.withAna("Cut Short", 320, 180, "INT. HALL - NIGHT",
        "{id: a, size: ws, subject: ana, duration: 1.5}",
        "{id: b, size: cu, subject: ana, duration: 1}");

    private static FilmRender.Result render(Path dir) {
        return FilmRender.render(dir, new FilmRender.Options(null, 1, "previs", 1, new RenderListener() { }));
    }

    private static void cutShort(Path file) throws Exception {
        byte[] b = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(b, b.length * 2 / 3));
    }

    private static List<Path> files(Path folder, String suffix) throws Exception {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void aMasterSegmentOrTakeCutShortIsMadeAgain(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("film.yaml"), FILM);
        FilmRender.Result first = render(dir);
        assertThat(first.masterReused()).isFalse();
        Path cache = dir.resolve(".cinestack");
        Path master = files(cache.resolve("masters"), ".mp4").stream()
            .filter(f -> f.getFileName().toString().split("\\.").length == 2).findFirst().orElseThrow();
        assertThat(Sealed.trusted(master)).isTrue();

        FilmRender.Result again = render(dir);
        assertThat(again.masterReused()).as("a whole master is served from the cache").isTrue();

        cutShort(master);
        FilmRender.Result remade = render(dir);
        assertThat(remade.masterReused()).as("a master cut short is not served").isFalse();
        assertThat(Integrity.check(remade.master()).whole()).isTrue();
        assertThat(Integrity.check(remade.master()).decodedFrames()).isEqualTo(60);

        Files.delete(master); // the master goes, and one segment and one take are cut short
        cutShort(files(cache.resolve("segments"), ".mp4").getFirst());
        Path take = files(cache.resolve("takes"), "take.mp4").getFirst();
        cutShort(take);
        FilmRender.Result fromDamaged = render(dir);
        assertThat(fromDamaged.takesGenerated()).as("the take cut short is shot again").isEqualTo(1);
        assertThat(fromDamaged.shotsEncoded()).as("the segments of the new take and the one cut short")
            .isGreaterThanOrEqualTo(1);
        Integrity i = Integrity.check(fromDamaged.master());
        assertThat(i.whole()).as(i.toString()).isTrue();
        assertThat(i.decodedFrames()).isEqualTo(60);
        assertThat(Integrity.check(take).whole()).isTrue();
    }
}
