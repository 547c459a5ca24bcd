package org.cinestack.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * How much of a media file decodes, against what its container declares: a file cut short (a copy that stopped, a
 * download that broke off, a disk that filled) keeps its index at the front and its header's duration, so it opens
 * and plays, only shorter, and a reader that stops at the end of what is there loses the rest without a word.
 * <p>
 * One pass decodes every video frame and every audio frame (libavcodec, through the packet reader that touches
 * neither libavdevice nor any system library), counts them and counts the packets a decoder refused.
 * <ul>
 *   <li>Declared frames: the stream's sample count ({@code nb_frames}, MP4's {@code stsz}), or its duration times
 *       its frame rate when the container gives no count.</li>
 *   <li>Declared sound: the audio stream's duration, or the container's.</li>
 * </ul>
 * A file is whole when at most {@value #FRAME_SLACK} frames and {@value #AUDIO_SLACK_SECONDS} s of sound are missing
 * (edit lists and encoder priming account for that much in files other programs write) and no packet was refused
 * other than among the first and last {@value #FRAME_SLACK} of its stream.
 *
 * @param file                 the file checked
 * @param declaredFrames       frames the container declares, 0 without video or when it declares nothing
 * @param decodedFrames        frames that decoded
 * @param declaredAudioSeconds seconds of sound the container declares, 0 without audio
 * @param decodedAudioSeconds  seconds of sound that decoded
 * @param refusedPackets       packets a decoder refused as damaged
 */
public record Integrity(Path file, long declaredFrames, long decodedFrames, double declaredAudioSeconds,
                        double decodedAudioSeconds, int refusedPackets) {
    static {
        FFmpegLog.quiet();
    }

    /** Frames that may be missing from a whole file (an edit list that hides the first frame, a trailing B frame). */
    public static final int FRAME_SLACK = 2;
    /** Seconds of sound that may be missing from a whole file: AAC priming and padding are about 0.05 s. */
    public static final double AUDIO_SLACK_SECONDS = 0.1;

    /** @return true when nothing declared is missing beyond the slack and no packet was refused */
    public boolean whole() {
        return missingFrames() <= FRAME_SLACK && missingAudioSeconds() <= AUDIO_SLACK_SECONDS && refusedPackets == 0;
    }

    /** @return frames declared and not decoded, 0 or more */
    public long missingFrames() {
        return Math.max(0, declaredFrames - decodedFrames);
    }

    /** @return seconds of sound declared and not decoded, 0 or more */
    public double missingAudioSeconds() {
        return Math.max(0, declaredAudioSeconds - decodedAudioSeconds);
    }

    /**
     * @return what is lost, in words, for example "42 of its 72 frames and 3.00 of its 3.00 s of sound are missing";
     *         empty when the file is whole
     */
    public String lost() {
        List<String> parts = new ArrayList<>();
        if (missingFrames() > FRAME_SLACK) {
            parts.add(missingFrames() + " of its " + declaredFrames + " frames");
        }
        if (missingAudioSeconds() > AUDIO_SLACK_SECONDS) {
            parts.add(String.format(Locale.ROOT, "%.2f of its %.2f s of sound", missingAudioSeconds(),
                declaredAudioSeconds));
        }
        String missing = parts.isEmpty() ? "" : String.join(" and ", parts) + (parts.size() == 1
            && missingFrames() == 1 ? " is missing" : " are missing");
        String damaged = refusedPackets == 0 ? "" : refusedPackets + " damaged packet" + (refusedPackets == 1 ? "" : "s");
        if (missing.isEmpty()) return damaged.isEmpty() ? "" : damaged + " could not be decoded";
        return damaged.isEmpty() ? missing : missing + ", and " + damaged + " could not be decoded";
    }

    /**
     * Decodes the whole file once.
     *
     * @param file a media file
     * @return what it declares and what decoded
     * @throws MediaException when it cannot be opened as media (for example an MP4 cut short before its index)
     */
    public static Integrity check(Path file) {
        // the decoders' complaints about a damaged file are what this check reports, in words, once
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_FATAL);
        try (Demuxer in = Demuxer.open(file)) {
            AVStream video = in.stream(AVMEDIA_TYPE_VIDEO), audio = in.stream(AVMEDIA_TYPE_AUDIO);
            long declaredFrames = 0;
            if (video != null) {
                declaredFrames = video.nb_frames();
                if (declaredFrames <= 0 && video.duration() != AV_NOPTS_VALUE && video.avg_frame_rate().num() > 0) {
                    declaredFrames = Math.round(video.duration() * av_q2d(video.time_base())
                        * av_q2d(video.avg_frame_rate()));
                }
            }
            double declaredAudio = 0;
            if (audio != null) {
                declaredAudio = audio.duration() != AV_NOPTS_VALUE && audio.duration() > 0
                    ? audio.duration() * av_q2d(audio.time_base())
                    : Math.max(0, in.context.duration()) / 1e6;
            }
            Decoder v = video == null ? null : new Decoder(video, file);
            Decoder a = null;
            try {
                a = audio == null ? null : new Decoder(audio, file);
                AVPacket packet = av_packet_alloc();
                try {
                    while (true) {
                        int rc = av_read_frame(in.context, packet);
                        if (rc < 0) break; // the end, or a file that stops inside a packet: what decoded counts
                        if (v != null && packet.stream_index() == video.index()) v.send(packet);
                        else if (a != null && packet.stream_index() == audio.index()) a.send(packet);
                        av_packet_unref(packet);
                    }
                } finally {
                    av_packet_free(packet);
                }
                if (v != null) v.send(null);
                if (a != null) a.send(null);
                return new Integrity(file, declaredFrames, v == null ? 0 : v.frames, declaredAudio,
                    a == null ? 0 : a.samples / (double) Math.max(1, audio.codecpar().sample_rate()),
                    (v == null ? 0 : v.refused()) + (a == null ? 0 : a.refused()));
            } finally {
                if (v != null) v.close();
                if (a != null) a.close();
            }
        } finally {
            org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
        }
    }

    /** One stream's decoder, counting what comes out. */
    private static final class Decoder {
        private final AVCodecContext context;
        private final AVFrame frame = av_frame_alloc();
        long frames, samples, packets;
        /** Packet numbers the decoder refused, or gave an error after. */
        private final List<Long> refusals = new ArrayList<>();

        Decoder(AVStream stream, Path file) {
            AVCodec codec = avcodec_find_decoder(stream.codecpar().codec_id());
            if (codec == null) throw new MediaException(file + " uses a codec FFmpeg cannot decode", null);
            context = avcodec_alloc_context3(codec);
            Concat.check(avcodec_parameters_to_context(context, stream.codecpar()), "cannot decode", file);
            context.thread_count(0); // as many as the machine has
            Concat.check(avcodec_open2(context, codec, (AVDictionary) null), "cannot decode", file);
        }

        /** Sends a packet (null to drain) and counts every frame it gives back. */
        void send(AVPacket packet) {
            if (packet != null) packets++;
            int rc = avcodec_send_packet(context, packet);
            if (rc < 0 && rc != AVERROR_EAGAIN() && rc != AVERROR_EOF()) refusals.add(packets);
            while (true) {
                rc = avcodec_receive_frame(context, frame);
                if (rc == AVERROR_EAGAIN() || rc == AVERROR_EOF()) return;
                if (rc < 0) {
                    refusals.add(packets);
                    return;
                }
                frames++;
                samples += frame.nb_samples();
                av_frame_unref(frame);
            }
        }

        /**
         * @return packets refused between the stream's first and last {@value #FRAME_SLACK}: an incomplete first or
         *         last frame (a sound frame cut off where a file was cut, common in files other programs write:
         *         Megamind.avi's first AC-3 packet) is within the slack
         */
        int refused() {
            return (int) refusals.stream().filter(n -> n > FRAME_SLACK && n <= packets - FRAME_SLACK).count();
        }

        void close() {
            av_frame_free(frame);
            avcodec_free_context(context);
        }
    }
}
