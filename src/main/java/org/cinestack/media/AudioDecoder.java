package org.cinestack.media;

import java.nio.FloatBuffer;
import java.nio.file.Path;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/** Decodes an audio file to mono float samples at a chosen rate (FFmpeg's swresample does the conversion). */
public final class AudioDecoder {
    static {
        FFmpegLog.quiet();
    }

    private AudioDecoder() {
    }

    /**
     * @param file       any audio (or video with audio) file FFmpeg reads
     * @param sampleRate output rate in Hz, for example 48000
     * @return mono samples, -1..1
     * @throws MediaException when the file cannot be decoded or has no audio
     */
    public static float[] decodeMono(Path file, int sampleRate) {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.setSampleMode(FFmpegFrameGrabber.SampleMode.FLOAT);
            g.setSampleRate(sampleRate);
            g.setAudioChannels(1);
            g.start();
            if (g.getAudioChannels() <= 0) throw new MediaException(file + " has no audio stream", null);
            float[] out = new float[sampleRate];
            int n = 0;
            Frame f;
            while ((f = g.grabSamples()) != null) {
                FloatBuffer fb = (FloatBuffer) f.samples[0];
                int len = fb.remaining();
                if (n + len > out.length) out = java.util.Arrays.copyOf(out, Math.max(out.length * 2, n + len));
                fb.get(out, n, len);
                n += len;
            }
            g.stop();
            return java.util.Arrays.copyOf(out, n);
        } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
            throw new MediaException("cannot decode audio " + file + ": " + e.getMessage(), e);
        }
    }
}
