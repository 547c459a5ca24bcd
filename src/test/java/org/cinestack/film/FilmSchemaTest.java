package org.cinestack.film;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;

/** The published JSON Schema says what the reader accepts: the same keys and the same allowed values. */
class FilmSchemaTest {
    static final JsonNode SCHEMA = JsonMapper.builder().build().readTree(Path.of("schema/film.schema.json").toFile());

    static List<String> enumAt(String... path) {
        JsonNode n = SCHEMA;
        for (String p : path) n = n.get(p);
        List<String> out = new ArrayList<>();
        n.get("enum").forEach(v -> out.add(v.asString()));
        return out;
    }

    @Test
    void enumerationsMatchTheReader() {
        String[] shot = {"$defs", "shot", "properties"};
        assertThat(enumAt(shot[0], shot[1], shot[2], "size")).containsExactlyElementsOf(ShotSize.codes());
        assertThat(enumAt(shot[0], shot[1], shot[2], "camera", "properties", "move"))
            .containsExactlyElementsOf(CameraMove.codes());
        assertThat(enumAt(shot[0], shot[1], shot[2], "camera", "properties", "angle"))
            .containsExactlyElementsOf(CameraAngle.codes());
        assertThat(enumAt(shot[0], shot[1], shot[2], "light", "properties", "setup"))
            .containsExactlyElementsOf(LightSetup.codes());
        assertThat(enumAt(shot[0], shot[1], shot[2], "role")).containsExactlyElementsOf(Beat.codes());
        assertThat(enumAt(shot[0], shot[1], shot[2], "coverage")).containsExactlyElementsOf(Coverage.codes());
        assertThat(enumAt(shot[0], shot[1], shot[2], "screen")).containsExactlyElementsOf(ScreenSide.codes());
        assertThat(enumAt("properties", "shoot", "properties", "default")).containsExactlyElementsOf(
            ShootPlan.BACKENDS);
        assertThat(enumAt("properties", "scenes", "items", "properties", "weather"))
            .containsExactlyElementsOf(Weather.codes());
        List<String> presets = new ArrayList<>(List.of("none"));
        presets.addAll(GradeSettings.PRESETS);
        assertThat(enumAt("properties", "look", "properties", "preset")).containsExactlyElementsOf(presets);
        assertThat(enumAt(shot[0], shot[1], shot[2], "grade", "properties", "preset"))
            .containsExactlyElementsOf(presets);
        assertThat(enumAt(shot[0], shot[1], shot[2], "grade", "properties", "method"))
            .containsExactlyElementsOf(ShotGrade.METHODS);
        List<Double> aspects = new ArrayList<>();
        SCHEMA.get("properties").get("format").get("properties").get("aspect").get("enum")
            .forEach(v -> aspects.add(v.asDouble()));
        assertThat(aspects).containsExactlyElementsOf(Format.ASPECTS);
    }

    @Test
    void everyMoveCodeParses() {
        for (String code : CameraMove.codes()) assertThat(CameraMove.parse(code).code()).isEqualTo(code);
    }
}
