package org.cinestack.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.cinestack.film.Film;
import org.cinestack.film.FilmReader;

/** The prompt's order, its locked descriptions, the move's motivation, the negative prompt, and the lints. */
class PromptCompilerTest {
    static final String FILM = """
        title: Letters
        seed: 4
        format: {aspect: 2.39, width: 640, height: 360, fps: 24}
        look: {grain: 0.2, palette: ["#2f4858", "#c9a227"], prohibitions: [smartphones], stock: Kodak Vision3 250D,
               style: teal-orange grade}
        cast:
          - {id: ana, name: Ana, description: "thirties, short dark hair", wardrobe: grey wool coat}
          - {id: ben, name: Ben}
        scenes:
          - id: one
            heading: INT. KITCHEN - NIGHT
            shots:
              - id: a
                size: mcu
                subject: ana
                action: she reads the letter
                emotion: dread
                duration: 3
                camera: {move: dolly-in, speed: 0.4, lens: 65, aperture: 2}
                light: {key: from a window on the left, setup: rembrandt}
              - id: b
                size: ms
                subject: ben
                coverage: ots
                over: ana
                action: Ben pulls back the chair, sits, pours tea, reads the paper and then laughs
                duration: 7
                camera: {move: pan-left, speed: 0.8}
                light: {key: soft, setup: high-key}
              - id: c
                size: ws
                subject: ana
                role: consequence
                duration: 2
                camera: {move: dolly-out, speed: 0.45}
        """;

    static Plan plan() {
        return Planner.plan(FilmReader.parse(FILM, "letters.yaml"));
    }

    @Test
    void sectionsComeInOrderWithTheLockedLookInEveryShot() {
        Plan p = plan();
        ShotPrompt a = p.specs().get(0).prompt();
        assertThat(a.subject()).isEqualTo("Ana, thirties, short dark hair, wearing grey wool coat; she reads the letter");
        assertThat(a.camera()).isEqualTo("medium close-up, chest up, eye-level, slow dolly in as she reads the letter, "
            + "dread building, 65mm lens at f/2, shallow depth of field");
        assertThat(a.light()).startsWith("Rembrandt lighting").contains("key light from a window on the left")
            .contains("warm tungsten 3200K");
        assertThat(a.environment()).isEqualTo("interior, kitchen at night");
        assertThat(a.style()).isEqualTo("shot on Kodak Vision3 250D, teal-orange grade, palette of slate blue and "
            + "mustard, fine film grain, 24 fps, 2.39:1 anamorphic widescreen, cinematic");
        String text = a.text();
        assertThat(text.indexOf("Ana,")).isLessThan(text.indexOf("Medium close-up"));
        assertThat(text.indexOf("Medium close-up")).isLessThan(text.indexOf("Rembrandt"));
        assertThat(text.indexOf("Rembrandt")).isLessThan(text.indexOf("Interior"));
        assertThat(text.indexOf("Interior")).isLessThan(text.indexOf("Shot on"));
        // Ana's look again in the OTS over her shoulder, and in her wide shot
        ShotPrompt b = p.specs().get(1).prompt();
        assertThat(b.castIds()).containsExactly("ben", "ana");
        assertThat(b.subject()).contains("seen over the shoulder of Ana, thirties, short dark hair, wearing grey wool "
            + "coat");
        assertThat(p.specs().get(2).prompt().subject()).startsWith("Ana, thirties, short dark hair");
        // a pull-out without an emotion reveals the place
        assertThat(p.specs().get(2).prompt().camera()).contains("steady dolly out, revealing the kitchen");
    }

    @Test
    void theNegativePromptIsTheProhibitionsThenTheDefaults() {
        assertThat(plan().specs().get(0).prompt().negative()).isEqualTo("smartphones, plastic skin, warped hands, "
            + "flicker, text, watermark");
    }

    @Test
    void theSameFilmCompilesToTheSameWords() {
        assertThat(plan().specs()).isEqualTo(plan().specs());
    }

    @Test
    void lintsNameTheShotAndTheFix() {
        Plan plan = plan();
        int limit = plan.specs().get(0).prompt().text().length(); // a fits exactly; b's longer action does not
        List<PromptLint.Finding> f = PromptLint.check(plan, limit, 0);
        assertThat(f).filteredOn(x -> x.shotId().equals("a")).isEmpty();
        List<String> b = f.stream().filter(x -> x.shotId().equals("b")).map(PromptLint.Finding::toString).toList();
        assertThat(b).anySatisfy(s -> assertThat(s).contains("overloaded prompt: 5 separate actions")
            .contains("give each action its own shot"));
        assertThat(b).anySatisfy(s -> assertThat(s).contains("the action says 'pulls back' but camera.move is "
            + "pan-left"));
        assertThat(b).anySatisfy(s -> assertThat(s).contains("7.0 s").contains("split it into 2 shots of 3.5 s"));
        assertThat(b).anySatisfy(s -> assertThat(s).contains("camera.speed) 0.80").contains("set camera.speed to "
            + "0.55"));
        assertThat(b).anySatisfy(s -> assertThat(s).contains("no dominant light source: the key 'soft'"));
        assertThat(b).anySatisfy(s -> assertThat(s).contains("character 'ben' has no locked description"));
        assertThat(b).anySatisfy(s -> assertThat(s).contains("over the backend's limit of " + limit));
        assertThat(f).filteredOn(x -> x.shotId().equals("c")).extracting(PromptLint.Finding::message)
            .noneMatch(m -> m.contains("motion strength") || m.contains("light source"));
    }

    @Test
    void paletteColoursGetPlainNames() {
        assertThat(ColourNames.nearest(0x8c2f39)).isEqualTo("wine red");
        assertThat(ColourNames.nearest(0x000000)).isEqualTo("black");
        assertThat(ColourNames.nearest(0x1e90ff)).isIn("cobalt", "steel blue", "sky blue");
    }
}
