package org.cinestack.dailies;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.film.ShotSize;
import org.cinestack.media.VideoReader;
import org.cinestack.media.VideoWriter;
import org.cinestack.plan.Framing;

/**
 * Faces, framing and cuts on real footage: Megamind.avi from Debian's opencv-doc (shot and reverse shot of two
 * faces; skipped when not installed). A close-up reframed as a wide shot and a subject on the wrong side are caught
 * by the framing alone; the clean close-up passes; the clip's cuts are found and judged by their five elements.
 */
class FramingAndCutsTest {
    static final Path MEGAMIND = Path.of("/usr/share/doc/opencv-doc/examples/data/Megamind.avi");
    @TempDir
    static Path dir;
    /** Frames 156-199 of Megamind.avi: one shot, a man's face toward the camera, right of centre. */
    private static final List<byte[]> CLOSE = new ArrayList<>();
    private static int w, h;

    /** Shots cut out of the clip: her (frames 10-50 and 55-96), him (178-199, the second half of his close-up). */
    private static Path her, herAgain, him;

    @BeforeAll
    static void read() {
        Assumptions.assumeTrue(Files.isRegularFile(MEGAMIND), "Debian's opencv-doc is not installed");
        her = dir.resolve("her.mp4");
        herAgain = dir.resolve("her-again.mp4");
        him = dir.resolve("him.mp4");
        try (VideoReader r = new VideoReader(MEGAMIND)) {
            w = r.width();
            h = r.height();
            try (VideoWriter a = new VideoWriter(her, w, h, 24, false, VideoWriter.Settings.TAKE);
                 VideoWriter b = new VideoWriter(herAgain, w, h, 24, false, VideoWriter.Settings.TAKE);
                 VideoWriter c = new VideoWriter(him, w, h, 24, false, VideoWriter.Settings.TAKE)) {
                byte[] f = new byte[w * h * 3];
                for (int i = 0; r.next(f); i++) {
                    if (i >= 156 && i < 200) CLOSE.add(f.clone());
                    if (i >= 10 && i <= 50) a.write(f);
                    if (i >= 55 && i <= 96) b.write(f);
                    if (i >= 178 && i <= 199) c.write(f);
                }
            }
        }
    }

    private static List<byte[]> faces(Path clip, int frames) {
        return Dailies.measure(clip, 24, frames, Expected.move("")).faces();
    }

    @Test
    void aFaceSwappedBetweenShotsIsFoundByItsLikenessToTheOtherCast() {
        // his close-up's first half establishes him; its second half stands in for a take of her that shows him
        Path his = dir.resolve("his-first-half.mp4");
        try (VideoWriter v = new VideoWriter(his, w, h, 24, false, VideoWriter.Settings.TAKE)) {
            for (byte[] f : CLOSE.subList(0, 22)) v.write(f);
        }
        List<byte[]> herFaces = faces(her, 41), hisFaces = faces(his, 22);
        List<byte[]> again = faces(herAgain, 42), swapped = faces(him, 22);
        assertThat(List.of(herFaces.size(), hisFaces.size(), again.size(), swapped.size()))
            .as("faces are found in every shot").allMatch(n -> n >= 3);
        Map<String, Defect> same = Identity.judge(List.of(new Identity.Faces("s1", "her", herFaces),
            new Identity.Faces("s2", "him", hisFaces), new Identity.Faces("s3", "her", again)));
        assertThat(same).as("her again is her").isEmpty();
        Map<String, Defect> swap = Identity.judge(List.of(new Identity.Faces("s1", "her", herFaces),
            new Identity.Faces("s2", "him", hisFaces), new Identity.Faces("s3", "her", swapped)));
        assertThat(swap).containsOnlyKeys("s3");
        assertThat(swap.get("s3").words()).startsWith("the face looks like him in ");
        assertThat(Identity.judge(List.of(new Identity.Faces("s1", "her", herFaces),
            new Identity.Faces("s3", "her", swapped)))).as("with one cast member there is no one to look like")
            .isEmpty();
    }

    /** @return a clip of the close-up with each frame changed */
    private static Path clip(String name, BiConsumer<byte[], byte[]> change) {
        Path out = dir.resolve(name + ".mp4");
        byte[] to = new byte[w * h * 3];
        try (VideoWriter v = new VideoWriter(out, w, h, 24, false, VideoWriter.Settings.TAKE)) {
            for (byte[] f : CLOSE) {
                change.accept(f, to);
                v.write(to);
            }
        }
        return out;
    }

    private static Dailies.Measured measure(Path clip, ShotSize size, String screen) {
        return Dailies.measure(clip, 24, CLOSE.size(), new Expected("", Framing.headFill(size), screen));
    }

