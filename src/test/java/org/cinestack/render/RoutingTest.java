package org.cinestack.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.cinestack.film.BadInputException;
import org.cinestack.film.Film;
import org.cinestack.film.FilmReader;
import org.cinestack.film.FilmWriter;

/** Shot kinds, routes and fallback chains from film.yaml's shoot section, and its errors. */
class RoutingTest {
    static final String FILM = """
        title: Routes
        cast:
          - {id: ana, name: Ana}
        shoot:
          character: kling
          establishing: luma
          insert: veo
          stylized: runway
          default: comfyui
          shots: {dream: stylized, boats: fal}
          fallback: [fal, previs]
          models: {kling: kling-v1-5}
        scenes:
          - id: quay
            heading: EXT. HARBOUR - DUSK
            shots:
              - {id: open, size: ws, subject: ana, duration: 2}
              - {id: face, size: cu, subject: ana, duration: 2}
              - {id: lamp, size: insert, subject: the lamp, duration: 1}
              - {id: hands, size: ecu, subject: a knot in the rope, duration: 1}
              - {id: sea, size: ews, subject: the sea, duration: 2}
              - {id: walk, size: fs, subject: ana, duration: 2}
              - {id: dream, size: ms, subject: ana, duration: 2}
              - {id: boats, size: ws, subject: the boats, duration: 2}
        """;

    @Test
    void kindsAndChainsFollowTheShootSection() {
        Film f = FilmReader.parse(FILM, "film.yaml");
        Map<String, Routing.Route> r = Routing.routes(f, "");
        Map<String, String> kinds = new java.util.LinkedHashMap<>();
        r.forEach((id, route) -> kinds.put(id, route.kind()));
        assertThat(kinds).containsExactly(Map.entry("open", "establishing"), Map.entry("face", "character"),
            Map.entry("lamp", "insert"), Map.entry("hands", "insert"), Map.entry("sea", "establishing"),
            Map.entry("walk", "default"), Map.entry("dream", "stylized"), Map.entry("boats", "establishing"));
        assertThat(r.get("face").chain()).containsExactly("kling", "fal", "previs");
        assertThat(r.get("walk").chain()).containsExactly("comfyui", "fal", "previs");
        assertThat(r.get("dream").chain()).containsExactly("runway", "fal", "previs");
        assertThat(r.get("boats").chain()).as("a shot named to a backend goes there first")
            .containsExactly("fal", "luma", "previs");
        assertThat(Routing.routes(f, "previs").values()).allSatisfy(x -> assertThat(x.chain())
            .containsExactly("previs"));
        assertThat(f.shoot().models()).containsEntry("kling", "kling-v1-5");
    }

    @Test
    void theShootSectionSurvivesWritingAndReadingBack() {
        Film f = FilmReader.parse(FILM, "film.yaml");
        Film back = FilmReader.parse(FilmWriter.yaml(f, List.of()), "back.yaml");
        assertThat(back.shoot()).isEqualTo(f.shoot());
    }

    @Test
    void withoutASectionEveryShotIsPrevis() {
        Film f = FilmReader.parse(FILM.replaceAll("(?s)shoot:.*?scenes:", "scenes:"), "film.yaml");
        assertThat(Routing.routes(f, "").values()).allSatisfy(x -> assertThat(x.chain()).containsExactly("previs"));
    }

    @Test
    void unknownBackendsShotsAndIdsAreNamedWithTheirLine() {
        String bad = FILM.replace("character: kling", "character: sora").replace("boats: fal", "boat: fal")
            .replace("models: {kling: kling-v1-5}", "models: {kling: kling-v1-5}\n  references: {bob: a.png}");
        assertThatThrownBy(() -> FilmReader.parse(bad, "film.yaml")).isInstanceOf(BadInputException.class)
            .satisfies(e -> assertThat(((BadInputException) e).problems()).extracting(p -> p.line() + ": "
                + p.message()).anySatisfy(m -> assertThat(m).startsWith("5: ").contains("unknown backend 'sora'")
                .contains("allowed: previs, comfyui"))
                .anySatisfy(m -> assertThat(m).contains("shot 'boat', which is not in the film"))
                .anySatisfy(m -> assertThat(m).contains("'bob', which is neither a cast id nor a scene id")));
    }
}
