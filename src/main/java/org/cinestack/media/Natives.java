package org.cinestack.media;

import org.bytedeco.javacpp.Loader;

/**
 * Loads the native libraries Cinestack decodes, encodes and measures with (FFmpeg's codecs, formats and scaler;
 * OpenCV's core, image processing and object detection) ahead of their first use. Loading them takes a fresh JVM
 * about a second of CPU; a long-lived process that is handed work by others (a farm worker) pays it at start, not in
 * its first job.
 */
public final class Natives {
    private Natives() {
    }

    /**
     * Loads them; a second call does nothing.
     *
     * @throws UnsatisfiedLinkError when a library cannot be loaded (the command line reports it as a problem of the
     *                              machine)
     */
    public static void load() {
        Loader.load(org.bytedeco.ffmpeg.global.avcodec.class);
        Loader.load(org.bytedeco.ffmpeg.global.avformat.class);
        Loader.load(org.bytedeco.ffmpeg.global.swscale.class);
        Loader.load(org.bytedeco.ffmpeg.global.swresample.class);
        Loader.load(org.bytedeco.opencv.global.opencv_core.class);
        Loader.load(org.bytedeco.opencv.global.opencv_imgproc.class);
        Loader.load(org.bytedeco.opencv.global.opencv_objdetect.class);
    }
}