    private static List<String> majors(Dailies.Measured m) {
        return m.verdict().defects().stream().filter(d -> d.severity() == Defect.Severity.MAJOR)
            .map(Defect::metric).toList();
    }

    @Test
    void theCloseUpFramesAsACloseUpAndNoMajorFlagFires() {
        Dailies.Measured m = measure(clip("clean", (f, t) -> System.arraycopy(f, 0, t, 0, f.length)),
            ShotSize.CLOSE_UP, "center");
        assertThat(m.verdict().sightings().stream().filter(s -> s.face().isPresent()).count()).as("faces found")
            .isGreaterThanOrEqualTo(2);
        assertThat(majors(m)).as(m.verdict().defects().toString()).isEmpty();
        assertThat(m.verdict().defects()).noneMatch(d -> d.metric().equals("framing"));
    }

    @Test
    void aCloseUpThatFramesLikeAWideShotIsRejectedForItsFraming() {
        // the picture shrunk to a quarter of its height (each pixel the mean of 4 x 4) in the middle of a black frame
        int s = 4;
        Path small = clip("wide", (f, t) -> {
            java.util.Arrays.fill(t, (byte) 0);
            for (int y = 0; y < h / s; y++) {
                for (int x = 0; x < w / s; x++) {
                    int o = ((y + h * 3 / 8) * w + x + w * 3 / 8) * 3;
                    for (int c = 0; c < 3; c++) {
                        int sum = 0;
                        for (int yy = 0; yy < s; yy++) {
                            for (int xx = 0; xx < s; xx++) sum += f[((y * s + yy) * w + x * s + xx) * 3 + c] & 255;
                        }
                        t[o + c] = (byte) (sum / (s * s));
                    }
                }
            }
        });
        Dailies.Measured m = measure(small, ShotSize.CLOSE_UP, "");
        assertThat(m.verdict().sightings().stream().filter(x -> x.face().isPresent()).count())
            .as("the small faces are found: " + m.verdict().sightings()).isGreaterThanOrEqualTo(2);
        assertThat(majors(m)).as(m.verdict().defects().toString()).containsExactly("framing");
        assertThat(m.verdict().defects().getFirst().words()).startsWith("it frames like a ").contains("where the "
            + "shot's size asks for about 44 %");
    }

    @Test
    void aSubjectOnTheWrongSideIsRejectedAndTheMirroredTakePasses() {
        // the picture moved a fifth of its width right (grey on the left): the face stands right of centre
        int shift = w / 5;
        Path right = clip("right", (f, t) -> {
            java.util.Arrays.fill(t, (byte) 60);
            for (int y = 0; y < h; y++) System.arraycopy(f, y * w * 3, t, (y * w + shift) * 3, (w - shift) * 3);
        });
        Dailies.Measured wrong = measure(right, ShotSize.CLOSE_UP, "left");
        assertThat(majors(wrong)).as(wrong.verdict().defects().toString()).containsExactly("screen");
        assertThat(majors(measure(right, ShotSize.CLOSE_UP, "right"))).isEmpty();
        Path mirrored = clip("mirrored", (f, t) -> {
            java.util.Arrays.fill(t, (byte) 60);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w - shift; x++) {
                    System.arraycopy(f, (y * w + x) * 3, t, (y * w + w - 1 - x - shift) * 3, 3);
                }
            }
        });
        assertThat(majors(measure(mirrored, ShotSize.CLOSE_UP, "left"))).isEmpty();
    }

    @Test
    void theCutsOfAnEditedClipAreFoundAndJudgedByTheirFiveElements() {
        Dailies.Measured m = Dailies.measure(MEGAMIND, 24, 270, Expected.move(""));
        List<Integer> cuts = m.verdict().metrics().cuts().stream().map(TakeMetrics.Cut::frame).toList();
        // the shots of the clip change at frames 98, 154 and 200 (and the first frame is black)
        assertThat(cuts).contains(98, 154, 200);
        assertThat(m.cuts()).hasSize(cuts.size());
        assertThat(m.cuts()).allSatisfy(t -> assertThat(t.changes()).extracting(Transition.Change::element)
            .containsExactly("gaze", "light", "grain", "contrast", "speed"));
        assertThat(m.verdict().sightings().stream().filter(s -> s.face().isPresent()).count())
            .as("faces are found").isGreaterThanOrEqualTo(2);
        assertThat(m.cuts().stream().map(Transition::gazeSeen)).as("the faces' sides either side of a cut")
            .contains(true);
    }
}
