package org.cinestack.media;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Decodes a video file frame by frame with FFmpeg through JavaCV: to BGR24, or to planar Y'CbCr 4:2:0
 * ({@link #preferring420}), which a 4:2:0 stream gives without conversion.
 */
public final class VideoReader implements AutoCloseable {
    static {
        FFmpegLog.quiet();
    }

    private final FFmpegFrameGrabber grabber;
    private final Path file;
    private final boolean yuv;

    /**
     * @param file the video
     * @throws MediaException when the file cannot be opened or has no video stream
     */
    public VideoReader(Path file) {
        this(file, false);
    }

    /**
     * Opens a video for planar Y'CbCr 4:2:0 frames where it can: {@link #next} then fills the Y' plane, then Cb, then
     * Cr, without padding. A yuv420p stream comes as decoded; others are converted by swscale (which keeps their
     * matrix). A video of odd width or height, which 4:2:0 cannot hold whole, is opened for BGR24 instead; ask
     * {@link #yuv420()} which it is.
     *
     * @param file the video
     * @return the reader
     * @throws MediaException when the file cannot be opened or has no video stream
     */
    public static VideoReader preferring420(Path file) {
        VideoReader r = new VideoReader(file, true);
        if (((r.width() | r.height()) & 1) == 0) return r;
        r.close();
        return new VideoReader(file, false);
    }

    /** @return true when {@link #next} gives planar 4:2:0, false for BGR24 */
    public boolean yuv420() {
        return yuv;
    }

    private VideoReader(Path file, boolean yuv) {
        this.file = file;
        this.yuv = yuv;
        grabber = new FFmpegFrameGrabber(file.toFile());
        if (yuv) grabber.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        try {
            grabber.start();
        } catch (FFmpegFrameGrabber.Exception e) {
            throw new MediaException("cannot open video " + file + ": " + e.getMessage(), e);
        }
        if (grabber.getImageWidth() <= 0) throw new MediaException(file + " has no video stream", null);
    }

    /** @return frame width in pixels */
    public int width() {
        return grabber.getImageWidth();
    }

    /** @return frame height in pixels */
    public int height() {
        return grabber.getImageHeight();
    }

    /**
     * @return the video stream's matrix as FFmpeg numbers it ({@code AVColorSpace}: 1 BT.709, 5 and 6 BT.601, 2
     *     unspecified)
     */
    public int colourspace() {
        AVFormatContext format = grabber.getFormatContext();
        for (int i = 0; i < format.nb_streams(); i++) {
            AVStream s = format.streams(i);
            if (s.codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO) return s.codecpar().color_space();
        }
        return avutil.AVCOL_SPC_UNSPECIFIED;
    }

    /**
     * Decodes the next frame.
     *
     * @param bgr destination: {@code width * height * 3} bytes of BGR24, or for {@link #yuv420()} readers
     *            {@code width * height * 3 / 2} bytes of planar 4:2:0
     * @return false at the end of the stream
     */
    public boolean next(byte[] bgr) {
        Frame f;
        try {
            f = grabber.grabImage();
        } catch (FFmpegFrameGrabber.Exception e) {
            throw new MediaException("cannot decode " + file + ": " + e.getMessage(), e);
        }
        if (f == null) return false;
        if (yuv) {
            AVFrame picture = (AVFrame) f.opaque; // the frame in yuv420p, as decoded or converted, with its strides
            int w = width(), h = height(), at = 0;
            for (int plane = 0; plane < 3; plane++) {
                int pw = plane == 0 ? w : w / 2, ph = plane == 0 ? h : h / 2, stride = picture.linesize(plane);
                BytePointer data = picture.data(plane);
                for (int y = 0; y < ph; y++, at += pw) data.position((long) y * stride).get(bgr, at, pw);
            }
            return true;
        }
        ByteBuffer buf = (ByteBuffer) f.image[0];
        int row = width() * 3, stride = f.imageStride;
        for (int y = 0; y < height(); y++) buf.get(y * stride, bgr, y * row, row);
        return true;
    }

    @Override
    public void close() {
        try {
            grabber.close();
        } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
            throw new MediaException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}
