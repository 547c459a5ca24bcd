package org.cinestack.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.cinestack.TestFilms;
import org.cinestack.dailies.Choice;
import org.cinestack.dailies.Dailies;
import org.cinestack.dailies.FilmLock;
import org.cinestack.film.BadInputException;
import org.cinestack.media.VideoReader;
import org.cinestack.media.VideoWriter;
import org.cinestack.shoot.TakeStore;

/**
 * The cut uses each shot's circled take: the rules' best-scored one, a retake when the best has a major defect, or the
 * director's, which holds across renders while the shot is unchanged. film.lock keeps the choice.
 */
class CirclingTest {
    private static final String FILM = TestFilms.withAna("Circled", 320, 180, "INT. HALL - NIGHT",
        "{id: a, size: ws, subject: ana, duration: 1.5}",
        "{id: b, size: cu, subject: ana, duration: 1}");

    private static FilmRender.Result render(Path dir, int takes, int retakes) {
        return FilmRender.render(dir, new FilmRender.Options(null, takes, "previs", 1, new RenderListener() { })
            .withRetakes(retakes));
    }

    /** @return the take the cut of shot {@code i} (0-based) uses, as the master's provenance names it */
    private static int cutTake(FilmRender.Result r, int i) throws Exception {
        var ingredient = new JsonMapper().readTree(r.provenance().toFile()).path("ingredients").get(i);
        assertThat(ingredient).as("the provenance names every take used").isNotNull();
        return ingredient.path("take").asInt();
    }

    private static Path takeFolder(Path dir, String shot, int n) {
        FilmLock.Entry e = FilmLock.read(dir).get(shot).orElseThrow();
        return dir.resolve(".cinestack/takes").resolve(e.takes()).resolve(Integer.toString(n));
    }

