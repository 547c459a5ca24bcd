package org.cinestack.film;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A shot's values changed in film.yaml's own text: the example's file, with its comments, flow mappings and key
 * order, differs afterwards only on the changed line, by the changed value; a value film.yaml's rules refuse is a
 * problem naming its key, and nothing is changed.
 */
class ShotEditTest {
    static final Path EXAMPLE = Path.of("examples/the-last-lamp/film.yaml");

    static List<String> differing(String a, String b) {
        List<String> la = a.lines().toList(), lb = b.lines().toList();
        assertThat(lb).hasSameSizeAs(la);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < la.size(); i++) if (!la.get(i).equals(lb.get(i))) out.add(la.get(i) + " => " + lb.get(i));
        return out;
    }

    @Test
    void aChangedLensChangesOnlyItsValue() throws Exception {
        String text = Files.readString(EXAMPLE);
        assertThat(ShotEdit.values(text, "film.yaml", "s3-mara")).containsEntry("camera.lens", "65")
            .containsEntry("size", "mcu").containsEntry("camera.move", "dolly-in");
        String changed = ShotEdit.apply(text, "film.yaml", "s3-mara", Map.of("camera.lens", "85"));
        assertThat(differing(text, changed)).containsExactly(
            "        camera: {move: dolly-in, lens: 65, aperture: 2, speed: 0.45} => "
                + "        camera: {move: dolly-in, lens: 85, aperture: 2, speed: 0.45}");
        assertThat(FilmReader.parse(changed, "film.yaml").scenes().getFirst().shots().stream()
            .filter(s -> s.id().equals("s3-mara")).findFirst().orElseThrow().camera().focalLengthMm()).isEqualTo(85);
    }

    @Test
    void textIsQuotedWhenItMustBeAndSeveralValuesChangeAtOnce() throws Exception {
        String text = Files.readString(EXAMPLE);
        String changed = ShotEdit.apply(text, "film.yaml", "s3-mara", Map.of("action",
            "she looks up: \"again?\"", "duration", "3.5"));
        List<String> diff = differing(text, changed);
        assertThat(diff).hasSize(2);
        assertThat(diff.get(0)).endsWith("action: \"she looks up: \\\"again?\\\"\"");
        assertThat(diff.get(1)).endsWith("duration: 3.5");
        assertThat(ShotEdit.values(changed, "film.yaml", "s3-mara")).containsEntry("action",
            "she looks up: \"again?\"");
    }

    @Test
    void aValueTheRulesRefuseIsAProblemNamingItsKey() throws Exception {
        String text = Files.readString(EXAMPLE);
        assertThatThrownBy(() -> ShotEdit.apply(text, "film.yaml", "s3-mara", Map.of("camera.lens", "5000")))
            .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("'lens'")));
        assertThatThrownBy(() -> ShotEdit.apply(text, "film.yaml", "s3-mara", Map.of("camera.angle", "high")))
            .isInstanceOf(BadInputException.class).hasMessageContaining("cannot be edited here");
        assertThatThrownBy(() -> ShotEdit.apply(text, "film.yaml", "s14-end", Map.of("camera.speed", "0.4")))
            .as("a field the shot does not have").isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> ShotEdit.apply(text, "film.yaml", "nope", Map.of("size", "cu")))
            .isInstanceOf(BadInputException.class).hasMessageContaining("no shot 'nope'");
    }
}
