package org.cinestack.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file cut short is found by what decodes against what its container declares. */
public class IntegrityTest {
    /** 72 frames at 24 fps of moving bars with 3 s of a 440 Hz tone, index at the front. */
    public static Path clipWithSound(Path file) {
        int w = 160, h = 90, fps = 24, frames = 72;
        float[] tone = new float[48_000 * 3 * 2];
        for (int i = 0; i < tone.length / 2; i++) {
            tone[2 * i] = tone[2 * i + 1] = (float) (0.2 * Math.sin(2 * Math.PI * 440 * i / 48_000.0));
        }
        try (VideoWriter v = new VideoWriter(file, w, h, fps, false, VideoWriter.Settings.MASTER)) {
            byte[] px = new byte[w * h * 3];
            int perFrame = 48_000 / fps * 2;
            for (int f = 0; f < frames; f++) {
                Arrays.fill(px, (byte) 60);
                for (int y = 0; y < h; y++) for (int x = f * 2; x < f * 2 + 16 && x < w; x++) px[3 * (y * w + x)] = -1;
                v.write(px);
                v.writeAudio(tone, f * perFrame, perFrame);
            }
        }
        return file;
    }

    @Test
    void aWholeFileIsWhole(@TempDir Path dir) {
        Integrity i = Integrity.check(clipWithSound(dir.resolve("a.mp4")));
        assertThat(i.declaredFrames()).isEqualTo(72);
        assertThat(i.decodedFrames()).isEqualTo(72);
        assertThat(i.declaredAudioSeconds()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(i.decodedAudioSeconds()).isCloseTo(i.declaredAudioSeconds(), org.assertj.core.data.Offset.offset(0.05));
        assertThat(i.whole()).isTrue();
        assertThat(i.lost()).isEmpty();
    }

    @Test
    void aFileCutShortSaysWhatIsMissing(@TempDir Path dir) throws Exception {
        byte[] whole = Files.readAllBytes(clipWithSound(dir.resolve("a.mp4")));
        Path cut = dir.resolve("cut.mp4");
        Files.write(cut, Arrays.copyOf(whole, whole.length * 2 / 5));
        Integrity i = Integrity.check(cut);
        assertThat(i.declaredFrames()).isEqualTo(72);
        assertThat(i.decodedFrames()).isLessThan(60);
        assertThat(i.whole()).isFalse();
        assertThat(i.lost()).contains("of its 72 frames").contains("s of sound").contains("missing");
    }

    @Test
    void aDamagedPictureIsNotWhole(@TempDir Path dir) throws Exception {
        byte[] bytes = Files.readAllBytes(clipWithSound(dir.resolve("a.mp4")));
        // overwrite the middle of the media data with noise: the index still declares every frame
        java.util.Random r = new java.util.Random(7);
        for (int k = bytes.length / 2; k < bytes.length / 2 + 4000; k++) bytes[k] = (byte) r.nextInt();
        Path bad = dir.resolve("bad.mp4");
        Files.write(bad, bytes);
        Integrity i = Integrity.check(bad);
        assertThat(i.whole()).as(i.toString()).isFalse();
    }

    @Test
    void aFileWithoutItsIndexCannotBeOpened(@TempDir Path dir) throws Exception {
        Path notMedia = dir.resolve("x.mp4");
        Files.writeString(notMedia, "not a film");
        assertThatThrownBy(() -> Integrity.check(notMedia)).isInstanceOf(MediaException.class)
            .hasMessageContaining(notMedia.toString());
    }
}