    /** Blacks out frames 10-14 of a take and records the new picture in its take.json, as if it had been shot so. */
    private static void blackOut(Path take) throws Exception {
        Path mp4 = take.resolve("take.mp4"), tmp = take.resolve("black.mp4");
        try (VideoReader r = new VideoReader(mp4);
             VideoWriter w = new VideoWriter(tmp, r.width(), r.height(), 24, false, VideoWriter.Settings.TAKE)) {
            byte[] f = new byte[r.width() * r.height() * 3];
            for (int i = 0; r.next(f); i++) {
                if (i >= 10 && i < 15) java.util.Arrays.fill(f, (byte) 0);
                w.write(f);
            }
        }
        Files.move(tmp, mp4, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        JsonMapper json = new JsonMapper();
        ObjectNode t = (ObjectNode) json.readTree(take.resolve("take.json").toFile());
        t.put("mediaDigest", TakeStore.sha256(mp4));
        t.put("mediaBytes", Files.size(mp4));
        Files.writeString(take.resolve("take.json"), json.writeValueAsString(t));
    }

    @Test
    void theRulesCircleTheBestScoredTakeAndTheMasterUsesIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("film.yaml"), FILM);
        FilmRender.Result r = render(dir, 3, 0);
        FilmLock lock = FilmLock.read(dir);
        assertThat(lock.entries().keySet()).containsExactly("a", "b");
        org.cinestack.film.Film film = FilmRender.readFilm(dir.resolve("film.yaml"));
        List<org.cinestack.plan.ShotSpec> specs = org.cinestack.plan.Planner.plan(film).specs();
        for (String shot : List.of("a", "b")) {
            org.cinestack.plan.ShotSpec spec = specs.stream().filter(x -> x.shotId().equals(shot)).findFirst()
                .orElseThrow();
            FilmLock.Entry e = lock.get(shot).orElseThrow();
            assertThat(e.by()).isEqualTo(FilmLock.By.RULE);
            Map<Integer, Dailies.Verdict> verdicts = new TreeMap<>();
            for (int n = 1; n <= 3; n++) {
                Path f = takeFolder(dir, shot, n);
                verdicts.put(n, Dailies.of(f, TakeStore.sha256(f.resolve("take.mp4")),
                    DailiesJobs.expected(film, spec), spec.fps(), spec.frameCount()));
                assertThat(verdicts.get(n).cached()).as("measured by the render").isTrue();
                for (String still : Dailies.STILLS) assertThat(f.resolve(still)).isRegularFile();
            }
            assertThat(e.take()).as("the best-scored take of " + shot + ": " + verdicts)
                .isEqualTo(Choice.ranked(verdicts).getFirst());
            assertThat(e.b()).isEqualTo(Choice.ranked(verdicts).get(1));
        }
        assertThat(cutTake(r, 0)).isEqualTo(lock.get("a").orElseThrow().take());
        assertThat(cutTake(r, 1)).isEqualTo(lock.get("b").orElseThrow().take());
    }

    @Test
    void aRejectedTakeIsRetakenWithTheNextSeedAndTheRetakeIsCut(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("film.yaml"), FILM);
        render(dir, 1, 0);
        long seed1 = FilmLock.read(dir).get("a").orElseThrow().seed();
        blackOut(takeFolder(dir, "a", 1));

        FilmRender.Result none = render(dir, 1, 0);
        assertThat(none.warnings()).anyMatch(w -> w.contains("shot a needs the director"));
        assertThat(none.takesGenerated()).isZero();
        assertThat(cutTake(none, 0)).isEqualTo(1);

        FilmRender.Result retaken = render(dir, 1, 2);
        assertThat(retaken.warnings()).anyMatch(w -> w.contains("dailies: shot a take 1: frames 10-14 are black"));
        assertThat(retaken.warnings()).anyMatch(w -> w.contains("shooting take 2 with the next seed"));
        assertThat(retaken.takesGenerated()).as("one retake, not two: take 2 passes").isEqualTo(1);
        assertThat(retaken.warnings()).noneMatch(w -> w.contains("needs the director"));
        assertThat(cutTake(retaken, 0)).isEqualTo(2);
        FilmLock.Entry a = FilmLock.read(dir).get("a").orElseThrow();
        assertThat(a.take()).isEqualTo(2);
        assertThat(a.seed()).as("the next seed").isEqualTo(TakeStore.seedOfTake(seed1, 2));
        assertThat(render(dir, 1, 2).takesGenerated()).as("nothing is shot twice").isZero();
    }

    @Test
    void theDirectorsCircleHoldsUntilTheShotChanges(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("film.yaml"), FILM);
        Project project = Project.of(dir);
        assertThatThrownBy(() -> Circling.circle(project, "a", 2)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("render the film first");
        render(dir, 2, 0);
        int rule = FilmLock.read(dir).get("a").orElseThrow().take();
        int other = 3 - rule;
        Circling.circle(project, "a", other);
        assertThat(FilmLock.read(dir).get("a").orElseThrow().by()).isEqualTo(FilmLock.By.DIRECTOR);
        assertThatThrownBy(() -> Circling.circle(project, "a", 5)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("has no take 5; its takes are [1, 2]");
        assertThatThrownBy(() -> Circling.circle(project, "zz", 1)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("its shots are a, b");

        assertThat(org.cinestack.cli.Main.run("circle", dir.toString(), "a", "9")).as("no take 9: bad input")
            .isEqualTo(2);
        assertThat(org.cinestack.cli.Main.run("circle", dir.toString(), "b", "--by-rule")).isZero();
        assertThat(FilmLock.read(dir).get("b")).as("handed back to the rules").isEmpty();

        FilmRender.Result again = render(dir, 2, 0);
        assertThat(cutTake(again, 0)).as("the director's take").isEqualTo(other);
        assertThat(FilmLock.read(dir).get("b").orElseThrow().by()).isEqualTo(FilmLock.By.RULE);
        assertThat(FilmLock.read(dir).get("a").orElseThrow().by()).isEqualTo(FilmLock.By.DIRECTOR);
        assertThat(render(dir, 1, 0).takesGenerated()).as("fewer takes asked: the circled one stays").isZero();

        Files.writeString(dir.resolve("film.yaml"), FILM.replace("{id: a, size: ws, subject: ana, duration: 1.5}",
            "{id: a, size: ws, subject: ana, duration: 1.5, camera: {lens: 35}}"));
        FilmRender.Result changed = render(dir, 1, 0);
        assertThat(changed.warnings()).anyMatch(w -> w.contains("shot a changed since the director circled take "
            + other));
        assertThat(FilmLock.read(dir).get("a").orElseThrow().by()).isEqualTo(FilmLock.By.RULE);
        assertThat(cutTake(changed, 0)).isEqualTo(1);
    }

    @Test
    void aDirectorsCircleOfAShotNoLongerInTheFilmStopsTheRender(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("film.yaml"), FILM);
        render(dir, 1, 0);
        Circling.circle(Project.of(dir), "b", 1);
        Files.writeString(dir.resolve("film.yaml"), FILM.replace("      - {id: b, size: cu, subject: ana, duration: 1}\n",
            ""));
        assertThatThrownBy(() -> render(dir, 1, 0)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("film.lock:6")
            .hasMessageContaining("not in the film; delete the line");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).contains("film.lock");
        }
    }
}
