package org.cinestack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import org.junit.jupiter.api.Test;

/** Failures are said in words, never as a Java exception's name. */
class FailureWordsTest {
    @Test
    void fileSystemFailuresNameTheFileAndWhatWentWrong() {
        assertThat(FailureWords.of(new NoSuchFileException("/p/a.wav"))).isEqualTo("/p/a.wav: no such file or folder");
        assertThat(FailureWords.of(new UncheckedIOException(new AccessDeniedException("/p/out"))))
            .isEqualTo("/p/out: permission denied");
        assertThat(FailureWords.of(new FileSystemException("/p/a.tmp", "/p/a.mp4", "Is a directory")))
            .isEqualTo("cannot move /p/a.tmp to /p/a.mp4: is a directory");
        assertThat(FailureWords.of(new UncheckedIOException(new MalformedInputException(3))))
            .isEqualTo("a file is not UTF-8 text");
        assertThat(FailureWords.of(new UncheckedIOException("cannot write take 1 of shot a under /p",
            new NoSuchFileException("/p/x")))).isEqualTo("cannot write take 1 of shot a under /p: /p/x: no such file "
            + "or folder");
        assertThat(FailureWords.of(new IllegalStateException("the mix failed"))).isEqualTo("the mix failed");
        assertThat(FailureWords.of(new NullPointerException())).doesNotContain("NullPointerException.")
            .contains("CINESTACK_DEBUG=1");
    }
}
