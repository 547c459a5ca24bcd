package org.cinestack.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.edit.Clip;
import org.cinestack.edit.Edl;
import org.cinestack.edit.OtioWriter;
import org.cinestack.edit.Timeline;
import org.cinestack.edit.Track;
import org.cinestack.edit.otio.OtioImport;
import org.cinestack.film.BadInputException;

/**
 * An edit made elsewhere comes back: the OTIO (and EDL) a render wrote, reordered and trimmed, re-cuts the master
 * from the same takes, picture and sound.
 */
class RecutTest {

    static FilmRender.Result render(Path dir, Path edit) {
        FilmRender.Options o = new FilmRender.Options(null, 1, "previs", 2, new RenderListener() { });
        return FilmRender.render(dir, edit == null ? o : o.withEdit(edit));
    }

    /** The day shot a and the night shot b, reordered (b first, trimmed to its frames 4..19) and a shortened. */
    static Timeline reordered(Timeline own) {
        List<Clip> c = own.tracks().getFirst().clips();
        Clip a = c.get(0), b = c.get(1);
        return new Timeline(own.name(), own.fps(), List.of(new Track("V1", "Video", List.of(
            new Clip(b.name(), b.media(), 4, 16, b.availableFrames(), b.takeDigest()), Clip.gap(6),
            new Clip(a.name(), a.media(), 0, 20, a.availableFrames(), a.takeDigest())))));
    }

    @Test
    void aReorderedAndTrimmedOtioRecutsTheMaster(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("film.yaml"), GradeRenderTest.TWO_SHOTS.formatted("", "{}"));
        FilmRender.Result own = render(dir, null);
        byte[][] before = GradeRenderTest.frames(own.master(), 320, 180);
        Timeline exported = OtioImport.read(own.otio()).timeline();
        Path edit = dir.resolve("edited.otio");
        OtioWriter.write(reordered(exported), edit);
        FilmRender.Result cut = render(dir, edit);
        assertThat(cut.totalFrames()).isEqualTo(42);
        byte[][] after = GradeRenderTest.frames(cut.master(), 320, 180);
        assertThat(after.length).isEqualTo(42);
        for (int i = 0; i < 16; i++) { // b's frames 4..19, grain aside
            double d = Math.abs(GradeRenderTest.meanLuma(after[i]) - GradeRenderTest.meanLuma(before[24 + 4 + i]));
            assertThat(d).as("recut frame %d against b's frame %d", i, 4 + i).isLessThan(1.5);
        }
        for (int i = 16; i < 22; i++) assertThat(GradeRenderTest.meanLuma(after[i])).as("gap").isLessThan(2);
        for (int i = 22; i < 42; i++) {
            double d = Math.abs(GradeRenderTest.meanLuma(after[i]) - GradeRenderTest.meanLuma(before[i - 22]));
            assertThat(d).as("recut frame %d against a's frame %d", i, i - 22).isLessThan(1.5);
        }
        // the sound is as long as the picture, and the exported timeline is the recut
        org.cinestack.media.MediaInfo info = org.cinestack.media.MediaInfo.probe(cut.master());
        assertThat(info.frameCount()).isEqualTo(42);
        assertThat(OtioImport.read(cut.otio()).timeline().tracks().getFirst().clips()).extracting(Clip::name)
            .containsExactly("b", "gap", "a");
        assertThat(Files.readString(cut.provenance())).contains("cut to the edit edited.otio (SHA-256 ");
        // an edit made on the render's own .otio, in place, is read and left as it is (not written over)
        Files.copy(edit, cut.otio(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String edited = Files.readString(cut.otio());
        FilmRender.Result again = render(dir, cut.otio());
        assertThat(again.warnings()).anyMatch(w -> w.contains("is the edit this render was cut to"));
        assertThat(Files.readString(cut.otio())).isEqualTo(edited);
        // the same edit as an EDL
        Path edl = dir.resolve("edited.edl");
        Edl.write(reordered(exported), edl);
        assertThat(render(dir, edl).totalFrames()).isEqualTo(42);
    }

    @Test
    void anEditNamingNoShotOrOverrunningItsTakeIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("film.yaml"), GradeRenderTest.TWO_SHOTS.formatted("", "{}"));
        FilmRender.Result own = render(dir, null);
        Timeline t = OtioImport.read(own.otio()).timeline();
        Clip a = t.tracks().getFirst().clips().getFirst();
        Path bad = dir.resolve("bad.otio");
        OtioWriter.write(new Timeline("x", 24, List.of(new Track("V1", "Video", List.of(
            new Clip("z9", a.media(), 0, 10, 24, ""), new Clip("a", a.media(), 10, 30, 24, ""))))), bad);
        BadInputException e = org.assertj.core.api.Assertions.catchThrowableOfType(BadInputException.class,
            () -> render(dir, bad));
        assertThat(e.problems()).extracting(org.cinestack.film.Problem::message).satisfiesExactly(
            m -> assertThat(m).contains("clip 'z9' names no shot of the film").contains("known: a, b"),
            m -> assertThat(m).contains("clip 'a' uses frames 10..39 of its take, which has 24"));
        assertThatThrownBy(() -> render(dir, dir.resolve("film.yaml"))).isInstanceOf(BadInputException.class)
            .hasMessageContaining("neither an OpenTimelineIO");
    }
}
