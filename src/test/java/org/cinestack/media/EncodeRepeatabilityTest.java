package org.cinestack.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same frames encoded again give the same file, byte for byte, on any thread: at 320 pixels wide (20 macroblocks,
 * not a multiple of 8), where x264's AVX-512 code made 3 distinct files in 8 encodes before it was kept to AVX2
 * ({@link VideoWriter#X264_CAPPED_AT_AVX2}). On a CPU without AVX-512 the test holds as well, by x264's own design.
 */
class EncodeRepeatabilityTest {
    @Test
    void theSameFramesEncodeToTheSameBytesOnEveryThread(@TempDir Path dir) throws Exception {
        int w = 320, h = 180;
        byte[][] frames = new byte[24][];
        Random rnd = new Random(7);
        for (int i = 0; i < frames.length; i++) { // a moving pattern with noise: work for the rate control
            frames[i] = new byte[w * h * 3];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int o = (y * w + x) * 3;
                    double v = 128 + 60 * Math.sin((x + i * 3) / 17.0) * Math.cos(y / 11.0) + rnd.nextGaussian() * 6;
                    frames[i][o] = (byte) Math.max(0, Math.min(255, v));
                    frames[i][o + 1] = (byte) Math.max(0, Math.min(255, 255 - v));
                    frames[i][o + 2] = (byte) (x * 255 / w);
                }
            }
        }
        List<String> digests = new ArrayList<>();
        digests.add(encode(dir.resolve("main.mp4"), frames, w, h));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> encodes = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                Path out = dir.resolve("t" + i + ".mp4");
                encodes.add(pool.submit(() -> encode(out, frames, w, h)));
            }
            for (Future<String> f : encodes) digests.add(f.get());
        } finally {
            pool.shutdown();
        }
        assertThat(digests).as("SHA-256 of 8 encodes of the same frames").containsOnly(digests.getFirst());
    }

    private static String encode(Path out, byte[][] frames, int w, int h) throws Exception {
        try (VideoWriter v = new VideoWriter(out, w, h, 24, false, VideoWriter.Settings.MASTER.withoutAudio())) {
            for (byte[] f : frames) v.write(f);
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(out)));
    }
}
