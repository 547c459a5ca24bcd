package org.cinestack.dailies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.cinestack.film.BadInputException;

/** film.lock reads what it writes, and a malformed or newer file is an error naming its line and the fix. */
class FilmLockTest {
    private static final String DIGEST = "ab".repeat(32);
    private static final String GOOD = "s1: {takes: " + DIGEST + ", backend: previs, seed: 7, take: 2, b: 1, by: "
        + "director, at: 2026-12-06T09:00:00Z}";

    @Test
    void writesAndReadsBackEveryField(@TempDir Path dir) throws Exception {
        FilmLock lock = FilmLock.read(dir);
        assertThat(lock.entries()).isEmpty();
        Instant at = Instant.parse("2026-12-06T09:00:00Z");
        lock.with(new FilmLock.Entry("s2", DIGEST, "runway", "gen4_turbo", -5, 3, 0, FilmLock.By.RULE, at, 0))
            .with(new FilmLock.Entry("s1", DIGEST, "previs", "", 7, 2, 1, FilmLock.By.DIRECTOR, at, 0))
            .write(List.of("s1", "s2"));
        FilmLock back = FilmLock.read(dir);
        assertThat(back.entries().keySet()).as("in the film's order").containsExactly("s1", "s2");
        FilmLock.Entry s1 = back.get("s1").orElseThrow();
        assertThat(s1.take()).isEqualTo(2);
        assertThat(s1.b()).isEqualTo(1);
        assertThat(s1.by()).isEqualTo(FilmLock.By.DIRECTOR);
        assertThat(s1.line()).isEqualTo(5);
        FilmLock.Entry s2 = back.get("s2").orElseThrow();
        assertThat(s2.model()).isEqualTo("gen4_turbo");
        assertThat(s2.seed()).isEqualTo(-5);
        assertThat(s2.b()).isZero();
        assertThat(s2.at()).isEqualTo(at);
        assertThat(Files.readString(dir.resolve("film.lock"))).contains(GOOD);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "s1 take 2|1|must begin with 'version: 1'",
        "version: 2|1|newer than this Cinestack reads",
        "version: one|1|is not a number",
        "version: 1\\ns1 take 2|2|does not read as",
        "version: 1\\n" + "s1: {takes: abc, backend: previs, seed: 7, take: 2, by: rule, at: 2026-12-06T09:00:00Z}"
            + "|2|64 hexadecimal digits",
        "version: 1\\n# a note\\n\\ns1: {backend: previs, seed: 7, take: 2, by: rule, at: 2026-12-06T09:00:00Z}"
            + "|4|'takes' is missing",
        "version: 1\\nGOOD\\nGOOD|3|names shot 's1' again (first on line 2)",
        "version: 1\\nGOOD_BY_ANYONE|2|by must be 'rule' or 'director'",
        "version: 1\\nGOOD_TAKE_0|2|must be a take number",
        "version: 1\\nGOOD_AT|2|is not a UTC time",
        "version: 1\\nGOOD_EXTRA|2|unknown field 'colour'",
    })
    void aMalformedLockNamesItsLineAndTheFix(String text, int line, String words, @TempDir Path dir)
        throws Exception {
        String file = text.replace("\\n", "\n").replace("GOOD_BY_ANYONE", GOOD.replace("director", "anyone"))
            .replace("GOOD_TAKE_0", GOOD.replace("take: 2", "take: 0"))
            .replace("GOOD_AT", GOOD.replace("2026-12-06T09:00:00Z", "yesterday"))
            .replace("GOOD_EXTRA", GOOD.replace("seed: 7", "seed: 7, colour: red")).replace("GOOD", GOOD);
        Files.writeString(dir.resolve("film.lock"), file);
        assertThatThrownBy(() -> FilmLock.read(dir)).isInstanceOf(BadInputException.class)
            .satisfies(e -> {
                var p = ((BadInputException) e).problems().getFirst();
                assertThat(p.line()).isEqualTo(line);
                assertThat(p.message()).contains(words);
                assertThat(p.file()).endsWith("film.lock");
            });
    }
}
