package org.cinestack.film;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.script.ScriptReader;

/** Hostile sizes are refused with a clear problem, before the work or the memory they would take. */
class LimitsTest {
    private static final String FILM = """
        title: Big
        cast:
          - {id: ana, name: Ana}
        scenes:
          - id: s
            heading: INT. ROOM - DAY
            shots:
              - {id: a, size: ms, subject: ana, duration: 2, action: "%s"}
        """;

    @Test
    void aFilmFileOverTheLimitIsRefusedUnread(@TempDir Path dir) throws Exception {
        Path film = dir.resolve("film.yaml");
        Files.writeString(film, FILM.formatted("x".repeat((int) Limits.MAX_FILM_BYTES)));
        BadInputException e = catchThrowableOfType(BadInputException.class, () -> FilmReader.read(film));
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message())
            .contains("over the 8 MB Cinestack reads"));
    }

    @Test
    void aValueOverTheLimitIsAProblemAtItsLine() {
        BadInputException e = catchThrowableOfType(BadInputException.class, () -> FilmReader.parse(FILM.formatted(
            "y".repeat(Limits.MAX_VALUE_CHARS + 1)), "film.yaml"));
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(8);
            assertThat(p.message()).contains("65,537 characters long").contains("the longest Cinestack takes is 65,536");
        });
        assertThat(e.getMessage().length() + e.problems().toString().length()).isLessThan(5_000); // never echoed
    }

    /** A comment line of 800,000 characters made the YAML scanner allocate 1.2 GB (fuzzing found it). */
    @Test
    void aLineOverTheLimitIsAProblemAtItsLineBeforeTheYamlIsRead() {
        String text = "title: T\n# " + "x".repeat(Limits.MAX_LINE_CHARS) + "\nscenes: []\n";
        BadInputException e = catchThrowableOfType(BadInputException.class, () -> FilmReader.parse(text, "film.yaml"));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).contains("100,002 characters long").contains("at most 100,000");
        });
    }

    @Test
    void manyShotsAreWarnedAboutAndTooManyRefused() {
        assertThat(Limits.shotCountWarning(2_532)).isEmpty();
        assertThat(Limits.shotCountWarning(Limits.WARN_SHOTS + 1)).hasValueSatisfying(w -> assertThat(w)
            .contains("5,001 shots"));
        StringBuilder yaml = new StringBuilder("""
            title: Many
            scenes:
              - id: s
                heading: INT. ROOM - DAY
                shots:
            """);
        for (int i = 0; i <= Limits.MAX_SHOTS; i++) {
            yaml.append("      - {id: s").append(i).append(", size: ws, duration: 2}\n");
        }
        BadInputException e = catchThrowableOfType(BadInputException.class, () -> FilmReader.parse(yaml.toString(),
            "film.yaml"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p.message()).contains("50,001 shots, over the 50,000"));
    }

    @Test
    void aScreenplayOverTheLimitIsRefusedUnread(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("huge.fountain");
        byte[] big = new byte[(int) Limits.MAX_SCREENPLAY_BYTES + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        Files.write(script, big);
        BadInputException e = catchThrowableOfType(BadInputException.class, () -> ScriptReader.read(script));
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("over the 16 MB"));
    }
}
