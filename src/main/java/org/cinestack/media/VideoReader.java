package org.cinestack.media;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/** Decodes a video file frame by frame to BGR24 with FFmpeg through JavaCV. */
public final class VideoReader implements AutoCloseable {
    static {
        FFmpegLog.quiet();
    }

    private final FFmpegFrameGrabber grabber;
    private final Path file;

    /**
     * @param file the video
     * @throws MediaException when the file cannot be opened or has no video stream
     */
    public VideoReader(Path file) {
        this.file = file;
        grabber = new FFmpegFrameGrabber(file.toFile());
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
     * Decodes the next frame.
     *
     * @param bgr destination, {@code width * height * 3} bytes
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
