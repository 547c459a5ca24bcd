package org.cinestack.edit.otio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.film.Problem;

/**
 * The reader types what the samples hold, keeps what it does not know, and reports bad input with its line, column
 * and fix, all problems at once.
 */
class OtioReaderTest {
    static List<Problem> problems(String json) {
        try {
            OtioReader.parse(json, "edit.otio");
        } catch (OtioFormatException e) {
            assertThat(e.getStackTrace()).as("a user's mistake carries no stack trace").isEmpty();
            assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems().stream().map(Problem::toString)
                .toList()));
            return e.problems();
        }
        throw new AssertionError("no problem found in " + json);
    }

    @Test
    void typesTheNestedExample() throws Exception {
        Path file = OtioSamples.CORE.resolve("nested_example.otio");
        assumeTrue(Files.exists(file), "shared/material/otio is absent: skipping");
        Timeline t = (Timeline) OtioReader.read(file).root();
        Track top = (Track) t.tracks().children().getFirst();
        assertThat(top.children()).extracting(OtioObject::schema).containsExactly("Clip.1", "Stack.1", "Clip.1",
            "Stack.1", "Clip.1", "Track.1", "Clip.1");
        Stack withEffects = (Stack) top.children().get(3);
        assertThat(withEffects.effects()).singleElement().isInstanceOfSatisfying(Effect.LinearTimeWarp.class,
            w -> assertThat(w.timeScalar()).isEqualTo(0.8545454551724138));
        Clip normal = (Clip) top.children().getFirst();
        assertThat(normal.sourceRange()).isEqualTo(new TimeRange(new RationalTime(135, 24), new RationalTime(238, 24)));
        assertThat(normal.mediaReference()).isInstanceOf(MissingReference.class);
        assertThat(((Track) top.children().get(5)).effects()).singleElement().isInstanceOf(Effect.FreezeFrame.class);
    }

    @Test
    void typesMarkersColoursBoundsAndGenerators() throws Exception {
        assumeTrue(Files.isDirectory(OtioSamples.CORE), "shared/material/otio is absent: skipping");
        Timeline screening = (Timeline) OtioReader.read(OtioSamples.CORE.resolve("screening_example.otio")).root();
        Clip c = (Clip) ((Track) screening.tracks().children().getFirst()).children().get(3);
        assertThat(c.markers()).extracting(Marker::name, m -> m.color().name(), m -> m.markedRange().startTime())
            .first().isEqualTo(tuple("ANIM FIX NEEDED", "RED", new RationalTime(86438, 24)));
        assertThat(c.markers().getFirst().color()).isEqualTo(new Color(1, 0, 0, 1, "RED"));
        Timeline example = (Timeline) OtioReader.read(OtioSamples.CORE.resolve("clip_example.otio")).root();
        Clip withBounds = (Clip) ((Track) example.tracks().children().getFirst()).children().get(1);
        assertThat(withBounds.schema()).isEqualTo("Clip.1");
        assertThat(withBounds.mediaReference().availableImageBounds())
            .isEqualTo(new Box2d(new V2d(0, 0), new V2d(16, 9)));
        assertThat(withBounds.mediaReference().name()).isNull();
        Timeline bars = (Timeline) OtioReader.read(OtioSamples.CORE.resolve("generator_reference_test.otio")).root();
        Track sequence = (Track) bars.tracks().children().getFirst();
        assertThat(sequence.schema()).isEqualTo("Sequence.1");
        assertThat(((Clip) sequence.children().getFirst()).mediaReference())
            .isInstanceOfSatisfying(GeneratorReference.class,
                g -> assertThat(g.generatorKind()).isEqualTo("SMPTEBars"));
        Transition dissolve = (Transition) ((Track) example.tracks().children().getFirst()).children().get(2);
        assertThat(dissolve.transitionType()).isEqualTo("SMPTE_Dissolve");
        assertThat(dissolve.dynamicFields()).containsKey("parameters");
    }

    @Test
    void keepsUnknownSchemasAndFieldsAndWritesThemBackUnchanged() throws Exception {
        String json = OtioText.timeline("""
              {"OTIO_SCHEMA": "Clip.2", "name": "A", "source_range": %s, "studio_note": {"take": 3},
               "effects": [{"OTIO_SCHEMA": "VideoBlur.1", "radius": 2.50}],
               "media_references": {"DEFAULT_MEDIA": {"OTIO_SCHEMA": "ExternalReference.1", "target_url": "a.mov"},
                 "proxy": {"OTIO_SCHEMA": "CloudReference.2", "bucket": "b"}},
               "active_media_reference_key": "DEFAULT_MEDIA"},
              {"OTIO_SCHEMA": "Clip.3", "name": "future"}""".formatted(OtioText.range(0, 24, 24)));
        OtioReader.Document d = OtioReader.parse(json, "edit.otio");
        assertThat(d.warnings()).containsExactly(
            "edit.otio:5:14: VideoBlur.1, a schema this reader does not know; it is kept as it is and written back "
                + "unchanged, not interpreted",
            "edit.otio:7:4: CloudReference.2, a schema this reader does not know; it is kept as it is and written "
                + "back unchanged, not interpreted",
            "edit.otio:9:1: Clip.3, a version this reader does not know (it knows Clip.2, Clip.1); it is kept as it "
                + "is and written back unchanged, not interpreted");
        Track v1 = (Track) ((Timeline) d.root()).tracks().children().getFirst();
        Clip a = (Clip) v1.children().getFirst();
        assertThat(a.dynamicFields()).containsOnlyKeys("studio_note");
        assertThat(a.effects().getFirst()).isInstanceOf(UnknownSchema.class);
        assertThat(a.mediaReferences().get("proxy")).isInstanceOf(UnknownSchema.class);
        assertThat(v1.children().get(1)).isInstanceOf(UnknownSchema.class);
        String back = OtioSerializer.toJson(d.root());
        assertThat(back).contains("\"radius\": 2.50");
        assertThat(OtioComparison.difference(json, back)).isEmpty();
    }

    @Test
    void notJsonNamesItsLineAndColumn() {
        List<Problem> p = problems("{\"OTIO_SCHEMA\": \"Timeline.1\",\n \"name\": \"T\"\n \"tracks\": {}}");
        assertThat(p).singleElement().satisfies(x -> {
            assertThat(x.file()).isEqualTo("edit.otio");
            assertThat(x.line()).isEqualTo(3);
            assertThat(x.column()).isEqualTo(2);
            assertThat(x.message()).startsWith("not valid JSON: ").contains("missing comma");
        });
        assertThat(problems("  ")).singleElement().extracting(Problem::message).asString().startsWith("is empty");
        assertThat(problems("[1, 2]")).singleElement().extracting(Problem::message).asString()
            .startsWith("holds a list; an OTIO file holds one object with an OTIO_SCHEMA");
    }

    @Test
    void aBareInfDoesNotMoveTheColumnsOfLaterProblems() {
        List<Problem> p = problems("{\"OTIO_SCHEMA\": \"Timeline.1\", \"metadata\": {\"x\": Inf}, \"tracks\": 3}");
        assertThat(p).singleElement().satisfies(x -> {
            assertThat(x.column()).isEqualTo(55);
            assertThat(x.message()).isEqualTo("expected the timeline's stack of tracks here, found 3; write an object, "
                + "for example {\"OTIO_SCHEMA\": \"Stack.1\", ...}");
        });
    }

    @Test
    void reportsEveryProblemAtOnceWithItsPlaceAndFix() {
        List<Problem> p = problems(OtioText.timeline("""
              {"OTIO_SCHEMA": "Clip.2", "name": "A", "enabled": "yes",
               "media_references": {"DEFAULT_MEDIA": {"OTIO_SCHEMA": "MissingReference.1"}},
               "active_media_reference_key": "DEFAULT_MEDIA"},
              {"name": "no schema"},
              {"OTIO_SCHEMA": "Gap.1", "source_range": {"OTIO_SCHEMA": "TimeRange.1", "start_time": 0}},
              {"OTIO_SCHEMA": "Marker.2", "marked_range": %s}""".formatted(OtioText.range(0, 1, 24))));
        assertThat(p).extracting(Problem::toString).containsExactly(
            "edit.otio:4:40: \"enabled\" of Clip.2 \"A\" is \"yes\"; write true or false, for example "
                + "\"enabled\": true",
            "edit.otio:7:1: this object has no \"OTIO_SCHEMA\"; a clip, gap, transition, stack or track names its "
                + "schema, for example \"OTIO_SCHEMA\": \"Clip.2\"",
            "edit.otio:8:26: TimeRange.1 has no \"duration\"; add it, for example \"duration\": {\"OTIO_SCHEMA\": "
                + "\"RationalTime.1\", \"rate\": 24.0, \"value\": 0.0}",
            "edit.otio:8:73: \"start_time\" of TimeRange.1 is 0; write a RationalTime.1, for example \"start_time\": "
                + "{\"OTIO_SCHEMA\": \"RationalTime.1\", \"rate\": 24.0, \"value\": 0.0}",
            "edit.otio:9:1: expected a clip, gap, transition, stack or track here, found Marker.2; move it where it "
                + "belongs or remove it");
    }

    @Test
    void aMissingRequiredFieldSaysWhatToAdd() {
        assertThat(problems(OtioText.timeline("{\"OTIO_SCHEMA\": \"Clip.2\", \"name\": \"A\"}")))
            .extracting(Problem::toString).containsExactly(
                "edit.otio:4:1: Clip.2 \"A\" has no \"media_references\"; add it, for example \"media_references\": "
                    + "{\"DEFAULT_MEDIA\": {\"OTIO_SCHEMA\": \"MissingReference.1\"}}",
                "edit.otio:4:1: Clip.2 \"A\" has no \"active_media_reference_key\"; add it, for example "
                    + "\"active_media_reference_key\": \"DEFAULT_MEDIA\"");
    }

    @Test
    void readsAFileAndSaysWhenItCannot(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("latin1.otio");
        Files.write(bad, new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xE9, '"', '}'});
        assertThatThrownBy(() -> OtioReader.read(bad)).isInstanceOf(OtioFormatException.class)
            .hasMessage(bad + ": is not UTF-8 text; OTIO files are UTF-8 JSON: export it again as .otio");
        assertThatThrownBy(() -> OtioReader.read(dir.resolve("none.otio"))).isInstanceOf(java.io.IOException.class);
    }
}
