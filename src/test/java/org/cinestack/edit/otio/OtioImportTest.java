package org.cinestack.edit.otio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.cinestack.edit.Clip;
import org.cinestack.edit.OtioWriter;
import org.cinestack.edit.Timeline;
import org.cinestack.edit.Track;

/**
 * An edit made elsewhere comes back: our own OTIO imports to the same timeline, the screening example to the clips it
 * holds, nested stacks flatten to what is seen, and what our timeline cannot hold is said.
 */
class OtioImportTest {

    static OtioImport.Imported imported(String json, Path folder) throws OtioFormatException {
        return OtioImport.toTimeline((org.cinestack.edit.otio.Timeline) OtioReader.parse(json, "t.otio").root(),
            folder);
    }

    static Timeline ours(Path dir) {
        return new Timeline("The Last Lamp", 24, List.of(
            new Track("V1", "Video", List.of(
                new Clip("s1-tower", dir.resolve("takes/ab/1/take.mp4"), 0, 62, 62, "sha256:ab"),
                Clip.gap(12),
                new Clip("s2-walk", dir.resolve("takes/cd/1/take.mp4"), 5, 90, 120, "sha256:cd"),
                new Clip("s3 mara", dir.resolve("takes/ef 2/take.mp4"), 0, 3700, 3700, "sha256:ef"))),
            new Track("A1", "Audio", List.of(Clip.gap(24),
                new Clip("room tone", dir.resolve("assets/room.wav"), 48, 100, 480, "")))));
    }

    @Test
    void ourOtioImportsBackToTheSameTimeline(@TempDir Path dir) throws Exception {
        Timeline t = ours(dir);
        Path file = dir.resolve("out/the-last-lamp.otio");
        Files.createDirectories(file.getParent());
        OtioWriter.write(t, file); // media relative to out/
        OtioImport.Imported back = OtioImport.read(file);
        assertThat(back.warnings()).isEmpty();
        assertThat(back.timeline()).isEqualTo(t);
        // without a base, OtioWriter writes file: URLs, which need no folder
        Timeline fromUrls = imported(OtioWriter.toJson(t, null), null).timeline();
        assertThat(fromUrls).isEqualTo(t);
    }

    @Test
    void theScreeningExampleGivesItsNineShots() throws Exception {
        Path file = OtioSamples.CORE.resolve("screening_example.otio");
        assumeTrue(Files.exists(file), "shared/material/otio is absent: skipping");
        OtioImport.Imported in = OtioImport.read(file);
        Timeline t = in.timeline();
        assertThat(t.name()).isEqualTo("Example_Screening.01");
        assertThat(t.fps()).isEqualTo(24);
        assertThat(t.tracks()).singleElement().satisfies(v -> {
            assertThat(v.name()).isEqualTo("V");
            assertThat(v.durationFrames()).isEqualTo(1049);
        });
        List<Clip> clips = t.tracks().getFirst().clips();
        JsonNode kids = OtioJson.MAPPER.readTree(file.toFile()).at("/tracks/children/0/children");
        assertThat(clips).hasSize(9).hasSize(kids.size());
        for (int i = 0; i < kids.size(); i++) {
            assertThat(clips.get(i).name()).isEqualTo(kids.get(i).path("name").asString());
            assertThat(clips.get(i).sourceStartFrame()).isEqualTo(kids.get(i).at("/source_range/start_time/value")
                .asInt());
            assertThat(clips.get(i).durationFrames()).isEqualTo(kids.get(i).at("/source_range/duration/value").asInt());
            assertThat(clips.get(i).media()).as("MissingReference: no media").isNull();
        }
        assertThat(clips.getFirst()).isEqualTo(new Clip("ZZ100_501 (LAY3)", null, 86501, 31, 86532, ""));
        assertThat(clips.get(3).name()).isEqualTo("ZZ100_504C (LAY1)");
        assertThat(clips.get(3).durationFrames()).isEqualTo(115);
        assertThat(in.warnings()).contains(
            "track \"V\" has a source_range (from frame -86243, 1049 frames) that shows none of its 1049 frames of "
                + "content: it is ignored, and the whole track imported",
            "track \"V\" > clip \"ZZ100_504C (LAY1)\" has 2 markers (\"ANIM FIX NEEDED\", \"ANIM FIX NEEDED\"), "
                + "which our timeline does not keep",
            "track \"V\" > clip \"ZZ100_501 (LAY3)\" has missing media (a MissingReference): the clip is kept by "
                + "name, without media (a gap until it is relinked)");
        assertThat(in.warnings()).filteredOn(w -> w.contains("missing media")).hasSize(9);
    }

