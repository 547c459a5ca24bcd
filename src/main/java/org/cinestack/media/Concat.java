package org.cinestack.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * Joins encoded video segments into one file without re-encoding them (stream copy), and adds an encoded audio track:
 * FFmpeg's concat demuxer, run through the {@code ffmpeg} program that bytedeco's FFmpeg build ships inside its jar
 * (the same libraries and encoders as the rest of Cinestack, nothing from the system).
 * <p>
 * Segments can be joined by copy only when their streams agree: the same codec, profile, size, pixel format, frame
 * rate and codec private data (H.264's SPS and PPS, which one file carries once for all its samples). {@link #key}
 * gives what must agree; x264 with the same settings at the same size writes the same parameter sets.
 */
public final class Concat {
    private Concat() {
    }

    /**
     * What a segment's video stream must share with the others to be joined by copy.
     *
     * @param segment an encoded video file
     * @return codec, profile, size, pixel format, frame rate and a digest of the codec private data
     * @throws MediaException when the file cannot be opened or has no video
     */
    public static String key(Path segment) {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(segment.toFile())) {
            g.start();
            int index = -1;
            for (int i = 0; i < g.getFormatContext().nb_streams(); i++) {
                if (g.getFormatContext().streams(i).codecpar().codec_type()
                    == org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO) {
                    index = i;
                    break;
                }
            }
            if (index < 0) throw new MediaException(segment + " has no video stream", null);
            AVCodecParameters p = g.getFormatContext().streams(index).codecpar();
            byte[] extra = new byte[Math.max(0, p.extradata_size())];
            if (extra.length > 0) new BytePointer(p.extradata()).get(extra);
            return p.codec_id() + "/" + p.profile() + "/" + p.width() + "x" + p.height() + "/" + p.format() + "/"
                + g.getFrameRate() + "/" + Arrays.hashCode(extra) + ":" + extra.length;
        } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
            throw new MediaException("cannot open " + segment + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param segments encoded video files
     * @return true when they can all be joined by stream copy ({@link #key} agrees)
     */
    public static boolean joinable(List<Path> segments) {
        return segments.stream().map(Concat::key).distinct().count() <= 1;
    }

    /**
     * Joins the segments' video, in order, with the audio file's first audio stream, copying both, into an .mp4 (or a
     * QuickTime .mov when {@code out} ends in .mov) with its index at the front ({@code +faststart}).
     *
     * @param segments video files that are {@link #joinable}
     * @param audio    a file with the sound (for example AAC in .m4a), or null for none
     * @param out      the .mp4 or .mov to write; replaced
     * @throws MediaException when FFmpeg fails (its message is included)
     * @throws IOException    when the list file cannot be written
     */
    public static void join(List<Path> segments, Path audio, Path out) throws IOException {
        Path list = out.resolveSibling(out.getFileName() + ".concat.txt");
        StringBuilder sb = new StringBuilder("ffconcat version 1.0\n");
        for (Path s : segments) {
            // the concat format's quoting: single quotes, with ' written as '\''
            sb.append("file '").append(s.toAbsolutePath().toString().replace("'", "'\\''")).append("'\n");
        }
        Files.writeString(list, sb.toString(), StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(List.of(program(), "-nostdin", "-v", "error", "-y", "-f", "concat",
            "-safe", "0", "-i", list.toString()));
        if (audio != null) cmd.addAll(List.of("-i", audio.toString()));
        cmd.addAll(List.of("-map", "0:v:0"));
        if (audio != null) cmd.addAll(List.of("-map", "1:a:0"));
        String format = out.getFileName().toString().endsWith(".mov") ? "mov" : "mp4";
        cmd.addAll(List.of("-c", "copy", "-metadata", "encoder=Cinestack", "-movflags", "+faststart", "-f", format,
            out.toString()));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int rc = p.waitFor();
            if (rc != 0) {
                throw new MediaException("joining " + segments.size() + " segments into " + out + " failed: " + log,
                    null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaException("interrupted while joining segments into " + out, e);
        } finally {
            Files.deleteIfExists(list);
        }
    }

    /** @return the path of the {@code ffmpeg} program bundled with bytedeco's FFmpeg, extracted once */
    static String program() {
        return Objects.requireNonNull(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class),
            "bytedeco's FFmpeg jar has no ffmpeg program for this platform");
    }
}
