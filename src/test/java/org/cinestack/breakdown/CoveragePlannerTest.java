package org.cinestack.breakdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.cinestack.film.Coverage;
import org.cinestack.film.DialogueLine;
import org.cinestack.film.Film;
import org.cinestack.film.FilmReader;
import org.cinestack.film.FilmWriter;
import org.cinestack.film.Scene;
import org.cinestack.film.ScreenSide;
import org.cinestack.film.Shot;
import org.cinestack.script.FountainParser;

/**
 * The coverage planner's rules, proved on seeded random screenplays (scenes of one to four speakers, lines from one
 * word to a long speech, action with capitalised props, dual dialogue) and on the night-ferry example.
 */
class CoveragePlannerTest {
    static final String[] NAMES = {"MARA", "TOMAS", "IDA", "OTTO", "LENA"};
    static final String[] WORDS = ("the lamp has failed again and the ship is out there somewhere in the fog we "
        + "have one hour before the tide turns so bring the oil and the matches now").split(" ");

    /** A random but well-formed Fountain script. */
    static String randomScript(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("Title: Random " + seed + "\n\n");
        int scenes = 1 + r.nextInt(5);
        for (int s = 0; s < scenes; s++) {
            sb.append(r.nextBoolean() ? "INT. " : "EXT. ").append(r.nextBoolean() ? "LIGHTHOUSE" : "ROOM " + s)
                .append(r.nextBoolean() ? " - DAY" : " - NIGHT").append("\n\n");
            int people = 1 + r.nextInt(4);
            int beats = 2 + r.nextInt(12);
            String previous = null;
            for (int b = 0; b < beats; b++) {
                if (r.nextInt(4) == 0) {
                    sb.append("She lifts the ").append(r.nextBoolean() ? "LANTERN" : "brass KEY").append(" and waits.")
                        .append(r.nextInt(3) == 0 ? " Then a long time passes and nothing moves at all. The sea."
                        : "").append("\n\n");
                    continue;
                }
                String who = NAMES[r.nextInt(people)];
                boolean dual = previous != null && !previous.equals(who) && r.nextInt(8) == 0;
                sb.append(who).append(dual ? " ^" : "").append('\n');
                if (r.nextInt(4) == 0) sb.append(r.nextBoolean() ? "(beat)" : "(shouting)").append('\n');
                int words = r.nextInt(10) == 0 ? 20 + r.nextInt(40) : 1 + r.nextInt(14);
                for (int w = 0; w < words; w++) {
                    sb.append(w == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
                    if (w % 9 == 8) sb.append('.');
                }
                sb.append(r.nextInt(5) == 0 ? "!" : ".").append("\n\n");
                previous = who;
            }
        }
        return sb.toString();
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 40);
    }

