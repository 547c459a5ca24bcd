package org.cinestack.edit.otio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

/**
 * The semantic comparison forgives only what OTIO does not tell apart (key order, a number's spelling, an absent
 * optional field against its default) and catches every real change: a clip's length, a name, a metadata value, a
 * marker.
 */
class OtioComparisonTest {
    static final String CLIP = """
        {"OTIO_SCHEMA": "Clip.2", "name": "A", "metadata": {"tool": {"id": 170141183460469231731687303715884105728,
         "gain": 1.1}},
         "source_range": {"OTIO_SCHEMA": "TimeRange.1",
           "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 86501},
           "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 31}},
         "effects": [], "enabled": true,
         "markers": [{"OTIO_SCHEMA": "Marker.2", "name": "FIX", "color": "RED", "comment": "",
           "marked_range": {"OTIO_SCHEMA": "TimeRange.1",
             "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 86510},
             "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 0}}}],
         "media_references": {"DEFAULT_MEDIA": {"OTIO_SCHEMA": "MissingReference.1"}},
         "active_media_reference_key": "DEFAULT_MEDIA"}
        """;

    static JsonNode tree(String json) throws OtioFormatException {
        return OtioJson.parse(OtioJson.source(json, "test"));
    }

    static JsonNode changed(Consumer<ObjectNode> change) throws OtioFormatException {
        ObjectNode o = (ObjectNode) tree(CLIP);
        change.accept(o);
        return o;
    }

    @Test
    void forgivesOnlyWhatOtioDoesNotTellApart() throws Exception {
        JsonNode clip = tree(CLIP);
        String reordered = """
            {"active_media_reference_key": "DEFAULT_MEDIA", "name": "A",
             "media_references": {"DEFAULT_MEDIA": {"OTIO_SCHEMA": "MissingReference.1", "metadata": {}, "name": "",
               "available_range": null}},
             "markers": [{"OTIO_SCHEMA": "Marker.2", "name": "FIX",
               "marked_range": {"OTIO_SCHEMA": "TimeRange.1",
                 "duration": {"OTIO_SCHEMA": "RationalTime.1", "value": 0.0, "rate": 24.0},
                 "start_time": {"OTIO_SCHEMA": "RationalTime.1", "value": 8.6510e4, "rate": 24.0}}}],
             "metadata": {"tool": {"gain": 1.10, "id": 170141183460469231731687303715884105728.0}},
             "OTIO_SCHEMA": "Clip.2",
             "source_range": {"OTIO_SCHEMA": "TimeRange.1",
               "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24.0, "value": 31.0},
               "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24.0, "value": 86501.0}}}
            """;
        assertThat(OtioComparison.difference(clip, tree(reordered))).isEmpty();
        assertThat(OtioComparison.difference(tree("{\"a\": [NaN, Inf, -Infinity]}"),
            tree("{\"a\": [NaN, Infinity, -Inf]}"))).isEmpty();
    }

    @Test
    void catchesEveryRealChange() throws Exception {
        JsonNode clip = tree(CLIP);
        assertThat(OtioComparison.difference(clip, changed(o -> ((ObjectNode) o.at("/source_range/duration"))
            .put("value", 32)))).hasValue("/source_range/duration/value: 31 vs 32");
        assertThat(OtioComparison.difference(clip, changed(o -> o.put("name", "B")))).hasValue("/name: \"A\" vs \"B\"");
        assertThat(OtioComparison.difference(clip, changed(o -> ((ObjectNode) o.at("/metadata/tool"))
            .put("gain", 1.2)))).hasValue("/metadata/tool/gain: 1.1 vs 1.2");
        assertThat(OtioComparison.difference(clip, changed(o -> ((ObjectNode) o.at("/metadata/tool"))
            .put("id", new java.math.BigInteger("170141183460469231731687303715884105729")))))
            .hasValueSatisfying(d -> assertThat(d).startsWith("/metadata/tool/id: "));
        assertThat(OtioComparison.difference(clip, changed(o -> ((ArrayNode) o.get("markers")).remove(0))))
            .hasValue("/markers: 1 elements vs 0");
        assertThat(OtioComparison.difference(clip, changed(o -> o.put("enabled", false))))
            .hasValue("/enabled: true vs false");
        // absent equals a default only: an absent field against a value that is not its default differs
        assertThat(OtioComparison.difference(clip, changed(o -> o.remove("enabled")))).isEmpty();
        assertThat(OtioComparison.difference(changed(o -> o.put("enabled", false)), changed(o -> o.remove("enabled"))))
            .hasValue("/enabled: false vs true");
        assertThat(OtioComparison.difference(clip, changed(o -> o.remove("metadata"))))
            .hasValue("/metadata/tool: only in the first document");
        assertThat(OtioComparison.difference(clip, changed(o -> o.putNull("name")))).hasValue("/name: \"A\" vs null");
        assertThat(OtioComparison.difference(clip, changed(o -> o.remove("active_media_reference_key"))))
            .hasValue("/active_media_reference_key: only in the first document");
        assertThat(OtioComparison.difference(clip, changed(o -> o.put("OTIO_SCHEMA", "Clip.1"))))
            .hasValue("/OTIO_SCHEMA: \"Clip.2\" vs \"Clip.1\"");
        // defaults apply to known schemas only, and never inside a tool's metadata
        assertThat(OtioComparison.difference(tree("{\"OTIO_SCHEMA\": \"Tool.1\"}"),
            tree("{\"OTIO_SCHEMA\": \"Tool.1\", \"enabled\": true}")))
            .hasValue("/enabled: only in the second document");
        assertThat(OtioComparison.difference(tree("{\"metadata\": {}}"), tree("{\"metadata\": {\"enabled\": true}}")))
            .hasValue("/metadata/enabled: only in the second document");
    }

    @Test
    void aSharedSampleWithOneClipShortenedIsNotEqual() throws Exception {
        Path file = OtioSamples.CORE.resolve("screening_example.otio");
        assumeTrue(Files.exists(file), "shared/material/otio is absent: skipping");
        String text = Files.readString(file);
        ObjectNode ours = OtioSerializer.toTree(OtioReader.read(file).root());
        assertThat(OtioComparison.equal(tree(text), ours)).isTrue();
        ((ObjectNode) ours.at("/tracks/children/0/children/3/source_range/duration")).put("value", 114.0);
        assertThat(OtioComparison.difference(tree(text), ours))
            .hasValue("/tracks/children/0/children/3/source_range/duration/value: 115.0 vs 114.0");
    }
}
