package org.cinestack.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.cli.Main;
import org.cinestack.media.Conform;
import org.cinestack.shoot.comfyui.FakeComfyUi;

/** {@code cinestack finish} on footage from elsewhere: profiles, an aspect mask, bad input. */
class FinishFootageTest {
    static byte[] firstFrameGray(Path video) throws Exception {
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-i", video.toString(), "-frames:v", "1", "-f",
            "rawvideo", "-pix_fmt", "gray", "-").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        assertThat(p.waitFor()).isZero();
        return out;
    }

    @Test
    void profilesGiveTheirFramesAndTheAspectMaskGivesBars(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.mp4");
        FakeComfyUi.clip(in, 320, 180, 24, 30);
        Path vertical = dir.resolve("v.mp4");
        assertThat(Main.run("finish", in.toString(), "-o", vertical.toString(), "--profile", "vertical", "--look",
            "bleach-bypass", "--grain", "0.3", "--stock", "500T")).isZero();
        Conform.Source v = Conform.probe(vertical);
        assertThat(v.width()).isEqualTo(1080);
        assertThat(v.height()).isEqualTo(1920);
        assertThat(v.frames()).isEqualTo(30);

        Path web = dir.resolve("w.mp4");
        assertThat(Main.run("finish", in.toString(), "-o", web.toString(), "--aspect", "2.39")).isZero();
        Conform.Source s = Conform.probe(web);
        assertThat(s.width()).isEqualTo(1920);
        assertThat(s.height()).isEqualTo(1080);
        byte[] y = firstFrameGray(web);
        int barRows = (1080 - (int) Math.round(1920 / 2.39)) / 2;
        int top = 0, middle = 0;
        for (int x = 0; x < 1920; x++) {
            top = Math.max(top, y[(barRows / 2) * 1920 + x] & 255);
            middle = Math.max(middle, y[540 * 1920 + x] & 255);
        }
        assertThat(top).as("letterbox bars are black").isLessThanOrEqualTo(18);
        assertThat(middle).as("the picture is not").isGreaterThan(40);
    }

    @Test
    void badInputExitsTwoAndWritesNothing(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.mp4");
        FakeComfyUi.clip(in, 64, 36, 24, 12);
        Path out = dir.resolve("o.mp4");
        assertThat(Main.run("finish", in.toString(), "-o", out.toString(), "--profile", "imax")).isEqualTo(2);
        assertThat(Main.run("finish", in.toString(), "-o", out.toString(), "--look", "sepia")).isEqualTo(2);
        assertThat(Main.run("finish", dir.resolve("none.mp4").toString(), "-o", out.toString())).isEqualTo(2);
        assertThat(out).doesNotExist();
    }

    /**
     * Footage cut short (its index declares 72 frames and 3 s of sound; 40 % of its bytes are there) is refused,
     * naming what is lost and the way on; with --accept-truncated it is finished from what decodes, with a warning.
     * Before, finish wrote 30 frames without sound and exited 0.
     */
    @Test
    void footageCutShortIsRefusedUnlessAccepted(@TempDir Path dir) throws Exception {
        byte[] whole = java.nio.file.Files.readAllBytes(org.cinestack.media.IntegrityTest.clipWithSound(
            dir.resolve("whole.mp4")));
        Path cut = dir.resolve("cut.mp4");
        java.nio.file.Files.write(cut, java.util.Arrays.copyOf(whole, whole.length * 2 / 5));
        Path out = dir.resolve("o.mp4");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.err;
        int refused, accepted;
        try {
            System.setErr(new java.io.PrintStream(err, true));
            refused = Main.run("finish", cut.toString(), "-o", out.toString(), "--profile", "master");
            assertThat(out).doesNotExist();
            accepted = Main.run("finish", cut.toString(), "-o", out.toString(), "--profile", "master",
                "--accept-truncated");
        } finally {
            System.setErr(old);
        }
        String said = err.toString();
        assertThat(refused).as(said).isEqualTo(2);
        assertThat(said).contains(cut.toString()).contains("of its 72 frames").contains("s of sound")
            .contains("--accept-truncated").contains("warning: ").doesNotContain("Exception");
        assertThat(accepted).isZero();
        assertThat(Conform.probe(out).frames()).isBetween(1, 60);
    }

    static final Path MEGAMIND = Path.of("/usr/share/doc/opencv-doc/examples/data/Megamind.avi");

    /**
     * Real footage with faces (Megamind.avi, 270 frames of an animated feature, shot/reverse-shot; Debian's
     * opencv-doc): the vertical window follows the faces OpenCV finds. Wherever a face that fits is known, the window
     * holds it whole in at least 95% of those frames; a face wider than the window (an extreme close-up) has the
     * window within it; the path is not the centred crop everywhere. With a watermark.
     */
    @Test
    void aVerticalOfRealFootageFollowsItsFaces(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(MEGAMIND),
            "Megamind.avi from Debian's opencv-doc is not installed");
        Path out = dir.resolve("mm.vertical.mp4");
        assertThat(Main.run("finish", MEGAMIND.toString(), "-o", out.toString(), "--profile", "vertical",
            "--watermark", "AI-generated")).isZero();
        tools.jackson.databind.JsonNode crops = tools.jackson.databind.json.JsonMapper.builder().build()
            .readTree(dir.resolve("mm.vertical.crops.json").toFile());
        Conform.Source src = Conform.probe(MEGAMIND);
        int window = crops.get("cropWidth").asInt(), centred = (src.width() - window) / 2;
        assertThat(crops.get("faceFrames").asInt()).as("frames where a face was detected").isGreaterThan(20);
        assertThat(crops.get("shots").size()).as("cuts found").isGreaterThan(1);
        int known = 0, inside = 0, moved = 0;
        for (int f = 0; f < crops.get("left").size(); f++) {
            int left = crops.get("left").get(f).asInt();
            if (Math.abs(left - centred) > 8) moved++;
            tools.jackson.databind.JsonNode face = crops.get("faces").get(f);
            if (face == null || face.isNull()) continue;
            int x = face.get(0).asInt(), w = face.get(2).asInt();
            if (w > window) { // an extreme close-up, wider than the window: the window sits within the face
                assertThat(left).as("frame %d", f).isBetween(x - 2, x + w - window + 2);
                continue;
            }
            known++;
            if (x >= left && x + w <= left + window) inside++;
        }
        assertThat(known).isGreaterThan(50);
        assertThat(inside).as("frames whose face is inside the window, of %d", known).isGreaterThanOrEqualTo(
            (int) Math.ceil(known * 0.95));
        assertThat(moved).as("frames off the centre").isGreaterThan(10);
        assertThat(Conform.probe(out).frames()).isEqualTo(src.frames());
    }
}