    static Film plan(String fountain) {
        return CoveragePlanner.plan(Breakdown.of(FountainParser.parse(fountain, "random.fountain")));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyTwoPersonSceneKeepsEachCharacterOnOneSide(long seed) {
        Film f = plan(randomScript(seed));
        for (Scene s : f.scenes()) {
            List<String> speakers = s.shots().stream().flatMap(x -> x.dialogue().stream())
                .map(DialogueLine::character).distinct().toList();
            if (speakers.size() != 2) continue;
            Map<String, ScreenSide> sides = new HashMap<>();
            for (Shot shot : s.shots()) {
                if (!speakers.contains(shot.subject())) continue;
                ScreenSide was = sides.putIfAbsent(shot.subject(), shot.screen());
                assertThat(was == null || was == shot.screen()).as("%s in %s keeps its side", shot.subject(),
                    shot.id()).isTrue();
                if (!shot.over().isEmpty() && speakers.contains(shot.over())) {
                    ScreenSide other = sides.get(shot.over());
                    assertThat(other == null || other == shot.screen().opposite()).as("%s faces %s across the line",
                        shot.subject(), shot.over()).isTrue();
                }
            }
            assertThat(sides.get(speakers.get(0))).isNotEqualTo(ScreenSide.CENTER);
            if (sides.size() == 2) assertThat(sides.get(speakers.get(0))).isEqualTo(sides.get(speakers.get(1))
                .opposite());
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shotsLastTwoToSixSeconds(long seed) {
        for (Scene s : plan(randomScript(seed)).scenes()) {
            for (Shot shot : s.shots()) assertThat(shot.durationSeconds()).as(shot.id()).isBetween(2.0, 6.0);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyLineIsOnScreenWhileSpokenAndNothingIsLost(long seed) {
        String script = randomScript(seed);
        Breakdown b = Breakdown.of(FountainParser.parse(script, "random.fountain"));
        Film f = CoveragePlanner.plan(b);
        List<String> spoken = new ArrayList<>();
        for (Scene s : f.scenes()) {
            for (Shot shot : s.shots()) {
                for (DialogueLine l : shot.dialogue()) {
                    boolean onScreen = l.character().equals(shot.subject()) || l.character().equals(shot.over())
                        && (shot.coverage() == Coverage.OTS || shot.coverage() == Coverage.TWO_SHOT);
                    assertThat(onScreen).as("%s speaks in %s (%s of %s)", l.character(), shot.id(), shot.coverage(),
                        shot.subject()).isTrue();
                    spoken.add(l.line());
                }
            }
        }
        String all = String.join(" ", spoken);
        for (SceneBreakdown s : b.scenes()) {
            for (Moment m : s.moments()) if (m instanceof Moment.Speech sp) assertThat(all).contains(sp.text());
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void neverTheSameMoveThreeTimesRunning(long seed) {
        List<String> moves = plan(randomScript(seed)).scenes().stream().flatMap(s -> s.shots().stream())
            .map(s -> s.camera().move().code()).toList();
        for (int i = 2; i < moves.size(); i++) {
            assertThat(moves.get(i).equals(moves.get(i - 1)) && moves.get(i).equals(moves.get(i - 2)))
                .as("moves %d-%d: %s", i - 2, i, moves.subList(i - 2, i + 1)).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void theFilmYamlReadsBackToTheSameFilm(long seed) {
        Film f = plan(randomScript(seed));
        Film back = FilmReader.parse(FilmWriter.yaml(f, List.of("test")), "random.yaml");
        assertThat(withoutLines(back)).isEqualTo(withoutLines(f));
    }

    static Film withoutLines(Film f) {
        List<Scene> scenes = f.scenes().stream().map(s -> new Scene(s.id(), s.heading(), s.parsed(), s.weather(),
            s.shots().stream().map(x -> new Shot(x.id(), x.size(), x.subject(), x.action(), x.emotion(), x.role(),
                x.durationSeconds(), x.camera(), x.light(), x.dialogue(), x.seed(), 0, x.coverage(), x.over(),
                x.screen(), x.rule(), x.effects(), x.grade())).toList())).toList();
        return new Film(f.title(), f.seed(), f.format(), f.look(), f.cast(), scenes);
    }

    @Test
    void theExampleScriptIsCoveredByTheRules() throws Exception {
        Film f = CoveragePlanner.plan(Breakdown.of(org.cinestack.script.ScriptReader.read(
            java.nio.file.Path.of("examples/night-ferry/night-ferry.fountain"))));
        List<Shot> shots = f.scenes().stream().flatMap(s -> s.shots().stream()).toList();
        assertThat(f.scenes()).hasSize(3);
        assertThat(shots.getFirst().coverage()).isEqualTo(Coverage.ESTABLISHING);
        assertThat(shots.getFirst().size().code()).isEqualTo("ews");
        assertThat(shots).anyMatch(s -> s.coverage() == Coverage.POV && s.over().equals("ida"));
        assertThat(shots).anyMatch(s -> s.coverage() == Coverage.INSERT && s.subject().equals("the key"));
        assertThat(shots).anyMatch(s -> s.coverage() == Coverage.TWO_SHOT && s.rule().startsWith("dual dialogue"));
        assertThat(shots).allMatch(s -> !s.rule().isEmpty());
        assertThat(f.scenes().getFirst().weather().code()).isEqualTo("rain");
        assertThat(f.cast()).extracting(c -> c.id()).containsExactly("otto", "ida");
    }

    @Test
    void longLinesSplitAtSentencesWithinSixSeconds() {
        String line = "The lamp has failed again. The ship is out there somewhere in the fog, and we have one hour "
            + "before the tide turns. Bring the oil. Bring the matches. Bring the old brass key from the drawer.";
        double seconds = 0.3 + line.split(" ").length / Breakdown.WORDS_PER_MINUTE * 60;
        List<String> parts = CoveragePlanner.split(line, seconds);
        assertThat(parts.size()).isGreaterThan(1);
        assertThat(String.join(" ", parts)).isEqualTo(line);
        for (String p : parts) {
            assertThat(p.split(" ").length / Breakdown.WORDS_PER_MINUTE * 60).isLessThanOrEqualTo(6.0);
        }
    }

    static final List<String> FILES = List.of("assets/slam.wav", "assets/door-slam.wav", "assets/door.png",
        "assets/phone_ring-01.flac", "assets/crash.wav", "assets/sfx/knock.mp3", "notes.txt");

    @ParameterizedTest(name = "{0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource(nullValues = "none", value = {
        "DOOR SLAMS, assets/door-slam.wav", "SLAMMED, assets/slam.wav", "SLAMMING, assets/slam.wav",
        "PHONE RINGS, assets/phone_ring-01.flac", "CRASHES, assets/crash.wav", "KNOCKING, assets/sfx/knock.mp3",
        "GUNSHOT, none", "DOOR, none"})
    void aSoundFindsTheFileNamedByItsWords(String sound, String file) {
        assertThat(CoveragePlanner.soundFile(sound, FILES)).isEqualTo(java.util.Optional.ofNullable(file));
    }

    @Test
    void theSentenceNamesWhatMakesTheSound() {
        assertThat(CoveragePlanner.soundFile("SLAMS", "The door SLAMS behind her.", FILES)).contains(
            "assets/door-slam.wav");
        assertThat(CoveragePlanner.soundFile("SLAMS", "She SLAMS the drawer.", FILES)).contains("assets/slam.wav");
        assertThat(CoveragePlanner.soundFile("WHISPERS", "The door creaks as she WHISPERS.", FILES)).isEmpty();
    }

    @Test
    void theScriptsSoundsAreCuedWhereAFileMatchesAndDualLinesStartTogether() {
        String script = """
            Title: Cues

            INT. HALL - NIGHT

            ANA waits. The door SLAMS. A PHONE RINGS. Somewhere a dog BARKS.

            ANA
            Who is it?

            BEN
            Me.

            ANA ^
            Now?
            """;
        Film f = CoveragePlanner.plan(Breakdown.of(FountainParser.parse(script, "cues.fountain")), FILES);
        Shot beat = f.scenes().getFirst().shots().stream().filter(x -> x.rule().startsWith("action")).findFirst()
            .orElseThrow();
        assertThat(beat.effects()).extracting(c -> c.sound(), c -> c.file().orElseThrow()).containsExactly(
            org.assertj.core.groups.Tuple.tuple("the door slams", "assets/door-slam.wav"),
            org.assertj.core.groups.Tuple.tuple("a phone rings", "assets/phone_ring-01.flac"));
        assertThat(beat.effects()).allMatch(c -> c.atSeconds() >= 0 && c.atSeconds() <= beat.durationSeconds());
        assertThat(beat.effects().get(1).atSeconds()).isGreaterThan(beat.effects().get(0).atSeconds());
        Shot dual = f.scenes().getFirst().shots().stream().filter(x -> x.rule().startsWith("dual")).findFirst()
            .orElseThrow();
        assertThat(dual.dialogue()).allMatch(l -> l.atSeconds().equals(java.util.Optional.of(
            CoveragePlanner.DUAL_AT_SECONDS)));
        assertThat(CoveragePlanner.plan(Breakdown.of(FountainParser.parse(script, "cues.fountain"))).scenes()
            .getFirst().shots()).allMatch(x -> x.effects().isEmpty());
    }
}
