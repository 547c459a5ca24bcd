package org.cinestack.film;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class FilmReaderTest {

    static final String GOOD = """
        title: Test Film
        seed: 7
        format: {aspect: 2.39, width: 640, height: 360, fps: 24}
        look: {grain: 0.2, palette: ["#112233"], prohibitions: [text]}
        cast:
          - {id: ana, name: Ana, description: tall, wardrobe: red coat}
        scenes:
          - id: one
            heading: EXT. PIER - NIGHT
            weather: fog
            shots:
              - id: a
                size: establishing
                subject: ana
                duration: 2.5
                camera: {move: dolly-in, lens: 35, aperture: 2.8, angle: high, speed: 0.4}
                light: {key: from camera right, setup: rembrandt, temperature: 3200}
                dialogue:
                  - {character: ana, line: Hello.}
        """;

    @Test
    void readsEveryField() {
        Film f = FilmReader.parse(GOOD, "film.yaml");
        assertThat(f.title()).isEqualTo("Test Film");
        assertThat(f.seed()).contains(7L);
        assertThat(f.format()).isEqualTo(new Format(2.39, 640, 360, 24));
        assertThat(f.look().palette()).containsExactly("#112233");
        Scene s = f.scenes().getFirst();
        assertThat(s.parsed()).isEqualTo(new SceneHeading(false, "PIER", TimeOfDay.NIGHT));
        assertThat(s.weather()).isEqualTo(Weather.FOG);
        Shot shot = s.shots().getFirst();
        assertThat(shot.size()).isEqualTo(ShotSize.EXTREME_WIDE);
        assertThat(shot.camera().move()).isEqualTo(new CameraMove.Dolly(CameraMove.Axial.IN));
        assertThat(shot.camera().angle()).isEqualTo(CameraAngle.HIGH);
        assertThat(shot.light().setup()).isEqualTo(LightSetup.REMBRANDT);
        assertThat(shot.dialogue()).containsExactly(new DialogueLine("ana", "Hello."));
        assertThat(f.slug()).isEqualTo("test-film");
    }

    @Test
    void reportsEveryProblemAtOnceWithLineColumnAndAllowedValues() {
        String bad = """
            title: Broken
            format: {width: 640, height: 360, fps: 0}
            cast:
              - {id: ana, name: Ana}
            scenes:
              - id: one
                heading: INT. ROOM - DAY
                shots:
                  - id: a
                    size: ms
                    subject: bob
                    camera: {move: dolly-sideways}
            """;
        assertThatThrownBy(() -> FilmReader.parse(bad, "film.yaml"))
            .isInstanceOfSatisfying(BadInputException.class, e -> {
                List<Problem> p = e.problems();
                assertThat(p).hasSize(4);
                assertThat(p).extracting(Problem::toString).anySatisfy(s -> assertThat(s)
                    .startsWith("film.yaml:2:").contains("'fps' is 0").contains("between 1 and 120"));
                assertThat(p).extracting(Problem::toString).anySatisfy(s -> assertThat(s)
                    .startsWith("film.yaml:9:").contains("missing 'duration'"));
                assertThat(p).extracting(Problem::toString).anySatisfy(s -> assertThat(s)
                    .startsWith("film.yaml:11:").contains("subject 'bob' is not a cast id").contains("ana"));
                assertThat(p).extracting(Problem::toString).anySatisfy(s -> assertThat(s)
                    .startsWith("film.yaml:12:").contains("unknown move 'dolly-sideways'")
                    .contains("allowed: static, pan-left"));
            });
    }

    @Test
    void brokenIndentationIsASyntaxProblemWithItsLine() {
        String bad = "title: X\nscenes:\n  - id: a\n    heading: INT. A - DAY\n   shots: []\n";
        assertThatThrownBy(() -> FilmReader.parse(bad, "f.yaml"))
            .isInstanceOfSatisfying(BadInputException.class, e -> {
                assertThat(e.problems()).hasSize(1);
                Problem p = e.problems().getFirst();
                assertThat(p.line()).isEqualTo(5);
                assertThat(p.message()).contains("not valid YAML").contains("indentation");
            });
    }

    /** A film.yaml says which version of the format it is; a newer one than this reader knows is refused, not misread. */
    @Test
    void aNewerVersionIsRefusedSayingWhatReadsIt() {
        assertThat(FilmReader.parse("version: 1\n" + GOOD, "f.yaml").title()).isEqualTo("Test Film");
        assertThatThrownBy(() -> FilmReader.parse("version: 2\n" + GOOD.replace("duration: 2.5", "length: 2.5"),
            "f.yaml")).isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.problems()).singleElement()
                .satisfies(p -> {
                    assertThat(p.line()).isEqualTo(1);
                    assertThat(p.message()).contains("version 2").contains("up to version 1")
                        .contains("update Cinestack");
                }));
    }

    @Test
    void unknownKeysSuggestTheNearestAllowedKey() {
        String bad = GOOD.replace("duration: 2.5", "duraton: 2.5");
        assertThatThrownBy(() -> FilmReader.parse(bad, "f.yaml"))
            .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.problems())
                .extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("did you mean 'duration'")));
    }

    @Test
    void theExampleFilmMeetsItsBrief() {
        Film f = FilmReader.read(Path.of("examples/the-last-lamp/film.yaml"));
        List<Shot> shots = f.scenes().stream().flatMap(s -> s.shots().stream()).toList();
        assertThat(f.scenes()).hasSize(3);
        assertThat(shots.size()).isBetween(8, 14);
        double seconds = shots.stream().mapToDouble(Shot::durationSeconds).sum();
        assertThat(seconds).isBetween(35.0, 45.0);
        assertThat(shots.stream().map(Shot::size).distinct().count()).isGreaterThanOrEqualTo(6);
        assertThat(shots.stream().map(s -> s.camera().move().getClass()).distinct().count())
            .as("every kind of move").isEqualTo(CameraMove.class.getPermittedSubclasses().length);
        assertThat(shots.stream().flatMap(s -> s.dialogue().stream()).map(DialogueLine::character).distinct())
            .hasSize(2);
        assertThat(f.scenes().stream().map(s -> s.parsed().timeOfDay()))
            .contains(TimeOfDay.DAY, TimeOfDay.NIGHT);
        assertThat(f.scenes().stream().map(Scene::weather)).anyMatch(w -> w != Weather.CLEAR);
    }
}
