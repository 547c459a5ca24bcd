package org.cinestack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A failure of the machine is told apart from any other, and named with its fix. */
class EnvironmentProblemTest {

    @Test
    void aMissingJarLibraryAsksForTheBuild() {
        String m = EnvironmentProblem.describe(new RuntimeException("cannot open", new UnsatisfiedLinkError(
            "no jniavformat in java.library.path: /usr/lib")));
        assertThat(m).contains("jniavformat").contains("./mvnw -B -DskipTests package");
    }

    @Test
    void aMissingSystemLibraryIsNamedWithItsPackageSearch() {
        String m = EnvironmentProblem.describe(new UnsatisfiedLinkError("/root/.javacpp/cache/libjniopencv_core.so: "
            + "libstdc++.so.6: cannot open shared object file: No such file or directory"));
        assertThat(m).contains("the system library libstdc++.so.6 is missing").contains("apt-file search libstdc++.so.6");
        assertThat(EnvironmentProblem.describe(new UnsatisfiedLinkError("/x/libavcodec.so.62: /lib/x86_64-linux-gnu/"
            + "libc.so.6: version `GLIBC_2.38' not found"))).contains("GLIBC_2.38");
    }

    @Test
    void aFullDiskSaysSoWhateverSaidIt() {
        assertThat(EnvironmentProblem.describe(new java.io.UncheckedIOException(new java.io.IOException(
            "No space left on device")))).startsWith("the disk is full").contains("cinestack clean");
        assertThat(EnvironmentProblem.describe(new RuntimeException("video encoding failed: "
            + "av_interleaved_write_frame() error -28 while writing video packet"))).startsWith("the disk is full");
        assertThat(EnvironmentProblem.describe(new RuntimeException("error -2812 somewhere"))).isNull();
    }

    @Test
    void otherFailuresAreNotTheMachines() {
        assertThat(EnvironmentProblem.describe(new IllegalStateException("the take is missing"))).isNull();
        assertThat(EnvironmentProblem.describe(new NoClassDefFoundError("com/example/Thing"))).isNull();
    }
}
