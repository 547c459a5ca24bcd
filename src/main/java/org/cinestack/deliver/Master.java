package org.cinestack.deliver;

import java.nio.file.Path;

import org.cinestack.edit.Clip;
import org.cinestack.edit.Timeline;
import org.cinestack.edit.Track;
import org.cinestack.finish.Grain;
import org.cinestack.finish.Letterbox;
import org.cinestack.media.MediaException;
import org.cinestack.media.MediaInfo;
import org.cinestack.media.VideoReader;
import org.cinestack.media.VideoWriter;

/**
 * Encodes the master: every clip of the timeline's first video track decoded, letterboxed (or pillarboxed) into the
 * delivery frame, grained, and encoded as H.264 High 4:2:0 with the mix as AAC 48 kHz stereo, {@code +faststart}.
 * The result is probed afterwards; anything but H.264 High is an error.
 */
public final class Master {
    private Master() {
    }

    /**
     * @param timeline   the edit
     * @param width      delivery width
     * @param height     delivery height
     * @param grain      grain of the finish
     * @param stereo     the mix, interleaved stereo at 48 kHz
     * @param out        the .mp4 to write
     * @param progress   told the frames done so far
     * @return the probed facts of the written file
     */
    public static MediaInfo encode(Timeline timeline, int width, int height, Grain grain, float[] stereo, Path out,
                                   java.util.function.IntConsumer progress) {
        return encode(timeline, width, height, java.util.Optional.empty(), grain, stereo, out, progress);
    }

    /**
     * Encodes the master with a grade.
     *
     * @param grade the grade's LUT, applied to every picture before the letterbox and the grain
     * @see #encode(Timeline, int, int, Grain, float[], Path, java.util.function.IntConsumer)
     */
    public static MediaInfo encode(Timeline timeline, int width, int height,
                                   java.util.Optional<org.cinestack.finish.CubeLut> grade, Grain grain, float[] stereo,
                                   Path out, java.util.function.IntConsumer progress) {
        Track video = timeline.tracks().getFirst();
        int fps = timeline.fps();
        byte[] frame = new byte[width * height * 3];
        long frameNo = 0;
        try (VideoWriter writer = new VideoWriter(out, width, height, fps, false, VideoWriter.Settings.MASTER)) {
            AudioFollow sound = new AudioFollow(writer, stereo, fps);
            for (Clip clip : video.clips()) {
                try (VideoReader reader = new VideoReader(clip.media())) {
                    int pw = reader.width(), ph = reader.height();
                    if (pw > width || ph > height) {
                        throw new MediaException(clip.media() + " is " + pw + "x" + ph + ", larger than the delivery "
                            + "frame " + width + "x" + height, null);
                    }
                    byte[] picture = new byte[pw * ph * 3];
                    int[] o = Letterbox.origin(pw, ph, width, height);
                    for (int i = 0; i < clip.sourceStartFrame(); i++) reader.next(picture);
                    for (int i = 0; i < clip.durationFrames(); i++) {
                        if (!reader.next(picture)) {
                            throw new MediaException(clip.media() + " ended after " + (clip.sourceStartFrame() + i)
                                + " frames; the timeline needs " + (clip.sourceStartFrame() + clip.durationFrames()),
                                null);
                        }
                        if (grade.isPresent()) grade.get().applyBgr24(picture, pw * ph);
                        Letterbox.place(picture, pw, ph, frame, width, height);
                        grain.apply(frame, width, o[0], o[1], pw, ph, frameNo);
                        writer.write(frame);
                        frameNo++;
                        sound.after(frameNo);
                        progress.accept((int) frameNo);
                    }
                }
            }
            sound.finish();
        }
        MediaInfo info = MediaInfo.probe(out);
        if (!"h264".equals(info.videoCodec()) || info.videoProfile() != MediaInfo.H264_HIGH) {
            throw new MediaException("the master " + out + " came out as " + info.videoCodec() + " profile "
                + info.videoProfile() + ", not H.264 High; check the FFmpeg build (libx264)", null);
        }
        return info;
    }
}