    @Test
    void nestedStacksAndTracksFlattenToWhatIsSeen() throws Exception {
        Path file = OtioSamples.CORE.resolve("nested_example.otio");
        assumeTrue(Files.exists(file), "shared/material/otio is absent: skipping");
        OtioImport.Imported in = OtioImport.read(file);
        List<Clip> clips = in.timeline().tracks().getFirst().clips();
        assertThat(clips).extracting(Clip::name, Clip::sourceStartFrame, Clip::durationFrames).containsExactly(
            tuple("Normal Clip 1", 135, 238),
            tuple("Clip Inside A Stack 1", 373, 31),
            tuple("Normal Clip 2", 101, 33),
            tuple("Clip Inside A Stack 2", 429, 24),
            tuple("gap", 0, 5),
            tuple("Normal Clip 3", 179, 63),
            tuple("Clip Inside A Track", 471, 1),
            tuple("gap", 0, 3),
            tuple("Normal Clip 4", 135, 238));
        assertThat(in.timeline().tracks().getFirst().durationFrames()).isEqualTo(238 + 31 + 33 + 29 + 63 + 4 + 238);
        assertThat(in.warnings()).contains(
            "track \"Top Level Track\" > stack \"Nested Stack 1\" is a nested stack: flattened to its top visible "
                + "layer at each frame",
            "track \"Top Level Track\" > stack \"Nested Stack 2 (with effects)\" has a speed change (x0.855), not "
                + "applied: it plays at normal speed",
            "track \"Top Level Track\" > track \"Nested Track\" is a track inside a track: its clips are placed in the "
                + "outer track",
            "track \"Top Level Track\" > track \"Nested Track\" has a freeze frame, not applied: it plays at normal "
                + "speed");
    }

    @Test
    void aTopLayerCoversTheLayersBelowIt() throws Exception {
        String a = OtioText.clip("A", 100, 48, 24, OtioText.external("/m/a.mov"));
        String b = OtioText.clip("B", 500, 12, 24, OtioText.external("/m/b.mov"));
        String stack = "{\"OTIO_SCHEMA\": \"Stack.1\", \"name\": \"comp\", \"children\": [" + a + ",\n"
            + "{\"OTIO_SCHEMA\": \"Track.1\", \"kind\": \"Video\", \"children\": [{\"OTIO_SCHEMA\": \"Gap.1\", "
            + "\"source_range\": " + OtioText.range(0, 10, 24) + "}, " + b + "]}]}";
        List<Clip> clips = imported(OtioText.timeline(stack), null).timeline().tracks().getFirst().clips();
        assertThat(clips).extracting(Clip::name, Clip::sourceStartFrame, Clip::durationFrames).containsExactly(
            tuple("A", 100, 10),
            tuple("B", 500, 12),
            tuple("A", 122, 26));
        assertThat(clips.get(2).availableFrames()).isEqualTo(148);
    }

    @Test
    void transitionsAreReadAsCutsAndSaidSo() throws Exception {
        Path file = OtioSamples.CORE.resolve("transition_test.otio");
        assumeTrue(Files.exists(file), "shared/material/otio is absent: skipping");
        OtioImport.Imported in = OtioImport.read(file);
        assertThat(in.timeline().tracks().getFirst().clips()).extracting(Clip::name, Clip::durationFrames)
            .containsExactly(tuple("A", 50), tuple("B", 50),
                tuple("C", 50));
        assertThat(in.warnings()).filteredOn(w -> w.contains("is read as a cut")).containsExactly(
            "track \"Sequence1\" > transition \"t0\" (SMPTE_Dissolve, 10 frames before the cut and 10 after) between "
                + "the track's start and clip \"A\" is read as a cut",
            "track \"Sequence1\" > transition \"t1\" (SMPTE_Dissolve, 10 frames before the cut and 10 after) between "
                + "clip \"A\" and clip \"B\" is read as a cut",
            "track \"Sequence1\" > transition \"t3\" (SMPTE_Dissolve, 10 frames before the cut and 10 after) between "
                + "clip \"C\" and the track's end is read as a cut");
    }

