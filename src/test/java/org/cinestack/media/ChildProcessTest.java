package org.cinestack.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Children never outlive Cinestack: not a timeout, not an exit, not a {@code kill -9} of the JVM. */
class ChildProcessTest {
    /** Started in a JVM of its own: starts {@code sleep 300} through {@link ChildProcess}, prints its pid, waits. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            Process p = ChildProcess.start(List.of("sleep", "300"));
            System.out.println(p.pid());
            System.out.flush();
            Thread.sleep(300_000);
        }
    }

    private static long startHolder(Process[] jvm) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        jvm[0] = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Holder.class.getName())
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String line = new BufferedReader(new InputStreamReader(jvm[0].getInputStream())).readLine();
        return Long.parseLong(line.strip());
    }

    private static boolean goneWithin(long pid, Duration d) throws InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < end) {
            if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) return true;
            Thread.sleep(50);
        }
        return false;
    }

    @Test
    void aChildDiesWithTheJvmEvenByKillNine() throws Exception {
        Process[] jvm = new Process[1];
        long child = startHolder(jvm);
        try {
            assertThat(ProcessHandle.of(child)).isPresent();
            assertThat(ProcessHandle.of(child).get().isAlive()).isTrue();
            jvm[0].destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(jvm[0].waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(goneWithin(child, Duration.ofSeconds(10))).as("sleep %d outlived its JVM", child).isTrue();
        } finally {
            ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aChildDiesWithTheJvmOnANormalStop() throws Exception {
        Process[] jvm = new Process[1];
        long child = startHolder(jvm);
        try {
            jvm[0].destroy(); // SIGTERM: the shutdown hook kills the child
            assertThat(jvm[0].waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(goneWithin(child, Duration.ofSeconds(10))).isTrue();
        } finally {
            ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aChildThatTakesTooLongIsStoppedAndNamed() {
        long before = System.nanoTime();
        assertThatThrownBy(() -> ChildProcess.run(List.of("sleep", "30"), Duration.ofMillis(300)))
            .isInstanceOf(IOException.class).hasMessageContaining("sleep did not finish within");
        assertThat((System.nanoTime() - before) / 1e9).isLessThan(20);
    }

    @Test
    void outputAndExitCodeComeBackAndAMissingProgramIsAnIoError() throws Exception {
        ChildProcess.Result r = ChildProcess.run(List.of("sh", "-c", "echo said; exit 3"), Duration.ofSeconds(10));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.output()).isEqualTo("said\n");
        assertThatThrownBy(() -> ChildProcess.run(List.of("no-such-program-here"), Duration.ofSeconds(5)))
            .isInstanceOf(IOException.class).hasMessageContaining("no-such-program-here");
    }
}
