package org.cinestack.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.shoot.Take;
import org.cinestack.shoot.TakeStore;

/** A failed take 2 between takes 1 and 3 is shot again as take 2; take 3 is kept, not shot over. */
class TakeGapTest {

    static void take(Path shot, int n) throws Exception {
        Path f = Files.createDirectories(shot.resolve(Integer.toString(n)));
        Files.writeString(f.resolve("take.json"), "{\"seed\": " + (10 + n) + ", \"backend\": \"previs\", "
            + "\"mediaDigest\": \"d" + n + "\"}");
        Files.write(f.resolve("take.mp4"), new byte[] {0});
    }

    @Test
    void takesAfterAGapAreFoundAndOnlyTheGapIsMissing(@TempDir Path dir) throws Exception {
        Path shot = dir.resolve("takes").resolve("abc");
        take(shot, 1);
        take(shot, 3);
        Files.createDirectories(shot.resolve("2")); // failed: no take.json
        Files.createDirectories(shot.resolve("tmp-4"));
        List<Take> takes = new TakeStore(dir).takes("abc");
        assertThat(takes).extracting(Take::number).containsExactly(1, 3);
        assertThat(takes).extracting(Take::seed).containsExactly(11L, 13L);
        assertThat(FilmRender.missingTakes(takes, 3)).containsExactly(2);
        assertThat(FilmRender.missingTakes(takes, 4)).containsExactly(2, 4);
        assertThat(FilmRender.missingTakes(takes, 1)).isEmpty();
    }
}
