package org.cinestack.media;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Reads the audio of a file at its own sample rate and channel count, as planar float blocks, without holding the
 * whole programme in memory (a two-hour stereo file is over 2 GB as floats).
 */
public final class AudioStream {
    static {
        FFmpegLog.quiet();
    }

    /** Receives blocks of audio. */
    @FunctionalInterface
    public interface Sink {
        /**
         * @param planar one array per channel, -1..1; reused after the call returns
         * @param frames valid samples per channel
         */
        void accept(float[][] planar, int frames);
    }

    /**
     * What was read.
     *
     * @param sampleRate Hz
     * @param channels   channel count
     * @param frames     samples per channel
     */
    public record Info(int sampleRate, int channels, long frames) {
    }

    private AudioStream() {
    }

    /**
     * @param file an audio or video file FFmpeg reads
     * @param open told the rate and channel count before the first block: (rate, channels)
     * @param sink receives the samples
     * @return rate, channels and length
     * @throws MediaException when the file is missing, unreadable, truncated or has no audio, naming the file
     */
    public static Info read(Path file, java.util.function.BiConsumer<Integer, Integer> open, Sink sink) {
        if (!Files.isRegularFile(file)) throw new MediaException(file + ": no such file", null);
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.setSampleMode(FFmpegFrameGrabber.SampleMode.FLOAT);
            g.start();
            int channels = g.getAudioChannels(), rate = g.getSampleRate();
            long declaredMicros = AudioDecoder.audioMicros(g);
            if (channels <= 0 || rate <= 0) throw new MediaException(file + " has no audio stream", null);
            open.accept(rate, channels);
            float[][] planar = new float[channels][4096];
            long total = 0;
            Frame f;
            while ((f = g.grabSamples()) != null) {
                if (f.samples == null) continue;
                int n;
                if (f.samples.length == channels) { // planar
                    n = ((FloatBuffer) f.samples[0]).remaining();
                    planar = grow(planar, n);
                    for (int c = 0; c < channels; c++) ((FloatBuffer) f.samples[c]).get(planar[c], 0, n);
                } else { // interleaved
                    FloatBuffer fb = (FloatBuffer) f.samples[0];
                    n = fb.remaining() / channels;
                    planar = grow(planar, n);
                    for (int i = 0; i < n; i++) for (int c = 0; c < channels; c++) planar[c][i] = fb.get();
                }
                sink.accept(planar, n);
                total += n;
            }
            g.stop();
            AudioDecoder.checkComplete(file, (double) total / rate, declaredMicros);
            return new Info(rate, channels, total);
        } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
            throw new MediaException(file + ": " + AudioDecoder.reason(e) + "; is it a complete, undamaged audio or video file?", e);
        }
    }

    private static float[][] grow(float[][] planar, int n) {
        if (planar[0].length >= n) return planar;
        float[][] out = new float[planar.length][];
        for (int c = 0; c < planar.length; c++) out[c] = new float[Math.max(n, planar[c].length * 2)];
        return out;
    }
}
