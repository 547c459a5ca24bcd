package org.cinestack.film;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files stay inside the project: every path in film.yaml resolves inside the film's folder (symbolic links followed)
 * unless the user allows a place outside it; each one that does not is a problem at its line.
 */
class FilmPathsTest {
    private static final String FILM = """
        title: Paths
        look: {lut: %s}
        cast:
          - {id: mara, name: Mara}
        shoot:
          references: {mara: %s}
          workflow: %s
        scenes:
          - id: s
            heading: INT. ROOM - DAY
            ambience: {file: %s}
            shots:
              - id: a
                size: ms
                subject: mara
                duration: 2
                grade: {lut: %s}
                effects: [{sound: door slam, file: %s}]
        """;

    @Test
    void pathsLeavingTheFilmsFolderAreProblemsAtTheirLines(@TempDir Path dir) throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Path outside = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(outside.resolve("grade.cube"), "LUT_1D_SIZE 2\n0 0 0\n1 1 1\n");
        Files.writeString(outside.resolve("door.wav"), "RIFF");
        Files.createDirectories(project.resolve("assets"));
        Files.createSymbolicLink(project.resolve("assets/link.cube"), outside.resolve("grade.cube"));
        Path film = project.resolve("film.yaml");
        Files.writeString(film, FILM.formatted("../../../../../../etc/passwd", "../elsewhere/mara.png",
            "/etc/hostname", "../elsewhere/door.wav", "assets/link.cube", "../elsewhere/door.wav"));
        BadInputException e = catchThrowableOfType(BadInputException.class, () -> FilmReader.read(film));
        List<String> outsideProblems = e.problems().stream().filter(p -> p.toString().contains("is outside the film's "
            + "folder")).map(Problem::toString).toList();
        assertThat(outsideProblems).hasSize(6);
        assertThat(outsideProblems).anyMatch(p -> p.contains("film.yaml:2:") && p.contains("the look's LUT"))
            .anyMatch(p -> p.contains(":6:") && p.contains("the reference still"))
            .anyMatch(p -> p.contains(":7:") && p.contains("the workflow"))
            .anyMatch(p -> p.contains(":11:") && p.contains("ambience"))
            .anyMatch(p -> p.contains(":17:") && p.contains("the shot's LUT")) // through a symbolic link
            .anyMatch(p -> p.contains(":18:") && p.contains("effect"))
            .allMatch(p -> p.contains("--allow-outside"));
        assertThat(e.getMessage() + e.problems()).doesNotContain("root:"); // no file's content is quoted

        // allowed by the user: the files under elsewhere/ may be named
        BadInputException allowed = catchThrowableOfType(BadInputException.class, () -> FilmReader.read(film,
            List.of(outside))); // /etc is still refused
        assertThat(allowed.problems().stream().filter(p -> p.toString().contains("is outside")).map(Problem::toString))
            .hasSize(2).allMatch(p -> p.contains(":2:") || p.contains(":7:"));
    }

    @Test
    void pathsInsideTheFolderAreFine(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("assets"));
        for (String f : List.of("assets/g.cube", "assets/m.png", "assets/w.json", "assets/bed.wav", "assets/door.wav")) {
            Files.writeString(dir.resolve(f), "x");
        }
        Path film = dir.resolve("film.yaml");
        Files.writeString(film, FILM.formatted("assets/g.cube", "assets/m.png", "assets/w.json", "assets/bed.wav",
            "./assets/../assets/g.cube", "assets/door.wav"));
        assertThat(FilmReader.read(film).title()).isEqualTo("Paths");
    }
}
