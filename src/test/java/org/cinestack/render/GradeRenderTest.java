package org.cinestack.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.film.BadInputException;
import org.cinestack.finish.Cielab;

/**
 * film.yaml's look grade reaches the master: the same one-shot film rendered plain and with {@code preset:
 * bleach-bypass} differs as the preset says (about half the chroma); a missing {@code look.lut} stops the render
 * before any take is made.
 */
class GradeRenderTest {
    static final String FILM = """
        title: Graded
        seed: 4
        format: {aspect: 1.78, width: 320, height: 180, fps: 24}
        look: {palette: ["#c0502a", "#2a6fc0"]%s}
        cast:
          - {id: ana, name: Ana, wardrobe: red coat}
        scenes:
          - id: one
            heading: EXT. HARBOUR - DAY
            shots:
              - {id: a, size: ms, subject: ana, duration: 1}
        """;

    static double meanChroma(Path master) throws Exception {
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-i", master.toString(), "-frames:v", "6", "-f",
            "rawvideo", "-pix_fmt", "rgb24", "-").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] rgb;
        try (InputStream in = p.getInputStream()) {
            rgb = in.readAllBytes();
        }
        assertThat(p.waitFor()).isZero();
        double sum = 0;
        int n = 0;
        double[] c = new double[3];
        for (int i = 0; i < rgb.length; i += 3 * 7) {
            for (int k = 0; k < 3; k++) c[k] = (rgb[i + k] & 0xff) / 255.0;
            Cielab.toLab(c);
            sum += Math.hypot(c[1], c[2]);
            n++;
        }
        return sum / n;
    }

    FilmRender.Result render(Path dir, String look) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("film.yaml"), FILM.formatted(look));
        return FilmRender.render(dir, new FilmRender.Options(null, 1, "previs", 2, new RenderListener() { }));
    }

    @Test
    void aPresetGradesTheMaster(@TempDir Path dir) throws Exception {
        double plain = meanChroma(render(dir.resolve("plain"), "").master());
        double bleached = meanChroma(render(dir.resolve("bleach"), ", preset: bleach-bypass").master());
        assertThat(plain).isGreaterThan(3);
        assertThat(bleached / plain).as("bleach bypass keeps about half the chroma").isBetween(0.35, 0.7);
    }

    @Test
    void aMissingLutStopsTheRenderBeforeAnyTake(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> render(dir, ", lut: luts/missing.cube")).isInstanceOf(BadInputException.class)
            .hasMessageContaining("look.lut: luts/missing.cube does not exist");
        assertThat(dir.resolve(".cinestack/takes")).doesNotExist();
        assertThat(List.of(dir.resolve("out"))).allSatisfy(p -> assertThat(p).doesNotExist());
    }
}
