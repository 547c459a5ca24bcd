package org.cinestack.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.edit.Clip;
import org.cinestack.edit.Timeline;
import org.cinestack.edit.Track;
import org.cinestack.finish.CubeLut;
import org.cinestack.finish.Grade;
import org.cinestack.finish.Grain;

/** A reframed deliverable is made of cached segments: changing one shot's grade encodes that shot alone. */
class ReframedTest {

    @Test
    void changingOneShotsGradeEncodesThatShotAlone(@TempDir Path dir) throws Exception {
        Timeline t = new Timeline("t", 24, List.of(new Track("V1", "Video", List.of(
            new Clip("a", MasterTest.take(dir, "a", 20, 40), 2, 14, 20, "da"), Clip.gap(4),
            new Clip("b", MasterTest.take(dir, "b", 12, 120), 0, 12, 12, "db")))));
        float[] stereo = new float[2 * 48_000 * 30 / 24];
        Grain grain = new Grain(0.3, 5, Grain.Stock.VISION3_500T);
        Path segments = dir.resolve("segments");
        Optional<CubeLut> warm = Optional.of(new Grade(0, 0, 0, Optional.empty(), Optional.of(Grade.Preset.WARM_NOIR),
            Optional.empty()).compile(17));
        Reframed.Result first = Reframed.encode(t, Arrays.asList(null, null, null), Arrays.asList(null, null, null),
            54, 96, List.of(Optional.empty(), Optional.empty(), Optional.empty()), grain, stereo, "", dir.resolve(
                "v1.mp4"), segments, f -> { });
        assertThat(first.encodedShots()).isEqualTo(3);
        assertThat(first.crops()).hasSize(3);
        Reframed.Result second = Reframed.encode(t, Arrays.asList(null, null, null), Arrays.asList(null, null, null),
            54, 96, List.of(Optional.empty(), Optional.empty(), warm), grain, stereo, "", dir.resolve("v2.mp4"),
            segments, f -> { });
        assertThat(second.encodedShots()).isEqualTo(1);
        assertThat(second.reusedShots()).isEqualTo(2);
        assertThat(MasterTest.probe(dir.resolve("v2.mp4"))).contains("h264").contains("54,96").contains(",30");
        byte[] one = MasterTest.yuv420(dir.resolve("v1.mp4")), two = MasterTest.yuv420(dir.resolve("v2.mp4"));
        int frame = 54 * 96 * 3 / 2;
        assertThat(Arrays.copyOf(two, 18 * frame)).isEqualTo(Arrays.copyOf(one, 18 * frame)); // a and the gap
        assertThat(Arrays.copyOfRange(two, 18 * frame, 30 * frame))
            .isNotEqualTo(Arrays.copyOfRange(one, 18 * frame, 30 * frame)); // b, graded now
    }
}
