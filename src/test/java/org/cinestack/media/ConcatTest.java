package org.cinestack.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process join against FFmpeg's own concat demuxer with stream copy, run by the {@code ffmpeg} program of the
 * same FFmpeg build (bytedeco's, which the join replaced): the same packets, with the same timestamps, flags and
 * sizes, in both tracks. (Debian's FFmpeg 5.1 differs from both: its concat demuxer takes a segment's length from the
 * QuickTime header's milliseconds, so a 17-frame segment ends 8/12288 s late, and it repeats H.264's parameter sets
 * inside every key frame.)
 */
class ConcatTest {

    /** A segment of {@code frames} frames at 24 fps, encoded with the master's (or ProRes) settings. */
    static Path segment(Path dir, String name, int frames, int shade, VideoWriter.Settings settings) {
        Path f = dir.resolve(name + settings.extension());
        byte[] px = new byte[160 * 96 * 3];
        try (VideoWriter w = new VideoWriter(f, 160, 96, 24, false, settings.withoutAudio())) {
            for (int i = 0; i < frames; i++) {
                for (int k = 0; k < px.length; k++) px[k] = (byte) (shade + (k / 3 % 160) / 3 + 2 * i);
                w.write(px);
            }
        }
        return f;
    }

    static Path sound(Path dir, double seconds, VideoWriter.Settings settings) {
        float[] stereo = new float[2 * (int) Math.round(48_000 * seconds)];
        for (int i = 0; i < stereo.length; i += 2) stereo[i] = stereo[i + 1] = (float) (0.2 * Math.sin(i * 0.02));
        Path f = dir.resolve("sound" + (settings.prores() ? ".audio.mov" : ".m4a"));
        VideoWriter.encodeAudio(f, stereo, settings);
        return f;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h264", "prores"})
    void joinsAsFfmpegsConcatDemuxerDoes(String codec, @TempDir Path dir) throws Exception {
        String ffmpeg = bundledFfmpeg();
        Assumptions.assumeTrue(ffmpeg != null && has("ffprobe"), "the reference is the ffmpeg program of the same "
            + "FFmpeg build (it needs libpulse.so.0), measured with ffprobe");
        VideoWriter.Settings settings = codec.equals("prores") ? VideoWriter.Settings.PRORES_HQ
            : VideoWriter.Settings.MASTER;
        List<Path> segments = List.of(segment(dir, "a", 30, 20, settings), segment(dir, "b", 17, 90, settings),
            segment(dir, "c", 49, 150, settings));
        Path audio = sound(dir, 96 / 24.0, settings);
        String ext = settings.extension();
        Path ours = dir.resolve("ours" + ext), theirs = dir.resolve("theirs" + ext);
        assertThat(Concat.joinable(segments)).isTrue();
        Concat.join(segments, audio, ours);

        Path list = dir.resolve("list.txt");
        StringBuilder sb = new StringBuilder("ffconcat version 1.0\n");
        for (Path s : segments) sb.append("file '").append(s.toAbsolutePath()).append("'\n");
        Files.writeString(list, sb);
        run(ffmpeg, "-nostdin", "-v", "error", "-y", "-f", "concat", "-safe", "0", "-i", list.toString(), "-i",
            audio.toString(), "-map", "0:v:0", "-map", "1:a:0", "-c", "copy", "-movflags", "+faststart",
            theirs.toString());

        List<String> a = packets(ours), b = packets(theirs);
        assertThat(a).hasSize(96 + packetCount(audio));
        // the concat demuxer turns H.264 into Annex B and back, which leaves SPS and PPS inside every key frame: the
        // same bytes each time, so each key frame differs by one constant and the rest is equal
        java.util.Set<Integer> extra = new java.util.HashSet<>();
        assertThat(withoutKeyFrameSizes(a, null)).isEqualTo(withoutKeyFrameSizes(b, null));
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).startsWith("0,") || !a.get(i).contains(",K")) continue;
            extra.add(size(b.get(i)) - size(a.get(i)));
        }
        assertThat(extra).hasSize(1);
        assertThat(extra.iterator().next()).isBetween(0, codec.equals("h264") ? 100 : 0);
        // the faststart index: the moov box comes before the media data
        byte[] head = Files.readAllBytes(ours);
        String start = new String(head, 0, Math.min(head.length, 4096), StandardCharsets.ISO_8859_1);
        assertThat(start.indexOf("moov")).isPositive().isLessThan(Math.max(start.indexOf("mdat"), 4096));
    }

    @Test
    void aTruncatedSegmentFailsNamingItAndLeavesNoOutput(@TempDir Path dir) throws Exception {
        Path a = segment(dir, "a", 24, 40, VideoWriter.Settings.MASTER);
        Path bad = dir.resolve("bad.mp4");
        Files.write(bad, java.util.Arrays.copyOf(Files.readAllBytes(a), 300));
        Path out = dir.resolve("out.mp4");
        assertThatThrownBy(() -> Concat.join(List.of(a, bad), null, out)).isInstanceOf(MediaException.class)
            .hasMessageContaining(bad.toString());
        assertThat(out).doesNotExist();
    }

    private static int size(String packet) {
        return Integer.parseInt(packet.split(",")[4]);
    }

    /** The packets with the sizes of video key frames left out. */
    private static List<String> withoutKeyFrameSizes(List<String> packets, Object unused) {
        return packets.stream().map(p -> p.startsWith("0,") && p.contains(",K") ? p.replaceFirst(",\\d+,K", ",?,K")
            : p).toList();
    }

    @Test
    void aSegmentCutShortInsideItsPicturesFailsNamingIt(@TempDir Path dir) throws Exception {
        Path a = segment(dir, "a", 24, 40, VideoWriter.Settings.MASTER);
        Path b = segment(dir, "b", 48, 90, VideoWriter.Settings.MASTER);
        byte[] whole = Files.readAllBytes(b); // the index is at the front (faststart): cut the pictures short
        Path cut = dir.resolve("cut.mp4");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length * 6 / 10));
        Path out = dir.resolve("out.mp4");
        assertThatThrownBy(() -> Concat.join(List.of(a, cut), null, out)).isInstanceOf(MediaException.class)
            .hasMessageContaining(cut.toString()).hasMessageContaining("of the 48 frames its index declares");
        assertThat(out).doesNotExist();
    }

    /** Without any reference tool: the joined file holds every frame, in order, at the segments' rate. */
    @Test
    void theJoinHoldsEveryFrameOfEverySegment(@TempDir Path dir) throws Exception {
        VideoWriter.Settings settings = VideoWriter.Settings.MASTER;
        List<Path> segments = List.of(segment(dir, "a", 30, 20, settings), segment(dir, "b", 17, 90, settings),
            segment(dir, "c", 49, 150, settings));
        Path out = dir.resolve("joined.mp4");
        Concat.join(segments, sound(dir, 4.0, settings), out);
        MediaInfo info = MediaInfo.probe(out);
        assertThat(info.frameCount()).isEqualTo(96);
        assertThat(info.frameRate()).isEqualTo(24.0);
        assertThat(info.audioCodec()).isEqualTo("aac");
        // the pictures are the segments' own, in order: a frame's mean level follows each segment's shade
        try (VideoReader r = new VideoReader(out)) {
            byte[] px = new byte[r.width() * r.height() * 3];
            List<Double> means = new ArrayList<>();
            while (r.next(px)) {
                long sum = 0;
                for (byte v : px) sum += v & 0xff;
                means.add((double) sum / px.length);
            }
            assertThat(means).hasSize(96);
            assertThat(means.get(29)).isLessThan(means.get(30)); // a (shade 20) then b (shade 90)
            assertThat(means.get(46)).isLessThan(means.get(47)); // b then c (shade 150)
        }
    }

    /** Every packet as "stream pts dts duration flags size", in file order. */
    private static List<String> packets(Path f) throws IOException, InterruptedException {
        return run("ffprobe", "-v", "error", "-show_entries", "packet=stream_index,pts,dts,duration,flags,size",
            "-of", "csv=p=0", f.toString()).lines().toList();
    }

    private static int packetCount(Path f) throws IOException, InterruptedException {
        return (int) run("ffprobe", "-v", "error", "-show_entries", "packet=pts", "-of", "csv=p=0", f.toString())
            .lines().count();
    }

    /** @return the ffmpeg program inside bytedeco's FFmpeg jar on the test class path, or null where it cannot run */
    static String bundledFfmpeg() {
        try {
            String p = org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
            return p != null && has(p) ? p : null;
        } catch (Throwable e) { // UnsatisfiedLinkError or NoClassDefFoundError without libpulse
            return null;
        }
    }

    static boolean has(String program) {
        try {
            return new ProcessBuilder(program, "-version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(cmd))).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
    }
}
