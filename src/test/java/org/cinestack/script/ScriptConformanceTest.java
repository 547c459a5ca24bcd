package org.cinestack.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.cinestack.breakdown.Breakdown;
import org.cinestack.breakdown.BreakdownReport;
import org.cinestack.breakdown.CoveragePlanner;
import org.cinestack.breakdown.Role;
import org.cinestack.breakdown.SceneBreakdown;
import org.cinestack.film.Coverage;
import org.cinestack.film.Film;
import org.cinestack.film.Shot;

/**
 * Conformance on screenplays nobody on the project wrote (shared/material/screenplays: the Fountain syntax corpora
 * of three parsers, Brick &amp; Steel in Fountain and FDX, Big Fish). Skipped when the folder is absent.
 */
class ScriptConformanceTest {
    static final Path DIR = Path.of(System.getProperty("cinestack.shared", "../shared"), "material", "screenplays");

    static void requireMaterial() {
        assumeTrue(Files.isDirectory(DIR), "shared/material/screenplays is absent: skipping screenplay conformance");
    }

    static List<Path> files(String ext) throws IOException {
        try (Stream<Path> s = Files.walk(DIR)) {
            return s.filter(p -> p.toString().endsWith(ext)).sorted().toList();
        }
    }

    @Test
    void everyCorpusFileParsesBreaksDownAndPlans() throws IOException {
        requireMaterial();
        List<Path> all = files(".fountain");
        assertThat(all).hasSizeGreaterThan(40);
        for (Path p : all) {
            Screenplay s = ScriptReader.read(p);
            Breakdown b = Breakdown.of(s);
            CoveragePlanner.plan(b);
            assertThat(s.warnings()).as(p.toString()).isEmpty();
        }
    }

    @Test
    void elementSequencesMatchTheExpectedFdx() throws IOException {
        requireMaterial();
        int pairs = 0;
        for (Path fdx : files(".fdx")) {
            Path fountain = fdx.resolveSibling(fdx.getFileName().toString().replace(".fdx", ".fountain"));
            if (!Files.exists(fountain)) fountain = DIR.resolve(fountain.getFileName());
            if (!Files.exists(fountain)) continue;
            assertThat(ScriptReader.read(fountain).paragraphShape()).as(fdx.toString())
                .isEqualTo(ScriptReader.read(fdx).paragraphShape());
            pairs++;
        }
        assertThat(pairs).as("fountain/fdx pairs compared").isGreaterThanOrEqualTo(12);
    }

    @Test
    void brickAndSteelBreaksDownIntoItsEightScenes() {
        requireMaterial();
        Breakdown b = Breakdown.of(ScriptReader.read(DIR.resolve("Brick-and-Steel.fountain")));
        assertThat(b.scenes()).hasSize(8);
        assertThat(b.scenes()).extracting(SceneBreakdown::heading).contains("SNIPER SCOPE POV", "OPENING TITLES");
        assertThat(b.scenes().get(3).pov()).isTrue();
        assertThat(b.scenes().get(4).titles()).isTrue();
        assertThat(b.cast()).extracting(Role::id).containsExactly("steel", "brick", "jack", "dan", "cognito",
            "minion", "handsome-man");
        assertThat(b.cast().getFirst().lines()).isEqualTo(11);
        Film f = CoveragePlanner.plan(b);
        List<Shot> shots = f.scenes().stream().flatMap(s -> s.shots().stream()).toList();
        assertThat(shots).anyMatch(s -> s.coverage() == Coverage.TWO_SHOT && s.rule().startsWith("dual dialogue")
            && s.dialogue().size() == 2 && s.subject().equals("steel") && s.over().equals("brick"));
        assertThat(shots).anyMatch(s -> s.coverage() == Coverage.POV);
        assertThat(f.scenes().get(4).shots()).extracting(Shot::coverage).containsExactly(Coverage.TITLE,
            Coverage.TITLE); // OPENING TITLES: its two centred blocks
        assertThat(shots.getLast().coverage()).isEqualTo(Coverage.TITLE); // > THE END <
        String report = BreakdownReport.text(b, f);
        assertThat(report).contains("scenes: 8", "planned film: " + shots.size() + " shots", "Handsome Man");
        // the FDX of the same script gives the same breakdown
        Breakdown x = Breakdown.of(ScriptReader.read(DIR.resolve("fdx/Brick-and-Steel.fdx")));
        assertThat(x.scenes()).extracting(SceneBreakdown::heading).containsExactlyElementsOf(
            b.scenes().stream().map(SceneBreakdown::heading).toList());
        assertThat(x.cast()).isEqualTo(b.cast());
    }

    @Test
    void bigFishRunsAboutAMinuteAPage() {
        requireMaterial();
        Breakdown b = Breakdown.of(ScriptReader.read(DIR.resolve("Big-Fish.fountain")));
        Film f = CoveragePlanner.plan(b);
        assertThat(b.scenes()).hasSizeGreaterThan(150);
        assertThat(b.pages()).isBetween(100.0, 140.0);
        double minutes = b.estimatedSeconds() / 60;
        assertThat(Math.abs(minutes - b.pages()) / b.pages()).as("%.1f min for %.1f pages", minutes, b.pages())
            .isLessThan(0.15);
        assertThat(f.scenes()).hasSize(b.scenes().size());
        assertThat(f.cast()).extracting(c -> c.id()).contains("edward", "will");
    }
}
