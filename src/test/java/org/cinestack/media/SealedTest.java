package org.cinestack.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cached file is served only after it decoded whole when it was made, and only while it keeps that size. */
class SealedTest {
    @Test
    void aFileIsTrustedOnlyWithItsCheckAndItsSize(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("k.mp4");
        Path staged = Staging.beside(target);
        assertThat(staged.getFileName().toString()).startsWith("k.mp4.").endsWith(".tmp.mp4");
        assertThat(Staging.isStaged(staged.getFileName().toString())).isTrue();
        IntegrityTest.clipWithSound(staged);
        assertThat(Sealed.trusted(target)).isFalse();
        Sealed.place(staged, target, 72);
        assertThat(staged).doesNotExist();
        assertThat(Sealed.trusted(target)).isTrue();

        byte[] bytes = Files.readAllBytes(target);
        Files.write(target, Arrays.copyOf(bytes, bytes.length - 1000)); // cut short after its check
        assertThat(Sealed.trusted(target)).isFalse();

        Files.write(target, bytes);
        Files.delete(Sealed.record(target)); // made by someone else, or its record never written
        assertThat(Sealed.trusted(target)).isFalse();
    }

    @Test
    void aFileThatFailsItsCheckIsNeverPlaced(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("k.mp4");
        Path staged = IntegrityTest.clipWithSound(Staging.beside(target));
        assertThatThrownBy(() -> Sealed.place(staged, target, 96)).isInstanceOf(MediaException.class)
            .hasMessageContaining("72 frames decode of the 96").hasMessageContaining(target.toString());
        assertThat(staged).doesNotExist();
        assertThat(target).doesNotExist();

        Path cut = Staging.beside(target);
        byte[] whole = Files.readAllBytes(IntegrityTest.clipWithSound(dir.resolve("w.mp4")));
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> Sealed.place(cut, target, -1)).isInstanceOf(MediaException.class)
            .hasMessageContaining("missing");
        assertThat(target).doesNotExist();
    }

    @Test
    void stagedNamesAreRecognisedAndOthersAreNot() {
        assertThat(Staging.isStaged("k.mp4.123.tmp.mp4")).isTrue();
        assertThat(Staging.isStaged("film.otio.9.tmp.otio")).isTrue();
        assertThat(Staging.isStaged("x.tmp")).isTrue();
        assertThat(Staging.isStaged(".tmp-3-8812")).isTrue();
        assertThat(Staging.isStaged("k.mp4")).isFalse();
        assertThat(Staging.isStaged("take.json")).isFalse();
        assertThat(Staging.isStaged("tmp.mp4")).isFalse();
    }
}