    @Test
    void mixedRatesAreCountedAtTheRateOfMostItemsAndSaid() throws Exception {
        String missing = "{\"OTIO_SCHEMA\": \"MissingReference.1\"}";
        OtioImport.Imported in = imported(OtioText.timeline(String.join(",\n",
            OtioText.clip("a", 0, 48, 24, missing), OtioText.clip("b", 0, 25, 25, missing),
            OtioText.clip("c", 0, 24, 24, missing), OtioText.clip("d", 0, 10, 25, missing),
            "{\"OTIO_SCHEMA\": \"Gap.1\", \"source_range\": " + OtioText.range(0, 12, 24) + "}")), null);
        assertThat(in.timeline().fps()).isEqualTo(24);
        assertThat(in.timeline().tracks().getFirst().clips()).extracting(Clip::durationFrames)
            .containsExactly(48, 24, 24, 10, 12);
        assertThat(in.warnings()).contains(
            "the timeline mixes frame rates: 24 fps (3 items), 25 fps (2 items: clip \"b\", clip \"d\"); all are "
                + "counted at 24 fps, rounded to whole frames",
            "track \"V1\" > clip \"d\" has a time of 10 frames at 25 fps, 9.600 frames at 24 fps: rounded to 10");
    }

    @Test
    void aNonWholeRateIsCountedAsTheNearestWholeOne() throws Exception {
        double ntsc = 24000.0 / 1001;
        OtioImport.Imported in = imported(OtioText.timeline(OtioText.clip("a", 0, 48, ntsc,
            "{\"OTIO_SCHEMA\": \"MissingReference.1\"}")), null);
        assertThat(in.timeline().fps()).isEqualTo(24);
        assertThat(in.timeline().tracks().getFirst().clips().getFirst().durationFrames()).isEqualTo(48);
        assertThat(in.warnings()).contains("the timeline runs at 23.976 fps; our timeline's rate is a whole number, so "
            + "it says 24 fps: frame counts are kept, and times run 0.10% fast");
    }

    @Test
    void mediaUrlsBecomePaths(@TempDir Path dir) throws Exception {
        OtioImport.Imported in = imported(OtioText.timeline(String.join(",\n",
            OtioText.clip("rel", 0, 1, 24, OtioText.external("media/a b.mov")),
            OtioText.clip("url", 0, 1, 24, OtioText.external("file:///shots/sh010/b%20c.mov")),
            OtioText.clip("host", 0, 1, 24, OtioText.external("file://localhost/D%3a/media/c.mov")),
            OtioText.clip("abs", 0, 1, 24, OtioText.external("/shots/d.mov")),
            OtioText.clip("web", 0, 1, 24, OtioText.external("https://example.com/e.mov")),
            "{\"OTIO_SCHEMA\": \"Clip.2\", \"name\": \"off\", \"enabled\": false, \"source_range\": "
                + OtioText.range(0, 2, 24) + ", \"media_references\": {}, \"active_media_reference_key\": \"x\"}")),
            dir);
        assertThat(in.timeline().tracks().getFirst().clips()).extracting(Clip::media).containsExactly(
            dir.resolve("media/a b.mov"), Path.of("/shots/sh010/b c.mov"), Path.of("D:/media/c.mov"),
            Path.of("/shots/d.mov"), null, null);
        assertThat(in.timeline().tracks().getFirst().clips().getLast()).isEqualTo(Clip.gap(2));
        assertThat(in.warnings()).containsExactly(
            "track \"V1\" > clip \"web\" has media at \"https://example.com/e.mov\", not a local file: the clip is "
                + "kept by name, without media (a gap until it is relinked)",
            "track \"V1\" > clip \"off\" is switched off (enabled false): read as a gap");
    }

    static Stream<Path> samples() throws IOException {
        return OtioSamples.all();
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true) // none without shared/material
    @MethodSource("samples")
    void everySharedSampleImports(Path file) throws Exception {
        OtioImport.Imported in = OtioImport.read(file);
        Timeline t = in.timeline();
        assertThat(t.fps()).isIn(24, 30);
        assertThat(t.tracks()).isNotEmpty().allSatisfy(track -> assertThat(track.clips())
            .allSatisfy(c -> assertThat(c.durationFrames()).isPositive()));
        long tracks = OtioJson.MAPPER.readTree(Files.readString(file).replaceAll("(?<![\\w\"])-?Inf(inity)?(?![\\w\"])",
            "0").replace("NaN", "0")).at("/tracks/children").size();
        assertThat(t.tracks()).hasSize((int) tracks);
    }
}
