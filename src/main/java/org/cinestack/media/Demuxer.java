package org.cinestack.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;

import java.nio.file.Path;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.PointerPointer;

/**
 * An open media file read packet by packet through libavformat, without decoding: for stream copy. Touches only
 * libavformat, libavcodec and libavutil (never libavdevice, whose capture devices need system libraries).
 */
final class Demuxer implements AutoCloseable {
    static {
        FFmpegLog.quiet();
    }

    final AVFormatContext context;
    private final Path file;
    private boolean atEnd;

    private Demuxer(AVFormatContext context, Path file) {
        this.context = context;
        this.file = file;
    }

    /**
     * @param file a media file
     * @return the file opened with its streams probed
     * @throws MediaException when it cannot be opened or is not media, naming the file and FFmpeg's reason
     */
    static Demuxer open(Path file) {
        AVFormatContext c = new AVFormatContext(null);
        Concat.check(avformat_open_input(c, Concat.url(file), null, (AVDictionary) null), "cannot open", file);
        Demuxer d = new Demuxer(c, file);
        try {
            Concat.check(avformat_find_stream_info(c, (PointerPointer<?>) null), "cannot read the streams of", file);
        } catch (MediaException e) {
            d.close();
            throw e;
        }
        return d;
    }

    /** @return the first stream of this type ({@code AVMEDIA_TYPE_VIDEO}, {@code ..._AUDIO}), or null */
    AVStream stream(int mediaType) {
        for (int i = 0; i < context.nb_streams(); i++) {
            AVStream s = context.streams(i);
            if (s.codecpar().codec_type() == mediaType) return s;
        }
        return null;
    }

    /**
     * Reads the next packet of one stream, skipping the others.
     *
     * @param packet  filled with the packet, its timestamps in {@code stream}'s time base, or in {@code to}'s when
     *                given (with its stream index set to {@code to}'s)
     * @param stream  the stream wanted
     * @param to      an output stream to rescale to, or null
     * @return false at the end of the file
     * @throws MediaException when the file cannot be read (a file cut short ends early without an error: callers
     *                        compare what they read with what the index declares)
     */
    boolean next(AVPacket packet, AVStream stream, AVStream to) {
        if (atEnd) return false;
        while (true) {
            int rc = av_read_frame(context, packet);
            if (rc == avutil.AVERROR_EOF()) {
                atEnd = true;
                return false;
            }
            Concat.check(rc, "cannot read", file);
            if (packet.stream_index() == stream.index()) break;
            av_packet_unref(packet);
        }
        if (to != null) {
            av_packet_rescale_ts(packet, stream.time_base(), to.time_base());
            packet.stream_index(to.index());
            packet.pos(-1);
        }
        return true;
    }

    @Override
    public void close() {
        if (!context.isNull()) avformat_close_input(context);
    }
}
