package org.cinestack.deliver;

import org.cinestack.media.VideoWriter;

/**
 * Interleaves a mix with the picture as it is encoded: after each frame, the 48 kHz stereo samples up to that frame's
 * end ({@code frames * 48000 / fps}), and the rest at the end.
 */
final class AudioFollow {
    private final VideoWriter writer;
    private final float[] stereo;
    private final int fps;
    private int written;

    /**
     * @param writer the encoder
     * @param stereo the mix, interleaved L R at 48 kHz
     * @param fps    the picture's rate
     */
    AudioFollow(VideoWriter writer, float[] stereo, int fps) {
        this.writer = writer;
        this.stereo = stereo;
        this.fps = fps;
    }

    /** Writes the sound up to the end of this many frames. */
    void after(long frames) {
        long end = Math.min(stereo.length / 2, frames * 48_000L / fps);
        int n = (int) (end - written);
        if (n > 0) {
            writer.writeAudio(stereo, written * 2, n * 2);
            written += n;
        }
    }

    /** Writes whatever sound is left. */
    void finish() {
        if (written < stereo.length / 2) writer.writeAudio(stereo, written * 2, stereo.length - written * 2);
    }
}
