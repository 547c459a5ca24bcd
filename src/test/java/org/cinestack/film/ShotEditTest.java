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
        assertThatThrownBy(() -> ShotEdit.apply(text, "film.yaml", "s14-end", Map.of("camera.speed", "9")))
            .as("a field the shot does not have, with a bad value").isInstanceOf(BadInputException.class)
            .hasMessageContaining("'speed'");
        assertThatThrownBy(() -> ShotEdit.apply(text, "film.yaml", "nope", Map.of("size", "cu")))
            .isInstanceOf(BadInputException.class).hasMessageContaining("no shot 'nope'");
    }

    /** A field the shot lacks is added at the end of its mapping, in the mapping's style; nothing else changes. */
    @Test
    void aFieldTheShotLacksIsAddedInItsMappingsStyle() throws Exception {
        String text = Files.readString(EXAMPLE);
        String changed = ShotEdit.apply(text, "film.yaml", "s14-end", Map.of("camera.speed", "0.4", "camera.move",
            "push-in"));
        assertThat(diff(text, changed)).containsExactly(
            "-        camera: {move: static, lens: 24, aperture: 8}",
            "+        camera: {move: push-in, lens: 24, aperture: 8, speed: 0.4}");
        assertThat(ShotEdit.values(changed, "film.yaml", "s14-end")).containsEntry("camera.speed", "0.4");

        String block = "title: T\nformat: {width: 320, height: 180, fps: 24}\ncast:\n  - id: ana\n"
            + "    description: a woman\nscenes:\n  - id: one\n    heading: INT. ROOM - DAY\n    shots:\n"
            + "      - id: a\n        size: ws\n        subject: ana\n        duration: 1\n        dialogue:\n"
            + "          - {character: ana, line: \"Hello\"}\n        # the next shot\n\n"
            + "      - {id: b, size: cu, subject: ana, duration: 1 }\n";
        String added = ShotEdit.apply(block, "film.yaml", "a", Map.of("camera.lens", "85", "emotion", "calm: at last"));
        assertThat(diff(block, added)).containsExactly(
            "+        emotion: \"calm: at last\"",
            "+        camera: {lens: 85}");
        assertThat(ShotEdit.values(added, "film.yaml", "a")).containsEntry("camera.lens", "85")
            .containsEntry("emotion", "calm: at last");
        String flow = ShotEdit.apply(block, "film.yaml", "b", Map.of("emotion", "calm"));
        assertThat(flow).contains("      - {id: b, size: cu, subject: ana, duration: 1, emotion: calm }\n");
    }

    /** @return the lines of b not in a ("+"), and of a not in b ("-"), in order: a line diff by longest common run */
    private static java.util.List<String> diff(String a, String b) {
        java.util.List<String> x = a.lines().toList(), y = b.lines().toList(), out = new java.util.ArrayList<>();
        int[][] common = new int[x.size() + 1][y.size() + 1];
        for (int i = x.size() - 1; i >= 0; i--) {
            for (int j = y.size() - 1; j >= 0; j--) {
                common[i][j] = x.get(i).equals(y.get(j)) ? common[i + 1][j + 1] + 1
                    : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0, j = 0;
        while (i < x.size() || j < y.size()) {
            if (i < x.size() && j < y.size() && x.get(i).equals(y.get(j))) {
                i++;
                j++;
            } else if (j < y.size() && (i >= x.size() || common[i][j + 1] > common[i + 1][j])) {
                out.add("+" + y.get(j++));
            } else {
                out.add("-" + x.get(i++));
            }
        }
        return out;
    }
}
