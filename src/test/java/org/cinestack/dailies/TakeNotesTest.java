package org.cinestack.dailies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.cinestack.film.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TakeNotesTest {
    private static final String DIGEST = "ab".repeat(32);

    @Test
    void aNoteIsKeptWithItsTakeAndTakenAwayWhenBlank(@TempDir Path dir) throws Exception {
        Path take = dir.resolve(".cinestack/takes/" + DIGEST + "/3");
        assertThat(TakeNotes.read(dir).on(take)).isEmpty();
        TakeNotes.read(dir).with(new TakeNotes.Note("s1", 3, TakeNotes.key(take), "  warmer, please ")).write();
        assertThat(TakeNotes.read(dir).on(take)).contains("warmer, please");
        assertThat(TakeNotes.read(dir).on(dir.resolve(".cinestack/takes/" + "cd".repeat(32) + "/3")))
            .as("the same take number of another shot spec").isEmpty();
        TakeNotes.read(dir).with(new TakeNotes.Note("s1", 3, TakeNotes.key(take), " ")).write();
        assertThat(TakeNotes.read(dir).notes()).isEmpty();
        assertThatThrownBy(() -> TakeNotes.read(dir).with(new TakeNotes.Note("s1", 3, TakeNotes.key(take),
            "x".repeat(TakeNotes.MAX_CHARS + 1)))).isInstanceOf(BadInputException.class).hasMessageContaining("2000");
    }

    @Test
    void aMalformedFileNamesItsLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(TakeNotes.NAME), """
            {
              "notes": [
                {"shot": "s1",, }
              ]
            }
            """);
        assertThatThrownBy(() -> TakeNotes.read(dir)).isInstanceOf(BadInputException.class)
            .hasMessageContaining(dir.resolve(TakeNotes.NAME) + ":3").hasMessageContaining("delete the file");
        Files.writeString(dir.resolve(TakeNotes.NAME), "{\"notes\": [{\"shot\": \"s1\", \"take\": 0}]}");
        assertThatThrownBy(() -> TakeNotes.read(dir)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("a note needs");
    }
}
