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

    /** Two scenes, day and night, one shot each; the second shot's grade is the second placeholder. */
    static final String TWO_SHOTS = FILM + """
          - id: two
            heading: INT. CABIN - NIGHT
            shots:
              - {id: b, size: mcu, subject: ana, duration: 1, grade: %s}
        """;

    FilmRender.Result render(Path dir, String look) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("film.yaml"), FILM.formatted(look));
        return FilmRender.render(dir, new FilmRender.Options(null, 1, "previs", 2, new RenderListener() { }));
    }

    FilmRender.Result render(Path dir, String look, String shotGrade) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("film.yaml"), TWO_SHOTS.formatted(look, shotGrade));
        return FilmRender.render(dir, new FilmRender.Options(null, 1, "previs", 2, new RenderListener() { }));
    }

    /** @return the master's frames as RGB24, decoded by FFmpeg */
    static byte[][] frames(Path master, int w, int h) throws Exception {
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-i", master.toString(), "-f", "rawvideo", "-pix_fmt",
            "rgb24", "-").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] all;
        try (InputStream in = p.getInputStream()) {
            all = in.readAllBytes();
        }
        assertThat(p.waitFor()).isZero();
        byte[][] f = new byte[all.length / (w * h * 3)][];
        for (int i = 0; i < f.length; i++) f[i] = java.util.Arrays.copyOfRange(all, i * w * h * 3, (i + 1) * w * h * 3);
        return f;
    }

    static double meanLuma(byte[] rgb) {
        double sum = 0;
        for (int i = 0; i < rgb.length; i += 3) {
            sum += 0.2126 * (rgb[i] & 0xff) + 0.7152 * (rgb[i + 1] & 0xff) + 0.0722 * (rgb[i + 2] & 0xff);
        }
        return sum / (rgb.length / 3.0);
    }

    /**
     * Segment cache: after one shot's grade changes, the next render encodes that shot alone and joins the rest by
     * stream copy: the other shot's decoded frames are identical, the changed shot's are brighter, and the master
     * keeps its frame count.
     */
    @Test
    void changingOneShotsGradeEncodesThatShotAlone(@TempDir Path dir) throws Exception {
        FilmRender.Result first = render(dir, ", preset: teal-orange", "{contrast: 0.2}");
        assertThat(first.shotsEncoded()).isEqualTo(2);
        byte[][] before = frames(first.master(), 320, 180);
        Path kept = dir.resolve("before.mp4");
        Files.copy(first.master(), kept);
        FilmRender.Result second = render(dir, ", preset: teal-orange", "{contrast: 0.2, exposure: 1}");
        assertThat(second.masterReused()).isFalse();
        assertThat(second.shotsEncoded()).as("only shot b is encoded again").isEqualTo(1);
        byte[][] after = frames(second.master(), 320, 180);
        assertThat(after.length).isEqualTo(before.length).isEqualTo(48);
        for (int i = 0; i < 24; i++) assertThat(after[i]).as("frame %d of shot a", i).isEqualTo(before[i]);
        for (int i = 24; i < 48; i++) {
            assertThat(meanLuma(after[i]) - meanLuma(before[i])).as("frame %d of shot b", i).isGreaterThan(8);
        }
        org.cinestack.media.MediaInfo info = org.cinestack.media.MediaInfo.probe(second.master());
        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(info.videoProfile()).isEqualTo(org.cinestack.media.MediaInfo.H264_HIGH);
        FilmRender.Result third = render(dir, ", preset: teal-orange", "{contrast: 0.2}");
        assertThat(third.shotsEncoded()).as("both segments are cached now").isZero();
        assertThat(frames(third.master(), 320, 180)).isDeepEqualTo(before);
        // cleaning keeps what the latest render uses and removes the brighter shot's segment and master
        try (var s = Files.list(dir.resolve(".cinestack/segments"))) {
            assertThat(s.filter(f -> f.toString().endsWith(".mp4")).count()).isEqualTo(3);
        }
        assertThat(org.cinestack.cli.Main.run("clean", dir.toString(), "--unused-days", "0")).isZero();
        try (var s = Files.list(dir.resolve(".cinestack/segments"))) {
            assertThat(s.filter(f -> f.toString().endsWith(".mp4")).count()).isEqualTo(2);
        }
        assertThat(dir.resolve(".cinestack/takes")).isNotEmptyDirectory();
        assertThat(render(dir, ", preset: teal-orange", "{contrast: 0.2}").masterReused()).isTrue();
        assertThat(render(dir, ", preset: teal-orange", "{contrast: 0.2, exposure: 1}").shotsEncoded())
            .as("the cleaned segment is made again").isEqualTo(1);
    }

    /**
     * {@code grade.match} harmonises a shot to another: the night shot matched to the day shot ends up far closer to
     * it in mean CIELAB colour (CIEDE2000) than unmatched, with either method.
     */
    @Test
    void aMatchedShotTakesTheColoursOfItsReference(@TempDir Path dir) throws Exception {
        double plain = cutDifference(render(dir.resolve("plain"), "", "{}").master());
        double mkl = cutDifference(render(dir.resolve("mkl"), "", "{match: a}").master());
        double reinhard = cutDifference(render(dir.resolve("reinhard"), "", "{match: a, method: reinhard}").master());
        assertThat(plain).as("day and night differ").isGreaterThan(8);
        assertThat(mkl).isLessThan(plain / 3);
        assertThat(reinhard).isLessThan(plain / 3);
    }

    /** @return ΔE00 between the mean CIELAB colours of the first and the second second of a master */
    static double cutDifference(Path master) throws Exception {
        byte[][] f = frames(master, 320, 180);
        double[][] mean = new double[2][3];
        for (int half = 0; half < 2; half++) {
            List<Double> px = new java.util.ArrayList<>();
            for (int i = half * 24; i < half * 24 + 24; i++) {
                for (int k = 0; k < f[i].length; k += 3 * 5) {
                    for (int c = 0; c < 3; c++) px.add((f[i][k + c] & 0xff) / 255.0);
                }
            }
            double[] a = px.stream().mapToDouble(Double::doubleValue).toArray();
            mean[half] = org.cinestack.finish.ColourMatch.Stats.of(org.cinestack.finish.ColourMatch.lab(a)).mean();
        }
        return org.cinestack.finish.ColourDifference.ciede2000(mean[0][0], mean[0][1], mean[0][2], mean[1][0],
            mean[1][1], mean[1][2]);
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
        Files.writeString(dir.resolve("film.yaml"), FILM.formatted("") + "deliver: [master, vertical]\n"
            + "watermark: AI-generated with Cinestack, all rights reserved\n");
        assertThatThrownBy(() -> FilmRender.render(dir, new FilmRender.Options(null, 1, "previs", 2,
            new RenderListener() { }))).isInstanceOf(BadInputException.class)
            .hasMessageContaining("watermark: the watermark").hasMessageContaining("the vertical deliverable");
        assertThat(dir.resolve(".cinestack/takes")).doesNotExist();
        assertThatThrownBy(() -> render(dir, "", "{exposure: 0.5, lut: luts/gone.cube}"))
            .isInstanceOf(BadInputException.class).hasMessageContaining("shot b: grade.lut: luts/gone.cube does not "
                + "exist");
        assertThat(dir.resolve(".cinestack/takes")).doesNotExist();
        assertThat(List.of(dir.resolve("out"))).allSatisfy(p -> assertThat(p).doesNotExist());
    }

    /**
     * film.yaml's {@code deliver: [web, prores]} and {@code watermark}: out/ gets a web H.264 with the mark in its
     * bottom-right corner and a ProRes 422 HQ .mov without it; the master stays clean.
     */
    @Test
    void webAndProresDeliverablesWithAWatermark(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("film.yaml"), FILM.formatted("") + "deliver: [master, web, prores]\n"
            + "watermark: AI-generated\n");
        FilmRender.Result r = FilmRender.render(dir, new FilmRender.Options(null, 1, "previs", 2,
            new RenderListener() { }));
        Path web = dir.resolve("out/graded.web.mp4"), prores = dir.resolve("out/graded.prores.mov");
        assertThat(org.cinestack.deliver.MasterTest.probe(web)).contains("h264,High,320,180").contains("aac");
        assertThat(org.cinestack.deliver.MasterTest.probe(prores)).contains("prores,HQ,320,180,yuv422p10le")
            .contains("pcm_s24le");
        org.cinestack.finish.Watermark mark = new org.cinestack.finish.Watermark("AI-generated", 320, 180);
        int[] a = mark.area();
        byte[] master = frames(r.master(), 320, 180)[5], webFrame = frames(web, 320, 180)[5];
        byte[] proresFrame = frames(prores, 320, 180)[5];
        assertThat(cornerDifference(webFrame, master, a)).as("the mark on the web version").isGreaterThan(20);
        assertThat(cornerDifference(proresFrame, master, a)).as("no mark on the ProRes").isLessThan(4);
        assertThat(Files.readString(r.provenance())).contains("c2pa.watermarked").contains("'AI-generated'");
    }

    /** @return the mean absolute difference of two RGB24 320-wide frames inside an area {x, y, w, h} */
    static double cornerDifference(byte[] p, byte[] q, int[] a) {
        double sum = 0;
        for (int y = a[1]; y < a[1] + a[3]; y++) {
            for (int x = a[0]; x < a[0] + a[2]; x++) {
                int i = (y * 320 + x) * 3;
                for (int k = 0; k < 3; k++) sum += Math.abs((p[i + k] & 255) - (q[i + k] & 255));
            }
        }
        return sum / (a[2] * a[3] * 3.0);
    }
}
