package org.cinestack.media;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Encodes frames (and optionally audio) to a file with FFmpeg through JavaCV. H.264 through libx264, 4:2:0, in MP4
 * with the index at the front ({@code +faststart}).
 *
 * <p>Fails loudly when libx264 is not in the FFmpeg build (JavaCV would otherwise fall back to another codec): the
 * project depends on bytedeco's {@code linux-x86_64-gpl} FFmpeg, which has it.
 */
public final class VideoWriter implements AutoCloseable {
    static {
        FFmpegLog.quiet();
    }

    private final FFmpegFrameRecorder recorder;
    private final Frame frame;
    private final int width, height, channels;
    private ByteBuffer yuv;

    /**
     * Encoder settings.
     *
     * @param codec        {@code libx264} (H.264 High 4:2:0 in .mp4, AAC sound) or {@code prores_ks} (Apple ProRes
     *                     422 HQ, 10-bit 4:2:2, in QuickTime .mov, 24-bit PCM sound)
     * @param crf          x264 constant rate factor, 0..51 (lower is better; 16 is visually lossless); unused by ProRes
     * @param preset       x264 preset, for example {@code veryfast}; unused by ProRes
     * @param audioRate    audio sample rate in Hz, or 0 for no audio track
     * @param audioBitrate AAC bitrate in bits per second; unused for PCM
     */
    public record Settings(String codec, int crf, String preset, int audioRate, int audioBitrate) {
        /** H.264 settings. */
        public Settings(int crf, String preset, int audioRate, int audioBitrate) {
            this("libx264", crf, preset, audioRate, audioBitrate);
        }

        /** The mezzanine master: ProRes 422 HQ (profile 3) in .mov with 48 kHz 24-bit PCM stereo. */
        public static final Settings PRORES_HQ = new Settings("prores_ks", 0, "", 48_000, 0);

        /** Intermediate takes: near-lossless, no audio. */
        public static final Settings TAKE = new Settings(14, "veryfast", 0, 0);
        /** Depth passes. */
        public static final Settings DEPTH = new Settings(18, "veryfast", 0, 0);
        /** The master: High profile, CRF 16, AAC 48 kHz stereo at 192 kb/s. */
        public static final Settings MASTER = new Settings(16, "fast", 48_000, 192_000);

        /** Social deliverables: CRF 18, a faster preset, AAC 48 kHz stereo at 192 kb/s. */
        public static final Settings SOCIAL = new Settings(18, "veryfast", 48_000, 192_000);

        /** @return these settings with no audio track */
        public Settings withoutAudio() {
            return new Settings(codec, crf, preset, 0, 0);
        }

        /** @return true for ProRes: QuickTime .mov with 24-bit PCM sound, rather than .mp4 with AAC */
        public boolean prores() {
            return codec.equals("prores_ks");
        }

        /** @return the file extension these settings write: {@code .mov} for ProRes, {@code .mp4} otherwise */
        public String extension() {
            return prores() ? ".mov" : ".mp4";
        }
    }

    /**
     * Whether x264 is kept to AVX2 and below. On a CPU with AVX-512, x264 (as built for FFmpeg here) made different
     * streams from the same frames and settings, encode after encode, whenever the picture's width in macroblocks was
     * not a multiple of 8 (320 and 480 pixels wide; not 512, 640 or 1920): 3 to 5 distinct files in 8 encodes, on any
     * thread, with one x264 thread too. Turning macroblock-tree rate control off, or keeping x264 to AVX2, made every
     * encode the same; AVX2 gives byte-identical streams to AVX-512 at the widths that were stable, at the same speed
     * (measured 2026-12-08; see the README's Reliability). So on such a CPU x264 is told its CPU is AVX2
     * ({@code asm=AVX2}); elsewhere it detects its own.
     */
    static final boolean X264_CAPPED_AT_AVX2 = (avutil.av_get_cpu_flags()
        & avutil.AV_CPU_FLAG_AVX512) != 0;

