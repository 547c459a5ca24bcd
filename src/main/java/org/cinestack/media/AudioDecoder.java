package org.cinestack.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Decodes an audio file to float samples at a chosen rate and channel count (FFmpeg's swresample does the
 * conversion), and finds files that end early.
 */
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
     * @throws MediaException when the file is missing, cannot be decoded, is truncated or has no audio, naming it
     */
    public static float[] decodeMono(Path file, int sampleRate) {
        return decode(file, sampleRate, 1);
    }

    /**
     * @param file       any audio (or video with audio) file FFmpeg reads
     * @param sampleRate output rate in Hz, for example 48000
     * @param channels   output channels (1 mono, 2 stereo: a mono file is copied to both, more are downmixed)
     * @return interleaved samples, -1..1, {@code channels * frames} long
     * @throws MediaException when the file is missing, cannot be decoded, is truncated or has no audio, naming it
     */
    public static float[] decode(Path file, int sampleRate, int channels) {
        if (!Files.isRegularFile(file)) throw new MediaException(file + ": no such file", null);
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.setSampleMode(FFmpegFrameGrabber.SampleMode.FLOAT);
            g.setSampleRate(sampleRate);
            g.setAudioChannels(channels);
            g.start();
            if (g.getAudioChannels() <= 0) throw new MediaException(file + " has no audio stream", null);
            long declaredMicros = audioMicros(g);
            float[] out = new float[sampleRate * channels];
            int n = 0;
            Frame f;
            while ((f = g.grabSamples()) != null) {
                if (f.samples == null) continue;
                FloatBuffer fb = (FloatBuffer) f.samples[0];
                int len = fb.remaining();
                if (n + len > out.length) out = java.util.Arrays.copyOf(out, Math.max(out.length * 2, n + len));
                fb.get(out, n, len);
                n += len;
            }
            g.stop();
            checkComplete(file, (double) n / channels / sampleRate, declaredMicros);
            return java.util.Arrays.copyOf(out, n);
        } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
            throw new MediaException(file + ": " + reason(e) + "; is it a complete, undamaged audio file?", e);
        }
    }

    /**
     * @return the audio stream's declared duration in microseconds; for a file without video the container's when the
     *         stream gives none; 0 when unknown
     */
    static long audioMicros(FFmpegFrameGrabber g) {
        org.bytedeco.ffmpeg.avformat.AVFormatContext fc = g.getFormatContext();
        boolean video = false;
        for (int i = 0; i < fc.nb_streams(); i++) {
            org.bytedeco.ffmpeg.avformat.AVStream st = fc.streams(i);
            int type = st.codecpar().codec_type();
            if (type == org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO) video = true;
            if (type == org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO
                && st.duration() != org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE && st.duration() > 0) {
                return st.duration() * 1_000_000L * st.time_base().num() / st.time_base().den();
            }
        }
        return video ? 0 : g.getLengthInTime();
    }

    /** FFmpeg's complaint in words, without the call it came from. */
    static String reason(Exception e) {
        String why = String.valueOf(e.getMessage());
        if (why.contains("avformat_open_input")) return "FFmpeg cannot open it as audio or video";
        return why.contains("(") ? why.substring(0, why.indexOf('(')).strip() : why;
    }

    /**
     * A file is truncated when less decodes than its container declares: the duration in its header (FLAC's
     * STREAMINFO, MP4's moov) by more than 0.1 s, or, for a RIFF WAVE file (whose duration FFmpeg takes from the
     * file's size), a {@code data} chunk that says it is longer than what is left of the file.
     *
     * @param file           the file, for the message and the WAVE header
     * @param decodedSeconds what decoded
     * @param declaredMicros the container's duration, microseconds; 0 or less when it gives none
     * @throws MediaException when it is truncated, saying how much is missing
     */
    static void checkComplete(Path file, double decodedSeconds, long declaredMicros) {
        double declared = declaredMicros / 1e6;
        if (declaredMicros > 0 && decodedSeconds < declared - 0.1) {
            throw new MediaException(String.format(Locale.ROOT, "%s is truncated: its header says %.2f s, only "
                + "%.2f s decodes; copy or export it again", file, declared, decodedSeconds), null);
        }
        long[] wave = waveData(file);
        if (wave != null && wave[0] > wave[1]) {
            throw new MediaException(String.format(Locale.ROOT, "%s is truncated: its WAVE header says %d bytes of "
                + "audio, the file holds %d; copy or export it again", file, wave[0], wave[1]), null);
        }
    }

    /**
     * @return for a RIFF WAVE file, {the data chunk's declared size, the bytes left after its header}; null for other
     *         files and for sizes written as unknown (0 or 0xFFFFFFFF, as streaming writers do)
     */
    private static long[] waveData(Path file) {
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            if (ch.read(b, 0) < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) return null; // RIFF WAVE
            long pos = 12, size = ch.size();
            ByteBuffer h = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            while (pos + 8 <= size) {
                h.clear();
                if (ch.read(h, pos) < 8) return null;
                long len = Integer.toUnsignedLong(h.getInt(4));
                if (h.getInt(0) == 0x61746164) { // "data"
                    return len == 0 || len == 0xFFFFFFFFL ? null : new long[] {len, size - pos - 8};
                }
                pos += 8 + len + (len & 1);
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
