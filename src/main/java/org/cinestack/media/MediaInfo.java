package org.cinestack.media;

import java.nio.file.Path;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * What a media file holds, read from its container and stream headers.
 *
 * @param videoCodec    codec name, for example {@code h264}
 * @param videoProfile  codec profile number (H.264 High is 100)
 * @param width         frame width
 * @param height        frame height
 * @param frameRate     frames per second
 * @param frameCount    frames counted by decoding ({@link #probe}), or declared by the container ({@link #header})
 * @param audioCodec    audio codec name, or empty
 * @param sampleRate    audio sample rate, 0 without audio
 * @param audioChannels audio channels, 0 without audio
 */
public record MediaInfo(String videoCodec, int videoProfile, int width, int height, double frameRate, int frameCount,
                        String audioCodec, int sampleRate, int audioChannels) {
    static {
        FFmpegLog.quiet();
    }


    /** H.264 High profile number (ITU-T H.264 Annex A, profile_idc 100). */
    public static final int H264_HIGH = 100;

    /**
     * Probes a file, decoding every video frame to count them.
     *
     * @throws MediaException when the file cannot be read
     */
    public static MediaInfo probe(Path file) {
        return read(file, true);
    }

    /**
     * Reads what a file's headers say, decoding nothing: {@link #frameCount} is the frames its container declares
     * (MP4's sample count), or -1 where it declares none. For a file whose frames are checked elsewhere
     * ({@link Integrity}), so it is not decoded twice.
     *
     * @throws MediaException when the file cannot be read
     */
    public static MediaInfo header(Path file) {
        return read(file, false);
    }

    private static MediaInfo read(Path file, boolean count) {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.start();
            int profile = -1;
            long declared = -1;
            for (int i = 0; i < g.getFormatContext().nb_streams(); i++) {
                AVStream s = g.getFormatContext().streams(i);
                AVCodecParameters p = s.codecpar();
                if (p.codec_type() == avutil.AVMEDIA_TYPE_VIDEO) {
                    profile = p.profile();
                    declared = s.nb_frames() > 0 ? s.nb_frames() : -1;
                }
            }
            int frames = 0;
            if (count) {
                while (g.grabImage() != null) frames++;
            } else {
                frames = (int) declared;
            }
            String audio = g.getAudioChannels() > 0 ? g.getAudioCodecName() : "";
            MediaInfo info = new MediaInfo(g.getVideoCodecName(), profile, g.getImageWidth(), g.getImageHeight(),
                g.getFrameRate(), frames, audio == null ? "" : audio, g.getSampleRate(), g.getAudioChannels());
            g.stop();
            return info;
        } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
            throw new MediaException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
