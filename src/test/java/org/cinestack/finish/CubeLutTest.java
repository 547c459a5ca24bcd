package org.cinestack.finish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.cinestack.film.BadInputException;

/**
 * The .cube reader and writer against the shared LUTs (colour-science and OpenColorIO test files, both dialects),
 * tetrahedral interpolation against its exactness on affine maps, and our 8-bit application against FFmpeg's
 * {@code lut3d=interp=tetrahedral} on real footage (Debian's opencv-doc clips).
 */
class CubeLutTest {
    static final Path LUTS = Path.of("../shared/material/luts");
    static final Path DATA = Path.of("/usr/share/doc/opencv-doc/examples/data");

    static Stream<Path> sharedLuts() throws IOException {
        if (!Files.isDirectory(LUTS)) return Stream.empty();
        try (Stream<Path> s = Files.walk(LUTS)) {
            return s.filter(p -> p.toString().endsWith(".cube")).sorted().toList().stream();
        }
    }

    @Test
    void theSharedMaterialIsThere() {
        assumeTrue(Files.isDirectory(LUTS), "shared/material/luts is absent: skipping the LUT conformance tests");
        try (Stream<Path> s = sharedLuts()) {
            assertThat(s.count()).isEqualTo(19);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true) // none without shared/material
    @MethodSource("sharedLuts")
    void everySharedLutParsesAndWritesBackTheSame(Path file) {
        CubeLut lut = CubeLut.read(file);
        assertThat(lut.shaper().isPresent() || lut.cube().isPresent()).isTrue();
        CubeLut back = CubeLut.parse(lut.text(), "written");
        assertThat(back.title()).isEqualTo(lut.title());
        assertThat(back.shaper().isPresent()).isEqualTo(lut.shaper().isPresent());
        lut.shaper().ifPresent(s -> {
            assertThat(back.shaper().get().values()).containsExactly(s.values());
            assertThat(back.shaper().get().min()).containsExactly(s.min());
            assertThat(back.shaper().get().max()).containsExactly(s.max());
        });
        lut.cube().ifPresent(c -> {
            assertThat(back.cube().get().values()).containsExactly(c.values());
            assertThat(back.cube().get().min()).containsExactly(c.min());
            assertThat(back.cube().get().max()).containsExactly(c.max());
        });
    }

    @Test
    void headersOfBothDialectsAreRead() {
        assumeTrue(Files.isDirectory(LUTS), "shared/material/luts is absent: skipping");
        CubeLut logc = CubeLut.read(LUTS.resolve("colour-science/resolve_cube/LogC_Video.cube"));
        assertThat(logc.shaper().orElseThrow().size()).isEqualTo(16);
        assertThat(logc.cube().orElseThrow().size()).isEqualTo(4);
        CubeLut ocio = CubeLut.read(LUTS.resolve("OpenColorIO/resolve_1d3d.cube"));
        assertThat(ocio.shaper().orElseThrow().min()).containsExactly(-1, -1, -1);
        assertThat(ocio.shaper().orElseThrow().max()).containsExactly(3, 3, 3);
        assertThat(ocio.cube().orElseThrow().max()).containsExactly(4, 4, 4);
        CubeLut i3 = CubeLut.read(LUTS.resolve("OpenColorIO/iridas_3d.cube"));
        assertThat(i3.title()).isEqualTo("A test 3D-LUT.");
        assertThat(i3.cube().orElseThrow().min()).containsExactly(0, 1, 0);
        assertThat(i3.cube().orElseThrow().max()).containsExactly(2, 2, 1);
        CubeLut demo = CubeLut.read(LUTS.resolve("colour-science/iridas_cube/Demo.cube"));
        assertThat(demo.shaper().orElseThrow().max()).containsExactly(1, 2, 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"iridas_cube", "resolve_cube"})
    void theChannelScalingLutScalesAndTheUnitLutIsIdentity(String dialect) {
        assumeTrue(Files.isDirectory(LUTS), "shared/material/luts is absent: skipping");
        CubeLut scale = CubeLut.read(LUTS.resolve("colour-science/" + dialect + "/RGB_1_0.5_0.25.cube"));
        CubeLut unit = CubeLut.read(LUTS.resolve("colour-science/" + dialect + "/Unit.cube"));
        Random rnd = new Random(7);
        for (int i = 0; i < 1000; i++) {
            double r = rnd.nextDouble(), g = rnd.nextDouble(), b = rnd.nextDouble();
            double[] x = {r, g, b};
            scale.apply(x);
            assertThat(x).containsExactly(new double[] {r, g * 0.5, b * 0.25}, within(1e-6));
            double[] y = {r, g, b};
            unit.apply(y);
            assertThat(y).containsExactly(new double[] {r, g, b}, within(1e-6));
        }
    }

    /** Tetrahedral interpolation reproduces any affine map exactly from its samples. Seeded random maps. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void tetrahedralInterpolationIsExactOnAffineMaps(long seed) {
        Random rnd = new Random(seed);
        double[][] m = new double[3][4];
        for (double[] row : m) for (int k = 0; k < 4; k++) row[k] = rnd.nextDouble() * 2 - 1;
        int n = 2 + rnd.nextInt(32);
        float[] v = new float[n * n * n * 3];
        for (int b = 0, i = 0; b < n; b++) {
            for (int g = 0; g < n; g++) {
                for (int r = 0; r < n; r++) {
                    double[] in = {r / (n - 1.0), g / (n - 1.0), b / (n - 1.0)};
                    for (int c = 0; c < 3; c++) v[i++] = (float) (m[c][0] * in[0] + m[c][1] * in[1] + m[c][2] * in[2]
                        + m[c][3]);
                }
            }
        }
        CubeLut.Table3D t = new CubeLut.Table3D(n, v, new double[] {0, 0, 0}, new double[] {1, 1, 1});
        for (int i = 0; i < 2000; i++) {
            double[] in = {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()};
            if (i % 7 == 0) in[1] = in[0]; // ties between fractions
            double[] x = in.clone();
            t.apply(x);
            for (int c = 0; c < 3; c++) {
                assertThat(x[c]).isCloseTo(m[c][0] * in[0] + m[c][1] * in[1] + m[c][2] * in[2] + m[c][3],
                    within(1e-5));
            }
        }
    }

    /** OpenColorIO's iridas_1d.cube: five points over a different domain per channel, read by hand. */
    @Test
    void oneDimensionalTablesFollowTheirDomainPerChannel() {
        assumeTrue(Files.isDirectory(LUTS), "shared/material/luts is absent: skipping");
        CubeLut lut = CubeLut.read(LUTS.resolve("OpenColorIO/iridas_1d.cube"));
        double[] x = {-0.5, 1.125, 0.875}; // red -2..2, green 1..2, blue 0..1
        lut.apply(x);
        assertThat(x).containsExactly(new double[] {0.2, -0.95, 2.1}, within(1e-6));
        double[] below = {-9, 0, -1};
        lut.apply(below);
        assertThat(below).as("clamped to the first point").containsExactly(new double[] {-1, -2, -3}, within(1e-6));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
            Arguments.of("LUT_3D_SIZE 2\n0 0 0\n1 0 0\n0 1 0\n", 5, "the table has 3 rows; LUT_3D_SIZE 2 (2^3) asks for 8"),
            Arguments.of("LUT_3D_SIZE 2\n0 0 0\n1 0\n", 3, "needs three numbers"),
            Arguments.of("LUT_3D_SIZE 2\n0 0 zero\n", 2, "a value of this row is not a number"),
            Arguments.of("TITLE \"x\"\nLUT_3D_SIZE 1\n", 2, "out of range; allowed 2..256"),
            Arguments.of("LUT_3D_SIZE 2\nLUT_4D_SIZE 3\n", 2, "neither a .cube keyword nor a row of three numbers"),
            Arguments.of("# only a comment\n", 1, "neither LUT_1D_SIZE nor LUT_3D_SIZE"),
            Arguments.of("LUT_1D_SIZE 2\nDOMAIN_MIN 0 0\n", 2, "DOMAIN_MIN takes three numbers"),
            Arguments.of("LUT_1D_SIZE 2\n0 0 0\nDOMAIN_MAX 1 1 1\n1 1 1\n", 3, "after the data rows"),
            Arguments.of("LUT_1D_SIZE 2\n0 0 0\n1 1 1\n1 1 1\n", 4, "this row is one too many"));
    }

