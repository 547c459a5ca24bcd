package org.cinestack.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.edit.Clip;
import org.cinestack.edit.Timeline;
import org.cinestack.edit.Track;
import org.cinestack.finish.CubeLut;
import org.cinestack.finish.Grain;
import org.cinestack.media.MediaInfo;
import org.cinestack.media.VideoWriter;

/** The master from cached segments: joined by stream copy, with its sound, every frame there. */
public class MasterTest {

    static Path take(Path dir, String name, int frames, int shade) {
        Path f = dir.resolve(name + ".mp4");
        byte[] px = new byte[160 * 90 * 3];
        try (VideoWriter w = new VideoWriter(f, 160, 90, 24, false, VideoWriter.Settings.TAKE)) {
            for (int i = 0; i < frames; i++) {
                for (int k = 0; k < px.length; k++) px[k] = (byte) (shade + (k / 3 % 160) / 4 + i);
                w.write(px);
            }
        }
        return f;
    }

    @Test
    void segmentsAreJoinedByCopyAndReused(@TempDir Path dir) throws Exception {
        Timeline t = new Timeline("t", 24, List.of(new Track("V1", "Video", List.of(
            new Clip("a", take(dir, "a", 30, 40), 3, 20, 30, "da"), Clip.gap(5),
            new Clip("b", take(dir, "b", 24, 120), 0, 24, 24, "db")))));
        float[] stereo = new float[2 * 48_000 * 49 / 24];
        for (int i = 0; i < stereo.length; i += 2) stereo[i] = stereo[i + 1] = (float) (0.1 * Math.sin(i * 0.01));
        List<Optional<CubeLut>> grades = List.of(Optional.of(CubeLut.identity(17)), Optional.empty(),
            Optional.empty());
        Grain grain = new Grain(0.2, 3, Grain.Stock.VISION3_250D);
        Master.Result first = Master.encode(t, 192, 108, grades, grain, stereo, dir.resolve("m1.mp4"),
            dir.resolve("segments"), f -> { });
        assertThat(first.streamCopied()).isTrue();
        assertThat(first.encodedShots()).isEqualTo(3);
        MediaInfo info = first.info();
        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(info.width()).isEqualTo(192);
        Master.Result second = Master.encode(t, 192, 108, grades, grain, stereo, dir.resolve("m2.mp4"),
            dir.resolve("segments"), f -> { });
        assertThat(second.encodedShots()).isZero();
        assertThat(second.reusedShots()).isEqualTo(3);
        try (var files = Files.list(dir.resolve("segments"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".mp4")).count()).isEqualTo(3);
        }
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-count_frames", "-show_entries",
            "stream=codec_type,nb_read_frames", "-of", "csv=p=0", dir.resolve("m2.mp4").toString())
            .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor()).isZero();
        assertThat(out).contains("video,49").contains("audio,");
    }

    /** Raw planar 4:2:0 frames of a file, decoded by FFmpeg. */
    static byte[] yuv420(Path f) throws Exception {
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-i", f.toString(), "-f", "rawvideo", "-pix_fmt",
            "yuv420p", "-").start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        return out;
    }

    /**
     * The master's pictures go from the take's 4:2:0 to the encoder's without a trip through RGB: with no grade and
     * no grain, the picture area holds the take's own samples, all three planes (within what a second H.264 encoding
     * changes), placed on a chroma row (a row lower or higher would put the take's two-row stripes out of step), on
     * black bars, and the stream says which matrix it is in.
     */
    @Test
    void theMasterStaysInFourTwoZeroAndSaysItsMatrix(@TempDir Path dir) throws Exception {
        int sw = 160, sh = 90, fw = 160, fh = 120, y0 = 14; // (120 - 90) / 2 = 15, down to a chroma row
        Path take = dir.resolve("stripes.mp4");
        byte[] px = new byte[sw * sh * 3];
        for (int y = 0, k = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++, k += 3) { // blue-grey and orange stripes two rows high
                boolean orange = (y / 2) % 2 == 0;
                px[k] = (byte) (orange ? 40 : 160);
                px[k + 1] = (byte) (orange ? 120 + x / 4 : 110);
                px[k + 2] = (byte) (orange ? 220 : 90);
            }
        }
        try (VideoWriter w = new VideoWriter(take, sw, sh, 24, false, VideoWriter.Settings.TAKE)) {
            for (int i = 0; i < 12; i++) w.write(px);
        }
        Timeline t = new Timeline("t", 24, List.of(new Track("V1", "Video", List.of(
            new Clip("a", take, 0, 12, 12, "da")))));
        Path out = dir.resolve("m.mp4");
        Master.encode(t, fw, fh, List.of(Optional.empty()), new Grain(0, 0), new float[2 * 24_000], out,
            dir.resolve("segments"), f -> { });
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v", "-show_entries",
            "stream=color_space,color_range,color_primaries", "-of", "csv=p=0", out.toString()).start();
        String tags = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor()).isZero();
        assertThat(tags).contains("tv").contains("smpte170m").contains("bt709");
        byte[] source = yuv420(take), master = yuv420(out);
        assertThat(master.length).isEqualTo(12 * fw * fh * 3 / 2);
        for (int plane = 0; plane < 3; plane++) {
            int s = plane == 0 ? 1 : 2, pw = sw / s, ph = sh / s, mw = fw / s;
            int sOff = plane == 0 ? 0 : sw * sh + (plane - 1) * (sw / 2) * (sh / 2);
            int mOff = plane == 0 ? 0 : fw * fh + (plane - 1) * (fw / 2) * (fh / 2);
            long diff = 0, n = 0;
            for (int f = 0; f < 12; f++) {
                int s0 = f * sw * sh * 3 / 2 + sOff, m0 = f * fw * fh * 3 / 2 + mOff;
                for (int y = 0; y < ph; y++) {
                    for (int x = 0; x < pw; x++, n++) {
                        diff += Math.abs((source[s0 + y * pw + x] & 0xff)
                            - (master[m0 + (y0 / s + y) * mw + x] & 0xff));
                    }
                }
                if (plane == 0) {
                    for (int x = 0; x < fw; x++) assertThat(master[m0 + 5 * fw + x] & 0xff).isCloseTo(16, within(1));
                }
            }
            assertThat(diff / (double) n).as("mean difference from the take in plane %d, in codes", plane)
                .isLessThan(1.5);
        }
    }

    public static String probe(Path f) throws Exception {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-count_frames", "-show_entries",
            "stream=codec_name,profile,pix_fmt,width,height,nb_read_frames", "-of", "csv=p=0", f.toString())
            .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor()).isZero();
        return out;
    }

    /** ProRes 422 HQ in .mov with 24-bit PCM at the master's size; web H.264 brought down to fit 1920x1080. */
    @Test
    void proresAndWebDeliverables(@TempDir Path dir) throws Exception {
        Timeline t = new Timeline("t", 24, List.of(new Track("V1", "Video", List.of(
            new Clip("a", take(dir, "a", 12, 40), 0, 12, 12, "da")))));
        float[] stereo = new float[2 * 48_000 / 2];
        Grain grain = new Grain(0.2, 3, Grain.Stock.VISION3_250D);
        Path segments = dir.resolve("segments");
        List<Path> prores = Master.encodeVersion(t, 192, 108, List.of(Optional.empty()), grain, stereo,
            dir.resolve("p.mov"), VideoWriter.Settings.PRORES_HQ, "", segments, f -> { });
        assertThat(prores).hasSize(1).allMatch(f -> f.toString().endsWith(".mov"));
        assertThat(probe(dir.resolve("p.mov"))).contains("prores,HQ,192,108,yuv422p10le", ",12")
            .contains("pcm_s24le");
        java.nio.file.attribute.FileTime longAgo = java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(prores.getFirst(), longAgo);
        Object file = Files.readAttributes(prores.getFirst(),
            java.nio.file.attribute.BasicFileAttributes.class).fileKey(); // the same file after, not a new one
        assertThat(Master.encodeVersion(t, 192, 108, List.of(Optional.empty()), grain, stereo, dir.resolve("p2.mov"),
            VideoWriter.Settings.PRORES_HQ, "", segments, f -> { })).isEqualTo(prores); // reused, joined by copy
        assertThat(Files.getLastModifiedTime(prores.getFirst())).isGreaterThan(longAgo);
        assertThat(Files.readAttributes(prores.getFirst(), java.nio.file.attribute.BasicFileAttributes.class)
            .fileKey()).isEqualTo(file);
        assertThat(probe(dir.resolve("p2.mov"))).isEqualTo(probe(dir.resolve("p.mov")));
        List<Path> web = Master.encodeVersion(t, 2048, 1152, List.of(Optional.empty()), grain, stereo,
            dir.resolve("w.mp4"), Master.WEB, "AI-generated", segments, f -> { });
        assertThat(web).hasSize(1);
        assertThat(probe(dir.resolve("w.mp4"))).contains("h264,High,1920,1080,yuv420p", ",12").contains("aac");
        java.nio.file.attribute.FileTime made = java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(web.getFirst(), made); // long unused: reuse marks it used now
        assertThat(Master.encodeVersion(t, 2048, 1152, List.of(Optional.empty()), grain, stereo, dir.resolve("w2.mp4"),
            Master.WEB, "AI-generated", segments, f -> { })).isEqualTo(web); // the same segment, reused
        assertThat(yuv420(dir.resolve("w2.mp4"))).isEqualTo(yuv420(dir.resolve("w.mp4")));
        assertThat(Master.encodeVersion(t, 2048, 1152, List.of(Optional.empty()), grain, stereo, dir.resolve("w3.mp4"),
            Master.WEB, "", segments, f -> { })).doesNotContainAnyElementsOf(web); // no mark: another segment
        assertThat(Files.getLastModifiedTime(web.getFirst())).isGreaterThan(made);
    }
}