    /**
     * Opens an encoder.
     *
     * @param file     output .mp4
     * @param width    frame width, even
     * @param height   frame height, even
     * @param fps      frame rate
     * @param gray     true when frames are 8-bit grey (depth), false for BGR24
     * @param settings encoder settings
     * @throws MediaException when the encoder cannot start
     */
    public VideoWriter(Path file, int width, int height, int fps, boolean gray, Settings settings) {
        requireEncoder(settings.codec());
        this.width = width;
        this.height = height;
        this.channels = gray ? 1 : 3;
        recorder = new FFmpegFrameRecorder(file.toFile(), width, height, settings.audioRate() > 0 ? 2 : 0);
        recorder.setFrameRate(fps);
        recorder.setMetadata("encoder", "Cinestack");
        // what swscale's default matrix (BT.601) makes of BGR24 frames, and what the 4:2:0 pass writes, said in the
        // stream, so players do not take an HD picture for BT.709 and shift its colours
        recorder.setVideoOption("colorspace", "smpte170m");
        recorder.setVideoOption("color_range", "tv");
        recorder.setVideoOption("color_primaries", "bt709");
        recorder.setVideoOption("color_trc", "bt709");
        if (settings.prores()) {
            recorder.setFormat("mov");
            recorder.setVideoCodecName("prores_ks");
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV422P10LE);
            recorder.setVideoOption("profile", "3"); // 422 HQ
            recorder.setVideoOption("vendor", "apl0");
            recorder.setVideoOption("threads", "2");
            if (settings.audioRate() > 0) pcm24(recorder, settings);
        } else {
            recorder.setFormat("mp4");
            recorder.setVideoCodecName("libx264");
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setGopSize(fps * 2);
            recorder.setVideoOption("crf", Integer.toString(settings.crf()));
            recorder.setVideoOption("preset", settings.preset());
            recorder.setVideoOption("profile", "high");
            recorder.setVideoOption("threads", "2");
            if (X264_CAPPED_AT_AVX2) recorder.setVideoOption("x264-params", "asm=AVX2");
            recorder.setOption("movflags", "+faststart");
            if (settings.audioRate() > 0) aac(recorder, settings);
        }
        try {
            recorder.start();
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new MediaException("cannot start the " + settings.codec() + " encoder for " + file + ": "
                + e.getMessage(), e);
        }
        frame = new Frame(width, height, Frame.DEPTH_UBYTE, channels);
    }

    /** Sets up the 24-bit PCM track of a ProRes file. */
    private static void pcm24(FFmpegFrameRecorder recorder, Settings settings) {
        recorder.setAudioCodec(avcodec.AV_CODEC_ID_PCM_S24LE);
        recorder.setSampleFormat(avutil.AV_SAMPLE_FMT_S32); // 24-bit PCM travels in 32-bit samples
        recorder.setSampleRate(settings.audioRate());
        recorder.setAudioChannels(2);
    }

    /** Sets up the AAC track of a master. */
    private static void aac(FFmpegFrameRecorder recorder, Settings settings) {
        recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
        recorder.setSampleRate(settings.audioRate());
        recorder.setAudioChannels(2);
        recorder.setAudioBitrate(settings.audioBitrate());
        // FFmpeg's AAC encoder with its default "twoloop" coder was measured to put a +4 dB true-peak spike into a
        // limited speech mix at 192 and 256 kb/s (a -1.6 dBTP source read +2.7 dBTP after encoding); the "fast"
        // coder overshoots less (about +1 dB on noise bursts), and the render checks what is left
        recorder.setAudioOption("aac_coder", "fast");
    }

    /**
     * Encodes audio alone, exactly as a master with these settings encodes its sound, so the sound can be measured
     * after the codec before the master is made.
     *
     * @param file              an .m4a to write (AAC), or a .mov for ProRes settings (24-bit PCM)
     * @param interleavedStereo float samples, L R L R..., -1..1, at {@code settings.audioRate()}
     * @param settings          the master's settings (their audio part)
     * @throws MediaException when encoding fails
     */
    public static void encodeAudio(Path file, float[] interleavedStereo, Settings settings) {
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), 2)) {
            if (settings.prores()) {
                r.setFormat("mov");
                pcm24(r, settings);
            } else {
                r.setFormat("mp4");
                aac(r, settings);
            }
            r.start();
            int chunk = 2 * 2000;
            for (int at = 0; at < interleavedStereo.length; at += chunk) {
                r.recordSamples(settings.audioRate(), 2, FloatBuffer.wrap(interleavedStereo, at,
                    Math.min(chunk, interleavedStereo.length - at)));
            }
            r.stop();
        } catch (org.bytedeco.javacv.FrameRecorder.Exception e) {
            throw new MediaException("cannot encode audio to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param name an FFmpeg encoder name
     * @throws MediaException when this FFmpeg build has no such encoder
     */
    public static void requireEncoder(String name) {
        if (avcodec.avcodec_find_encoder_by_name(name) == null) {
            throw new MediaException("the FFmpeg build on the class path has no '" + name + "' encoder; Cinestack needs "
                + "bytedeco's ffmpeg with the linux-x86_64-gpl classifier (see pom.xml)", null);
        }
    }

    /**
     * Encodes one frame.
     *
     * @param pixels {@code width * height * channels} bytes, rows top to bottom, BGR24 or gray8
     */
    public void write(byte[] pixels) {
        ByteBuffer buf = (ByteBuffer) frame.image[0];
        int stride = frame.imageStride;
        int row = width * channels;
        if (stride == row) {
            buf.position(0);
            buf.put(pixels, 0, row * height);
        } else {
            for (int y = 0; y < height; y++) buf.put(y * stride, pixels, y * row, row);
        }
        buf.position(0);
        try {
            recorder.record(frame);
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new MediaException("video encoding failed: " + e.getMessage(), e);
        }
    }

    /**
     * Encodes one frame given as planar Y'CbCr 4:2:0 in limited range, BT.601 matrix (the stream's tag): handed to
     * the H.264 encoder as it is, without conversion (a ProRes writer converts it to its 10-bit 4:2:2).
     *
     * @param planes the Y' plane ({@code width x height}), then Cb, then Cr ({@code width/2 x height/2} each)
     * @throws IllegalStateException when the writer was opened for grey frames
     */
    public void writeYuv420(byte[] planes) {
        if (channels != 3) throw new IllegalStateException("a grey writer takes write(byte[])");
        if (yuv == null) yuv = ByteBuffer.allocateDirect(width * height * 3 / 2);
        yuv.clear();
        yuv.put(planes, 0, width * height * 3 / 2).flip();
        try {
            recorder.recordImage(width, height, Frame.DEPTH_UBYTE, 1, width, avutil.AV_PIX_FMT_YUV420P, yuv);
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new MediaException("video encoding failed: " + e.getMessage(), e);
        }
    }

    /**
     * Encodes audio.
     *
     * @param interleavedStereo float samples, L R L R..., -1..1
     * @param offset            first sample index
     * @param length            number of floats (2 per stereo frame)
     */
    public void writeAudio(float[] interleavedStereo, int offset, int length) {
        try {
            recorder.recordSamples(recorder.getSampleRate(), 2, FloatBuffer.wrap(interleavedStereo, offset, length));
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new MediaException("audio encoding failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            recorder.close();
        } catch (org.bytedeco.javacv.FrameRecorder.Exception e) {
            throw new MediaException("cannot finish the file: " + e.getMessage(), e);
        } finally {
            frame.close();
        }
    }
}
