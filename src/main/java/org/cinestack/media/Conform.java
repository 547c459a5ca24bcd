package org.cinestack.media;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Conforms a generated clip to its take: scaled to cover the picture and centre-cropped (FFmpeg's {@code scale} with
 * {@code force_original_aspect_ratio=increase}, then {@code crop}), and retimed to the film's rate by taking, for each
 * output frame at time i / fps, the last source frame shown at that time (the last frame is held when the clip is
 * short). The result is what the previs backend makes: {@code frames} frames, H.264, the take settings.
 */
public final class Conform {
    static {
        FFmpegLog.quiet();
    }

    /**
     * What the source was.
     *
     * @param width   source width
     * @param height  source height
     * @param fps     source frame rate
     * @param frames  source frames decoded
     * @param seconds source duration by its frames
     */
    public record Source(int width, int height, double fps, int frames, double seconds) {
    }

    private Conform() {
    }

    /**
     * Reads a clip's frame count and rate without writing anything.
     *
     * @param in the clip
     * @return what it is
     * @throws MediaException when it cannot be decoded or has no video
     */
    public static Source probe(Path in) {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(in.toFile())) {
            g.start();
            if (g.getImageWidth() <= 0) throw new MediaException(in + " has no video stream", null);
            int n = 0;
            while (g.grabImage() != null) n++;
            double fps = g.getFrameRate() > 0 ? g.getFrameRate() : 24;
            if (n == 0) throw new MediaException(in + " has no decodable frames", null);
            return new Source(g.getImageWidth(), g.getImageHeight(), fps, n, n / fps);
        } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
            throw new MediaException("cannot decode " + in + ": " + e.getMessage() + "; is the download complete?", e);
        }
    }

    /**
     * @param in     the generated clip (any format FFmpeg reads)
     * @param out    the take to write (mp4)
     * @param width  picture width, even
     * @param height picture height, even
     * @param fps    the film's rate
     * @param frames frames to write
     * @return the source's shape
     * @throws MediaException when the clip cannot be decoded
     */
    public static Source toTake(Path in, Path out, int width, int height, int fps, int frames) {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(in.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            g.start();
            int sw = g.getImageWidth(), sh = g.getImageHeight();
            if (sw <= 0) throw new MediaException(in + " has no video stream", null);
            double srcFps = g.getFrameRate() > 0 ? g.getFrameRate() : fps;
            String chain = "scale=" + width + ":" + height + ":force_original_aspect_ratio=increase:flags=bicubic,crop="
                + width + ":" + height + ",setsar=1";
            byte[] current = null;
            int decoded = 0;
            try (FFmpegFrameFilter filter = new FFmpegFrameFilter(chain, sw, sh);
                 VideoWriter w = new VideoWriter(out, width, height, fps, false, VideoWriter.Settings.TAKE)) {
                filter.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
                filter.setFrameRate(srcFps);
                filter.start();
                Frame f = g.grabImage();
                byte[] next = f == null ? null : scaled(filter, f, width, height);
                if (next != null) decoded++;
                for (int i = 0; i < frames; i++) {
                    double t = i / (double) fps;
                    // advance while the next source frame is due at or before t
                    while (next != null && (decoded - 1) / srcFps <= t + 1e-9) {
                        current = next;
                        f = g.grabImage();
                        next = f == null ? null : scaled(filter, f, width, height);
                        if (next != null) decoded++;
                    }
                    if (current == null) current = next;
                    if (current == null) throw new MediaException(in + " has no decodable frames", null);
                    w.write(current);
                }
                while (g.grabImage() != null) decoded++;
            }
            return new Source(sw, sh, srcFps, decoded, decoded / srcFps);
        } catch (org.bytedeco.javacv.FrameGrabber.Exception | org.bytedeco.javacv.FrameFilter.Exception e) {
            throw new MediaException("cannot conform " + in + ": " + e.getMessage(), e);
        }
    }

    private static byte[] scaled(FFmpegFrameFilter filter, Frame f, int width, int height)
        throws org.bytedeco.javacv.FrameFilter.Exception {
        filter.push(f);
        Frame s = filter.pull();
        if (s == null) throw new MediaException("the scaler gave no frame", null);
        byte[] out = new byte[width * height * 3];
        ByteBuffer buf = (ByteBuffer) s.image[0];
        int row = width * 3;
        for (int y = 0; y < height; y++) buf.get(y * s.imageStride, out, y * row, row);
        return out;
    }
}
