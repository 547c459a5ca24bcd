package org.cinestack.media;

import org.bytedeco.ffmpeg.global.avutil;

/** FFmpeg's error codes in words. */
final class FFmpegError {
    private FFmpegError() {
    }

    /**
     * @param code a negative FFmpeg return value (an {@code AVERROR})
     * @return its description from {@code av_strerror}, for example "No space left on device", with the code
     */
    static String text(int code) {
        byte[] buf = new byte[256];
        if (avutil.av_strerror(code, buf, buf.length) < 0) return "error " + code;
        int n = 0;
        while (n < buf.length && buf[n] != 0) n++;
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8) + " (" + code + ")";
    }
}
