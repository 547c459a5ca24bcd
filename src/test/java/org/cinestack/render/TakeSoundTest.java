package org.cinestack.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.dailies.Dailies;
import org.cinestack.dailies.Expected;
import org.cinestack.media.VideoWriter;
import org.cinestack.shoot.TakeStore;

/**
 * The dailies measure a take's own sound where the model delivered one: a 997 Hz tone at -20 dBFS in both channels
 * reads -20 LUFS by ITU-R BS.1770-4 (its conformance tone: a full-scale one in one channel is -3.01 LUFS, in two
 * 0 LUFS), is written to qa.json and shown in the report; a tone at full scale peaks over EBU R 128's -1 dBTP, a minor
 * defect; a clip without sound has none measured.
 */
class TakeSoundTest {
    static final int FPS = 24, FRAMES = 48, RATE = 48_000;

    static Path take(Path dir, String name, double amplitude) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        VideoWriter.Settings settings = amplitude > 0 ? VideoWriter.Settings.SOCIAL : VideoWriter.Settings.TAKE;
        for (String file : new String[] {"generated.mp4", "take.mp4"}) {
            try (VideoWriter v = new VideoWriter(folder.resolve(file), 64, 36, FPS, false, file.equals("take.mp4")
                ? VideoWriter.Settings.TAKE : settings)) {
                byte[] px = new byte[64 * 36 * 3];
                int perFrame = RATE / FPS;
                float[] sound = new float[2 * perFrame];
                for (int f = 0; f < FRAMES; f++) {
                    java.util.Arrays.fill(px, (byte) (60 + f));
                    v.write(px);
                    if (amplitude > 0 && !file.equals("take.mp4")) {
                        for (int i = 0; i < perFrame; i++) {
                            float s = (float) (amplitude * Math.sin(2 * Math.PI * 997 * (f * perFrame + i) / RATE));
                            sound[2 * i] = s;
                            sound[2 * i + 1] = s;
                        }
                        v.writeAudio(sound, 0, sound.length);
                    }
                }
            }
        }
        return folder;
    }

    static Dailies.Verdict judge(Path folder) throws IOException {
        return Dailies.of(folder, TakeStore.sha256(folder.resolve("take.mp4")), Expected.move("static"), FPS, FRAMES,
            DailiesJobs.sound(folder));
    }

    @Test
    void aTakesOwnSoundIsMeasuredAndKept(@TempDir Path dir) throws IOException {
        Path quiet = take(dir, "quiet", 0.1);
        Dailies.Verdict v = judge(quiet);
        assertThat(v.sound()).isNotNull();
        assertThat(v.sound().integratedLufs()).isCloseTo(-20, within(1.0));
        assertThat(v.sound().truePeakDbtp()).isLessThan(-1);
        assertThat(v.defects()).noneMatch(d -> d.metric().equals("sound"));
        JsonNode qa = JsonMapper.builder().build().readTree(quiet.resolve("qa.json").toFile());
        assertThat(qa.at("/sound/integratedLufs").asDouble()).isCloseTo(-20, within(1.0));
        Dailies.Verdict again = judge(quiet);
        assertThat(again.cached()).isTrue();
        assertThat(again.sound()).isEqualTo(v.sound());

        Dailies.Verdict loud = judge(take(dir, "loud", 1.0));
        assertThat(loud.defects()).anySatisfy(d -> {
            assertThat(d.metric()).isEqualTo("sound");
            assertThat(d.severity()).isEqualTo(org.cinestack.dailies.Defect.Severity.MINOR);
            assertThat(d.words()).contains("dBTP");
        });

        assertThat(judge(take(dir, "mute", 0)).sound()).as("a clip without a sound track").isNull();
    }
}
