package org.cinestack.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOFILE;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_compare_ts;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;

/**
 * Joins encoded video segments into one file without re-encoding them (stream copy), and adds an encoded audio track,
 * in process through libavformat: the same result as FFmpeg's concat demuxer followed by {@code -c copy}, without
 * running the {@code ffmpeg} program (which links libavdevice and so needs PulseAudio from the system).
 * <p>
 * Timestamps follow the concat demuxer (libavformat/concatdec.c): segment {@code i} starts where the one before it
 * ended by its container duration, and each packet is shifted by that start less the segment's own start time. The
 * audio track is copied with its own timestamps. Packets of the two tracks are written in the order of their decoding
 * times, so the muxer never holds more than a packet or two.
 * <p>
 * Segments can be joined by copy only when their streams agree: the same codec, profile, size, pixel format, frame
 * rate and codec private data (H.264's SPS and PPS, which one file carries once for all its samples). {@link #key}
 * gives what must agree; x264 with the same settings at the same size writes the same parameter sets.
 */
public final class Concat {
    static {
        FFmpegLog.quiet();
    }

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
        try (Demuxer in = Demuxer.open(segment)) {
            AVStream s = in.stream(AVMEDIA_TYPE_VIDEO);
            if (s == null) throw new MediaException(segment + " has no video stream", null);
            AVCodecParameters p = s.codecpar();
            byte[] extra = new byte[Math.max(0, p.extradata_size())];
            if (extra.length > 0) new BytePointer(p.extradata()).get(extra);
            AVRational rate = s.avg_frame_rate();
            return p.codec_id() + "/" + p.profile() + "/" + p.width() + "x" + p.height() + "/" + p.format() + "/"
                + rate.num() + ":" + rate.den() + "/" + Arrays.hashCode(extra) + ":" + extra.length;
        }
    }

    /**
     * @param segments encoded video files
     * @return true when they can all be joined by stream copy ({@link #key} agrees)
     * @throws MediaException when a segment cannot be opened or has no video
     */
    public static boolean joinable(List<Path> segments) {
        return segments.stream().map(Concat::key).distinct().count() <= 1;
    }

    /**
     * Joins the segments' video, in order, with the audio file's first audio stream, copying both, into an .mp4 (or a
     * QuickTime .mov when {@code out} ends in .mov) with its index at the front ({@code +faststart}).
     *
     * @param segments video files that are {@link #joinable}; at least one
     * @param audio    a file with the sound (for example AAC in .m4a), or null for none
     * @param out      the .mp4 or .mov to write; replaced. A join that fails once it has begun writing removes it
     * @throws MediaException when a file cannot be read or written (libavformat's message is included), or a
     *                        segment holds fewer frames than its index declares (truncated)
     */
    public static void join(List<Path> segments, Path audio, Path out) {
        if (segments.isEmpty()) throw new IllegalArgumentException("no segments to join into " + out);
        boolean[] opened = {false};
        try {
            copy(segments, audio, out, opened);
        } catch (RuntimeException e) {
            if (opened[0]) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException gone) {
                    e.addSuppressed(gone);
                }
            }
            throw e;
        }
    }

    /** @return the path as libavformat should read it: absolute, with the file protocol (a ':' is no protocol) */
    static String url(Path file) {
        return "file:" + file.toAbsolutePath();
    }

    private static void copy(List<Path> segments, Path audio, Path out, boolean[] opened) {
        String format = out.getFileName().toString().endsWith(".mov") ? "mov" : "mp4";
        AVFormatContext oc = new AVFormatContext(null);
        AVPacket video = av_packet_alloc(), sound = av_packet_alloc();
        Demuxer in = null, audioIn = null;
        try {
            check(avformat_alloc_output_context2(oc, null, format, url(out)), "cannot create", out);
            in = Demuxer.open(segments.get(0));
            AVStream firstVideo = in.stream(AVMEDIA_TYPE_VIDEO);
            if (firstVideo == null) throw new MediaException(segments.get(0) + " has no video stream", null);
            AVStream vOut = newStream(oc, firstVideo, out);
            vOut.avg_frame_rate(firstVideo.avg_frame_rate());
            vOut.r_frame_rate(firstVideo.r_frame_rate());
            AVStream aIn = null, aOut = null;
            if (audio != null) {
                audioIn = Demuxer.open(audio);
                aIn = audioIn.stream(AVMEDIA_TYPE_AUDIO);
                if (aIn == null) throw new MediaException(audio + " has no audio stream", null);
                aOut = newStream(oc, aIn, out);
            }
            if ((oc.oformat().flags() & AVFMT_NOFILE) == 0) {
                AVIOContext pb = new AVIOContext(null);
                check(avio_open(pb, url(out), AVIO_FLAG_WRITE), "cannot write", out);
                oc.pb(pb);
                opened[0] = true;
            }
            AVDictionary options = new AVDictionary(null);
            av_dict_set(options, "movflags", "+faststart", 0);
            try {
                check(avformat_write_header(oc, options), "cannot start", out);
            } finally {
                av_dict_free(options);
            }

            boolean soundLeft = audioIn != null && audioIn.next(sound, aIn, aOut);
            long startMicros = 0; // where the current segment starts in the joined file
            for (int i = 0; i < segments.size(); i++) {
                if (i > 0) {
                    in.close();
                    in = Demuxer.open(segments.get(i));
                }
                AVStream vIn = in.stream(AVMEDIA_TYPE_VIDEO);
                if (vIn == null) throw new MediaException(segments.get(i) + " has no video stream", null);
                long ownStart = in.context.start_time() == AV_NOPTS_VALUE ? 0 : in.context.start_time();
                long shift = av_rescale_q(startMicros - ownStart, av_make_q(1, AV_TIME_BASE), vIn.time_base());
                long packets = 0;
                while (in.next(video, vIn, null)) {
                    packets++;
                    if (video.pts() != AV_NOPTS_VALUE) video.pts(video.pts() + shift);
                    if (video.dts() != AV_NOPTS_VALUE) video.dts(video.dts() + shift);
                    av_packet_rescale_ts(video, vIn.time_base(), vOut.time_base());
                    video.stream_index(vOut.index());
                    video.pos(-1);
                    // the sound that plays before this picture goes first
                    while (soundLeft && av_compare_ts(sound.dts(), aOut.time_base(), video.dts(),
                        vOut.time_base()) <= 0) {
                        write(oc, sound, out);
                        soundLeft = audioIn.next(sound, aIn, aOut);
                    }
                    write(oc, video, out);
                }
                // a file cut short inside its media data still has its whole index at the front: count
                if (vIn.nb_frames() > 0 && packets != vIn.nb_frames()) {
                    throw new MediaException(segments.get(i) + " holds " + packets + " of the " + vIn.nb_frames()
                        + " frames its index declares; it is truncated or damaged", null);
                }
                long duration = in.context.duration();
                if (duration == AV_NOPTS_VALUE || duration <= 0) {
                    throw new MediaException(segments.get(i) + " has no duration; it may be truncated", null);
                }
                startMicros += duration;
            }
            while (soundLeft) {
                write(oc, sound, out);
                soundLeft = audioIn.next(sound, aIn, aOut);
            }
            check(av_write_trailer(oc), "cannot finish", out);
        } finally {
            if (in != null) in.close();
            if (audioIn != null) audioIn.close();
            av_packet_free(video);
            av_packet_free(sound);
            if (!oc.isNull()) {
                if (oc.pb() != null && !oc.pb().isNull() && (oc.oformat().flags() & AVFMT_NOFILE) == 0) {
                    avio_closep(oc.pb());
                    oc.pb(null);
                }
                avformat_free_context(oc);
            }
        }
    }

    /** A stream of the output with the input stream's codec parameters, for copying. */
    private static AVStream newStream(AVFormatContext oc, AVStream from, Path out) {
        AVStream s = avformat_new_stream(oc, null);
        if (s == null) throw new MediaException("cannot add a stream to " + out, null);
        check(avcodec_parameters_copy(s.codecpar(), from.codecpar()), "cannot copy a stream into", out);
        s.codecpar().codec_tag(0); // let the muxer choose the tag its container uses
        s.time_base(from.time_base());
        return s;
    }

    private static void write(AVFormatContext oc, AVPacket packet, Path out) {
        check(av_interleaved_write_frame(oc, packet), "cannot write", out);
    }

    /**
     * @param rc   a libav* return value
     * @param what what was being done, for example "cannot write"
     * @param file the file it was done to
     * @return {@code rc} when it is not an error
     * @throws MediaException naming the file and libavformat's reason when {@code rc} is an error code
     */
    static int check(int rc, String what, Path file) {
        if (rc < 0) throw new MediaException(what + " " + file + ": " + FFmpegError.text(rc), null);
        return rc;
    }
}
