package org.cinestack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.media.AudioDecoder;
import org.cinestack.media.MediaInfo;
import org.cinestack.mix.LoudnessMeter;

/**
 * The packaged application on a machine without PulseAudio or espeak-ng: a small film with dialogue renders in a child
 * JVM started from the jar (and its lib/ folder) as the launcher starts it, with no program on its PATH. At the end the
 * process has mapped neither libavdevice nor libpulse, and the dialogue stem has speech where the lines are.
 */
class BareMachineIT {
    private static final String FILM = """
        title: Probe
        seed: 5
        format: {aspect: 1.78, width: 320, height: 180, fps: 24}
        deliver: [master, web]
        watermark: AI-generated
        cast:
          - {id: ana, name: Ana, voice: en+f3, pitch: 60}
          - {id: ben, name: Ben, rate: 150}
        scenes:
          - id: s
            heading: INT. KITCHEN - NIGHT
            shots:
              - {id: a, size: ms, subject: ana, duration: 3, dialogue: [{character: ana, line: "Where is the lamp?"}]}
              - {id: b, size: ms, subject: ben, duration: 3, dialogue: [{character: ben, line: "It went out."}]}
        """;

    @Test
    void rendersWithoutSystemLibrariesAndSpeaks(@TempDir Path dir) throws Exception {
        Path film = dir.resolve("film.yaml");
        Files.writeString(film, FILM);
        Path maps = dir.resolve("maps.txt"), emptyPath = Files.createDirectories(dir.resolve("no-programs"));
        String jar = System.getProperty("cinestack.jar", "target/cinestack-0.1.0-SNAPSHOT.jar");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx1g", "-cp",
            jar + ":target/test-classes", ProcessMaps.class.getName(), maps.toString(), "render", film.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PATH", emptyPath.toString()); // no espeak-ng, no ffmpeg: nothing from the system
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        assertThat(log).doesNotContain("Exception").contains("built-in voice");

        List<String> mapped = Files.readAllLines(maps).stream().filter(l -> l.contains(".so")).toList();
        assertThat(mapped).as("shared libraries mapped").anyMatch(l -> l.contains("libavformat"));
        assertThat(mapped).noneMatch(l -> l.contains("libavdevice")).noneMatch(l -> l.contains("libpulse"))
            .noneMatch(l -> l.contains("libespeak"));

        assertThat(MediaInfo.probe(dir.resolve("out/probe.web.mp4")).frameCount()).isEqualTo(144); // font drawn
        MediaInfo master = MediaInfo.probe(dir.resolve("out/probe.mp4"));
        assertThat(master.frameCount()).isEqualTo(144);
        assertThat(master.audioCodec()).isEqualTo("aac");

        // speech where the lines are (0.3 s into each shot), silence between them
        float[] dialogue = AudioDecoder.decodeMono(dir.resolve("out/probe.dialogue.wav"), 48_000);
        double first = loudness(dialogue, 0.3, 0.9), second = loudness(dialogue, 3.3, 3.9);
        double between = loudness(dialogue, 2.1, 3.2);
        System.out.printf(Locale.ROOT, "dialogue stem: lines at %.1f and %.1f LUFS, between them %.1f LUFS%n",
            first, second, between);
        assertThat(first).isGreaterThan(-40);
        assertThat(second).isGreaterThan(-40);
        assertThat(Math.min(first, second) - between).as("LU above the silence between lines").isGreaterThan(20);
    }

    @Test
    void aMissingNativeLibraryIsOneMessageWithItsFixAndExitCode3(@TempDir Path dir) throws Exception {
        Path film = dir.resolve("film.yaml");
        Files.writeString(film, FILM);
        Path lib = Path.of(System.getProperty("cinestack.jar", "target/cinestack-0.1.0-SNAPSHOT.jar"))
            .resolveSibling("lib");
        StringBuilder cp = new StringBuilder("target/classes");
        try (var jars = Files.list(lib)) { // the application without FFmpeg's native libraries for this platform
            jars.filter(j -> !j.getFileName().toString().matches("ffmpeg-.*-linux-x86_64.*\\.jar"))
                .forEach(j -> cp.append(':').append(j));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", cp.toString(),
            "org.cinestack.cli.Main", "render", film.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(log).isEqualTo(3);
        assertThat(log).contains("error: a native library could not be loaded", "./mvnw -B -DskipTests package")
            .doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** Loudness of a window, LUFS after BS.1770 (gated as an integrated measurement); -infinity for silence. */
    private static double loudness(float[] mono, double fromSeconds, double toSeconds) {
        int a = (int) (fromSeconds * 48_000), b = (int) (toSeconds * 48_000);
        LoudnessMeter m = new LoudnessMeter(48_000, LoudnessMeter.weightsFor(1));
        m.add(new float[][] {java.util.Arrays.copyOfRange(mono, a, b)}, b - a);
        return m.result().integratedLufs();
    }
}