    /** A file that is not a LUT (here a password file) fails at its line without a word of its content quoted. */
    @org.junit.jupiter.api.Test
    void aFileThatIsNotALutIsNeverQuoted() {
        String shadow = "root:$y$j9T$secrethash:20228:0:99999:7:::\ndaemon:*:20228:0:99999:7:::\n";
        assertThatThrownBy(() -> CubeLut.parse(shadow, "/etc/shadow")).isInstanceOf(BadInputException.class)
            .satisfies(e -> {
                var p = ((BadInputException) e).problems().getFirst();
                assertThat(p.line()).isEqualTo(1);
                assertThat(p.toString()).doesNotContain("root").doesNotContain("secrethash").contains("is this a .cube");
            });
        assertThatThrownBy(() -> CubeLut.parse("LUT_1D_SIZE 2\n0 0 0\nroot:x:0:0\n", "x.cube"))
            .satisfies(e -> assertThat(e.getMessage() + ((BadInputException) e).problems()).doesNotContain("root"));
        assertThatThrownBy(() -> CubeLut.parse("LUT_1D_SIZE 2\n0 0 s3cr3t\n", "x.cube"))
            .satisfies(e -> assertThat(((BadInputException) e).problems().toString()).doesNotContain("s3cr3t"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedFilesFailWithTheirLine(String text, int line, String message) {
        assertThatThrownBy(() -> CubeLut.parse(text, "bad.cube")).isInstanceOf(BadInputException.class)
            .satisfies(e -> {
                var p = ((BadInputException) e).problems().getFirst();
                assertThat(p.file()).isEqualTo("bad.cube");
                assertThat(p.line()).isEqualTo(line);
                assertThat(p.message()).contains(message);
            });
    }

    static Stream<Arguments> lutsOnFootage() {
        List<Arguments> out = new ArrayList<>();
        for (String clip : List.of("Megamind.avi", "vtest.avi")) {
            for (String lut : List.of("colour-science/iridas_cube/Colour_Correct.cube",
                "colour-science/iridas_cube/RGB_1_0.5_0.25.cube", "colour-science/iridas_cube/eotf_sRGB_3D.cube",
                "colour-science/iridas_cube/Three_Dimensional_Table.cube",
                "colour-science/resolve_cube/Colour_Correct.cube", "OpenColorIO/iridas_3d.cube")) {
                out.add(Arguments.of(clip, lut));
            }
        }
        return out.stream();
    }

    /**
     * Each 3D LUT on 3 frames of real footage equals FFmpeg's tetrahedral lut3d within one code value at 8 bit. FFmpeg
     * (5.1, vf_lut3d.c) reads DOMAIN_MIN/MAX as a scale only, 1 / (max - min) clipped to [0, 1], with no offset;
     * the Cube specification maps (x - min) / (max - min). For the two shared LUTs with a domain other than [0, 1] the
     * comparison uses FFmpeg's reading of the domain, so the interpolation itself is compared; our reading follows the
     * specification ({@link #oneDimensionalTablesFollowTheirDomainPerChannel}).
     */
    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("lutsOnFootage")
    void applyingALutToFootageEqualsFfmpegsTetrahedralLut3d(String clip, String lutName) throws Exception {
        assumeTrue(Files.isDirectory(LUTS), "shared/material/luts is absent: skipping");
        Path video = DATA.resolve(clip);
        assumeTrue(Files.exists(video), video + " is absent (Debian package opencv-doc): skipping");
        Path lut = LUTS.resolve(lutName).toAbsolutePath();
        byte[] ours = ffmpeg(video, "format=rgb24");
        byte[] theirs = ffmpeg(video, "format=rgb24,lut3d=file=" + lut.toString().replace(":", "\\\\:")
            + ":interp=tetrahedral");
        assertThat(ours).hasSameSizeAs(theirs).isNotEmpty();
        CubeLut read = CubeLut.read(lut);
        CubeLut.Table3D t = read.cube().orElseThrow();
        double[] lo = new double[3], hi = new double[3];
        for (int c = 0; c < 3; c++) hi[c] = 1 / Math.clamp(1 / (t.max()[c] - t.min()[c]), 0.0, 1.0); // FFmpeg's reading
        new CubeLut("", java.util.Optional.empty(), java.util.Optional.of(new CubeLut.Table3D(t.size(), t.values(), lo,
            hi))).applyRgb24(ours, ours.length / 3);
        int worst = 0;
        long off = 0;
        for (int i = 0; i < ours.length; i++) {
            int d = Math.abs((ours[i] & 0xff) - (theirs[i] & 0xff));
            worst = Math.max(worst, d);
            if (d > 0) off++;
        }
        assertThat(worst).as("largest difference in code values (%d of %d samples differ)", off, ours.length)
            .isLessThanOrEqualTo(1);
    }

    /**
     * The 8-bit path gives the double path's codes within one, on random tables: in [0, 1] (the integer path) and
     * leaving it (the exact path).
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"1,true", "2,true", "3,true", "4,true", "5,false", "6,false"})
    void theEightBitPathMatchesTheDoublePath(long seed, boolean inRange) {
        Random rnd = new Random(seed);
        int n = 2 + rnd.nextInt(64);
        float[] v = new float[n * n * n * 3];
        for (int i = 0; i < v.length; i++) v[i] = (float) (inRange ? rnd.nextDouble() : rnd.nextDouble() * 1.2 - 0.1);
        if (inRange) v[0] = 1; // the top of the range packs without carrying
        CubeLut lut = new CubeLut("", java.util.Optional.empty(), java.util.Optional.of(new CubeLut.Table3D(n, v,
            new double[] {0, 0.1, -0.2}, new double[] {1, 0.9, 1.3})));
        assertThat(Lut8.of(lut).packed()).isEqualTo(inRange);
        byte[] px = new byte[3 * 20000];
        rnd.nextBytes(px);
        byte[] fast = px.clone();
        lut.applyRgb24(fast, 20000);
        byte[] bgr = new byte[px.length]; // the same pixels stored b g r come out the same
        for (int i = 0; i < px.length; i += 3) {
            bgr[i] = px[i + 2];
            bgr[i + 1] = px[i + 1];
            bgr[i + 2] = px[i];
        }
        lut.applyBgr24(bgr, 20000);
        for (int i = 0; i < px.length; i += 3) {
            assertThat(new byte[] {bgr[i + 2], bgr[i + 1], bgr[i]}).isEqualTo(new byte[] {fast[i], fast[i + 1],
                fast[i + 2]});
        }
        double[] c = new double[3];
        for (int i = 0; i < 20000; i++) {
            for (int k = 0; k < 3; k++) c[k] = (px[i * 3 + k] & 0xff) / 255.0;
            lut.apply(c);
            for (int k = 0; k < 3; k++) {
                int want = (int) Math.round(Math.clamp(c[k], 0.0, 1.0) * 255);
                assertThat(Math.abs((fast[i * 3 + k] & 0xff) - want)).isLessThanOrEqualTo(1);
            }
        }
    }

    /** Lattices too large for the integer path's cell offsets (162 points and up) take the exact path, correctly. */
    @Test
    void aVeryLargeLatticeTakesTheExactPath() {
        assertThat(Lut8.of(CubeLut.identity(161)).packed()).isTrue();
        CubeLut big = CubeLut.identity(162);
        assertThat(Lut8.of(big).packed()).isFalse();
        byte[] px = {(byte) 250, 7, (byte) 131, 0, (byte) 255, 64};
        byte[] out = px.clone();
        big.applyRgb24(out, 2);
        assertThat(out).isEqualTo(px);
    }

    @Test
    void theCommandAppliesALutToAStillAndToAVideo(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path lut = dir.resolve("half-green.cube");
        Files.writeString(lut, "LUT_3D_SIZE 2\n0 0 0\n1 0 0\n0 0.5 0\n1 0.5 0\n0 0 1\n1 0 1\n0 0.5 1\n1 0.5 1\n");
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(8, 8,
            java.awt.image.BufferedImage.TYPE_INT_RGB);
        img.setRGB(1, 1, 0x40c080);
        javax.imageio.ImageIO.write(img, "png", dir.resolve("in.png").toFile());
        assertThat(org.cinestack.cli.Main.run("lut", "apply", lut.toString(), dir.resolve("in.png").toString(),
            dir.resolve("out.png").toString())).isZero();
        int px = javax.imageio.ImageIO.read(dir.resolve("out.png").toFile()).getRGB(1, 1) & 0xffffff;
        assertThat(px).isEqualTo(0x406080);
        org.cinestack.shoot.comfyui.FakeComfyUi.clip(dir.resolve("in.mp4"), 64, 36, 24, 30);
        assertThat(org.cinestack.cli.Main.run("lut", "apply", lut.toString(), dir.resolve("in.mp4").toString(),
            dir.resolve("out.mp4").toString())).isZero();
        assertThat(org.cinestack.media.Conform.probe(dir.resolve("out.mp4")).frames()).isEqualTo(30);
        assertThat(org.cinestack.cli.Main.run("lut", "apply", lut.toString(), lut.toString(),
            dir.resolve("x.mp4").toString())).as("not a picture: bad input").isEqualTo(2);
        assertThat(dir.resolve("x.mp4")).doesNotExist();
    }

    static byte[] ffmpeg(Path video, String filter) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-i", video.toString(), "-frames:v", "3", "-vf", filter,
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        assertThat(p.waitFor()).as("ffmpeg -vf " + filter).isZero();
        return out;
    }
}
