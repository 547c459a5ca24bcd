package org.cinestack.media;

import org.bytedeco.ffmpeg.global.avutil;

/** Keeps FFmpeg's own console output to errors, so the user sees Cinestack's progress, not encoder statistics. */
final class FFmpegLog {
    private static volatile boolean done;

    private FFmpegLog() {
    }

    static void quiet() {
        if (done) return;
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        done = true;
    }
}
