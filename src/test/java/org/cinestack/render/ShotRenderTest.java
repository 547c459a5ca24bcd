package org.cinestack.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.cinestack.TestFilms;
import org.cinestack.film.BadInputException;

/**
 * A render of some shots ({@code render --shot}): only those shots' takes are made; the others are used as they are in
 * the take store, and the film is cut with them when they all have takes, else the master waits and out/ is left as
 * the last cut made it.
 */
class ShotRenderTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static FilmRender.Options options(List<String> shots) {
        return new FilmRender.Options(null, 2, "previs", 2, new RenderListener() { }).withRetakes(0)
            .withShots(shots);
    }

    private static long takes(Path film) throws Exception {
        try (var walk = Files.walk(film.resolve(".cinestack/takes"))) {
            return walk.filter(p -> p.getFileName().toString().equals("take.mp4")).count();
        }
    }

    @Test
    void oneShotIsMadeAloneAndThenCutIntoTheFilmWithTheOthersAsTheyAre(@TempDir Path film) throws Exception {
        Files.writeString(film.resolve("film.yaml"), TestFilms.withAna("Shots", 320, 180, "INT. TOWER - NIGHT",
            "{id: a, size: ws, subject: ana, duration: 1}", "{id: b, size: cu, subject: ana, duration: 1}",
            "{id: c, size: ms, subject: ana, duration: 1, camera: {move: pan-left, lens: 35}}"));

        // on a fresh project: only b is shot, and nothing is cut
        FilmRender.Result first = FilmRender.render(film, options(List.of("b")));
        assertThat(first.takesGenerated()).isEqualTo(2);
        assertThat(first.waitingFor()).containsExactly("a", "c");
        assertThat(first.master()).isNull();
        assertThat(takes(film)).isEqualTo(2);
        assertThat(film.resolve("out/shots.mp4")).doesNotExist();
        // b's choice is kept in film.lock, so the board shows it; a and c are still planned
        assertThat(ShotBoard.of(Project.of(film)).cards()).extracting(ShotBoard.Card::status)
            .containsExactly("planned", "circled", "planned");

        FilmRender.Result whole = FilmRender.render(film, options(List.of()));
        assertThat(whole.takesGenerated()).as("b's takes were there").isEqualTo(4);
        assertThat(whole.waitingFor()).isEmpty();

        // the director circles b's other take; rendering b alone re-cuts the film with it, shooting nothing
        int chosen = JSON.readTree(whole.provenance().toFile()).path("ingredients").get(1).path("take").asInt();
        int other = chosen == 1 ? 2 : 1;
        Circling.circle(Project.of(film), "b", other);
        FilmRender.Result again = FilmRender.render(film, options(List.of("b")));
        assertThat(again.takesGenerated()).isZero();
        assertThat(again.waitingFor()).isEmpty();
        JsonNode ingredients = JSON.readTree(again.provenance().toFile()).path("ingredients");
        assertThat(ingredients.get(1).path("title").asString()).isEqualTo("b");
        assertThat(ingredients.get(1).path("take").asInt()).as("the master cuts the circled take").isEqualTo(other);
        assertThat(takes(film)).isEqualTo(6);

        // c is changed but not rendered: b alone cannot be cut with c's old takes, and out/ keeps the last cut
        byte[] master = Files.readAllBytes(again.master());
        Files.writeString(film.resolve("film.yaml"), Files.readString(film.resolve("film.yaml"))
            .replace("lens: 35}", "lens: 85}"));
        FilmRender.Result stale = FilmRender.render(film, options(List.of("b")));
        assertThat(stale.waitingFor()).containsExactly("c");
        assertThat(stale.takesGenerated()).isZero();
        assertThat(stale.warnings()).anyMatch(w -> w.contains("the master waits for 1 shot(s)") && w.contains("c"));
        assertThat(Files.readAllBytes(again.master())).isEqualTo(master);
        assertThat(takes(film)).as("c was not shot").isEqualTo(6);
        // the board says c changed since its takes, and still shows them
        ShotBoard.Card c = ShotBoard.of(Project.of(film)).cards().get(2);
        assertThat(c.status()).isEqualTo("changed");
        assertThat(c.lensMm()).isEqualTo(85);
        assertThat(c.takes()).hasSize(2);
    }

    @Test
    void aShotNotInTheFilmIsBadInputNamingTheFilmsShots(@TempDir Path film) throws Exception {
        Files.writeString(film.resolve("film.yaml"), TestFilms.withAna("Shots", 320, 180, "INT. TOWER - NIGHT",
            "{id: a, size: ws, subject: ana, duration: 1}"));
        assertThatThrownBy(() -> FilmRender.render(film, options(List.of("zz"))))
            .isInstanceOf(BadInputException.class)
            .hasMessageContaining("no shot 'zz' in film.yaml; its shots: a");
        assertThat(film.resolve(".cinestack/takes")).doesNotExist();
    }
}
