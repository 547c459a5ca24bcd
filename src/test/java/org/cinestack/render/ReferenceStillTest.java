package org.cinestack.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.film.BadInputException;
import org.cinestack.film.FilmReader;

/** A reference still must decode as an image before anything is made or uploaded; nothing else is ever sent. */
class ReferenceStillTest {
    private static final String FILM = """
        title: Stills
        cast:
          - {id: ana, name: Ana}
        shoot:
          references: {ana: assets/ana-still.png}
        scenes:
          - id: s
            heading: INT. ROOM - DAY
            shots:
              - {id: a, size: ms, subject: ana, duration: 1}
        """;

    @Test
    void aFileThatIsNotAnImageIsRefusedByName(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("assets"));
        Files.writeString(dir.resolve("assets/ana-still.png"), "root:x:0:0:root:/root:/bin/bash\n");
        Files.writeString(dir.resolve("assets/s.jpg"), "not a picture either");
        Files.writeString(dir.resolve("film.yaml"), FILM);
        BadInputException e = catchThrowableOfType(BadInputException.class, () -> Backends.checkStills(
            FilmReader.read(dir.resolve("film.yaml")), dir));
        assertThat(e.problems()).hasSize(2).allSatisfy(p -> assertThat(p.message())
            .contains("does not decode as a PNG or JPEG image"));
        assertThat(e.problems().toString()).contains("ana-still.png", "s.jpg").doesNotContain("root:x");
        BadInputException fromRender = catchThrowableOfType(BadInputException.class, () -> FilmRender.render(dir,
            new FilmRender.Options(null, 1, "previs", 1, new RenderListener() { })));
        assertThat(fromRender.problems()).hasSize(2);
        assertThat(dir.resolve(".cinestack/takes")).doesNotExist(); // nothing was made
    }

    @Test
    void realStillsPass(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("assets"));
        javax.imageio.ImageIO.write(new BufferedImage(16, 9, BufferedImage.TYPE_INT_RGB), "png",
            dir.resolve("assets/ana-still.png").toFile());
        javax.imageio.ImageIO.write(new BufferedImage(16, 9, BufferedImage.TYPE_INT_RGB), "jpg",
            dir.resolve("assets/s.jpg").toFile());
        Files.writeString(dir.resolve("film.yaml"), FILM);
        Backends.checkStills(FilmReader.read(dir.resolve("film.yaml")), dir);
    }
}
