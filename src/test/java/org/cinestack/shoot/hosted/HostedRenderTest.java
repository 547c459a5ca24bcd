package org.cinestack.shoot.hosted;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.film.BadInputException;
import org.cinestack.render.FilmRender;
import org.cinestack.render.RenderListener;
import org.cinestack.shoot.comfyui.FakeComfyUi;
import org.cinestack.shoot.remote.Ledger;

/**
 * A whole render routed by film.yaml's {@code shoot:} section to two hosted backends on WireMock (Veo for the
 * character shot, with the cast member's reference still; Luma for the establishing shot, with its camera concept),
 * Kling for the insert without a key (so it falls back to previs, with a warning), and previs for the rest. Then: a
 * second render submits nothing; {@code --draft} makes new small takes; {@code --final} re-makes the circled takes at
 * full size with the same seeds; no key appears in any file of the project.
 */
class HostedRenderTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String FILM = """
        title: Harbour Light
        seed: 12
        format: {aspect: 1.78, width: 320, height: 180, fps: 24}
        cast:
          - {id: ana, name: Ana, description: "forties, cropped grey hair", wardrobe: navy pea coat}
        shoot:
          character: veo
          establishing: luma
          insert: kling
          default: previs
          fallback: [previs]
        scenes:
          - id: quay
            heading: EXT. HARBOUR - DUSK
            shots:
              - {id: a, size: ews, subject: the harbour at dusk, duration: 1.5, camera: {move: crane-up, speed: 0.4}}
              - {id: b, size: mcu, subject: ana, action: she looks out to sea, emotion: hope, duration: 2,
                 camera: {move: dolly-in, speed: 0.4}}
              - {id: c, size: insert, subject: the lamp, action: the lamp flickers on, duration: 1}
              - {id: d, size: ms, subject: the boats, duration: 1}
        """;

    @TempDir
    Path dir;
    WireMockServer wm;
    byte[] clip;

    @BeforeEach
    void start() throws IOException {
        wm = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        wm.start();
        Path c = dir.resolve("clip.mp4");
        FakeComfyUi.clip(c, 64, 36, 24, 48);
        clip = Files.readAllBytes(c);
        Files.delete(c);
        Files.createDirectories(dir.resolve("film"));
        Files.writeString(dir.resolve("film/film.yaml"), FILM);
        Files.createDirectories(dir.resolve("film/assets"));
        BufferedImage still = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        still.setRGB(3, 3, 0x336699);
        ImageIO.write(still, "png", dir.resolve("film/assets/ana.png").toFile());
        wm.stubFor(post(urlEqualTo("/generations/video")).willReturn(json("{\"id\":\"g-1\",\"state\":\"queued\"}")));
        wm.stubFor(get(urlEqualTo("/generations/g-1")).willReturn(json("{\"id\":\"g-1\",\"state\":\"completed\","
            + "\"assets\":{\"video\":\"" + wm.baseUrl() + "/files/clip.mp4\"}}")));
        wm.stubFor(post(urlPathMatching("/v1beta/models/.*:predictLongRunning")).willReturn(json("{\"name\":"
            + "\"models/veo-3.1-fast-generate-preview/operations/o-1\"}")));
        wm.stubFor(get(urlEqualTo("/v1beta/models/veo-3.1-fast-generate-preview/operations/o-1")).willReturn(json(
            "{\"done\":true,\"response\":{\"generateVideoResponse\":{\"generatedSamples\":[{\"video\":{\"uri\":\""
                + wm.baseUrl() + "/files/clip.mp4\"}}]}}}")));
        wm.stubFor(get(urlEqualTo("/files/clip.mp4")).willReturn(aResponse().withStatus(200).withBody(clip)));
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /**
     * A render without retakes: the stand-in answers every shot with the same moving bar, which the dailies rightly
     * reject for its shot's move, and these tests are about routing, not takes.
     */
    FilmRender.Result render(FilmRender.Quality quality, String backend, Map<String, String> env) {
        return render(quality, backend, env, 0, Double.POSITIVE_INFINITY);
    }

    FilmRender.Result render(FilmRender.Quality quality, String backend, Map<String, String> env, int retakes,
                             double budgetUsd) {
        FilmRender.Shoot shoot = new FilmRender.Shoot(List.of(), Optional.empty(), Map.of(), false,
            budgetUsd, Duration.ofMillis(10), env, quality);
        return FilmRender.render(dir.resolve("film"), new FilmRender.Options(null, 1, backend, 2,
            new RenderListener() { }, org.cinestack.mix.Delivery.WEB, shoot).withRetakes(retakes));
    }

    /**
     * The dailies retake a paid take they reject (the stand-in's moving bar is no dolly-in), each retake one more
     * paid request, up to the retakes allowed; then the shot needs the director.
     */
    @Test
    void aRejectedPaidTakeIsRetakenUpToTheRetakesAllowed() {
        FilmRender.Result r = render(FilmRender.Quality.NORMAL, null, envWithoutKling(), 2, Double.POSITIVE_INFINITY);
        assertThat(bodies("/v1beta/models/.*")).as("take 1 and two retakes of the character shot").hasSize(3);
        assertThat(new Ledger(dir.resolve("film/.cinestack")).entries())
            .filteredOn(e -> e.outcome() == Ledger.Outcome.SUBMITTED && e.shot().equals("b"))
            .extracting(Ledger.Entry::take).containsExactly(1, 2, 3);
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("shot b").contains("shooting take 3"));
    }

    /** A retake the budget cannot pay for is not made, and the render says so; the first takes are kept. */
    @Test
    void aRetakeOverTheBudgetIsNotMade() {
        org.cinestack.plan.Plan plan = org.cinestack.plan.Planner.plan(org.cinestack.film.FilmReader.parse(FILM,
            "film.yaml"));
        Map<String, String> env = envWithoutKling();
        double firstTakes = 0;
        for (String[] shot : new String[][] {{"a", "luma"}, {"b", "veo"}}) {
            org.cinestack.plan.ShotSpec s = plan.specs().stream().filter(x -> x.shotId().equals(shot[0])).findFirst()
                .orElseThrow();
            firstTakes += HostedBackends.open(shot[1], env, dir.resolve("probe"), new Ledger(dir.resolve("probe")),
                org.cinestack.shoot.remote.Budget.unlimited(), HostedBackends.Options.DEFAULT).estimateUsd(s);
        }
        FilmRender.Result r = render(FilmRender.Quality.NORMAL, null, env, 2, firstTakes + 0.01);
        assertThat(r.master()).isNotEmptyFile();
        assertThat(bodies("/v1beta/models/.*")).as("no retake was paid for").hasSize(1);
        assertThat(bodies("/generations/video")).hasSize(1);
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("shot b").contains("a retake would cost about")
            .contains("budget leaves; not made"));
    }

    Map<String, String> envWithoutKling() {
        Map<String, String> env = new java.util.HashMap<>(HostedContractTest.env(wm.baseUrl()));
        env.remove("KLING_ACCESS_KEY");
        return env;
    }

    List<JsonNode> bodies(String pathRegex) {
        List<JsonNode> out = new ArrayList<>();
        for (LoggedRequest r : wm.findAll(postRequestedFor(urlPathMatching(pathRegex)))) {
            out.add(JSON.readTree(r.getBodyAsString()));
        }
        return out;
    }

    @Test
    void shotsGoWhereFilmYamlRoutesThemWithStillsAndFallbacks() throws IOException {
        FilmRender.Result r = render(FilmRender.Quality.NORMAL, null, envWithoutKling());
        assertThat(r.master()).isNotEmptyFile();
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("shot c (insert)")
            .contains("KLING_ACCESS_KEY").contains("made on previs"));

        List<JsonNode> luma = bodies("/generations/video");
        assertThat(luma).as("the establishing shot went to Luma, with its move as a concept").hasSize(1);
        assertThat(luma.getFirst().at("/concepts/0/key").asString()).isEqualTo("crane_up");
        List<JsonNode> veo = bodies("/v1beta/models/.*");
        assertThat(veo).as("the character shot went to Veo").hasSize(1);
        JsonNode ref = veo.getFirst().at("/instances/0/referenceImages/0");
        assertThat(ref.path("referenceType").asString()).as("the enum's value as Google's SDK sends it")
            .isEqualTo("ASSET");
        assertThat(veo.getFirst().at("/parameters").has("negativePrompt"))
            .as("Veo refuses a negative prompt beside reference images").isFalse();
        assertThat(Base64.getDecoder().decode(ref.at("/image/bytesBase64Encoded").asString()))
            .as("Ana's still from assets/ana.png").isEqualTo(Files.readAllBytes(dir.resolve("film/assets/ana.png")));

        JsonNode provenance = JSON.readTree(Files.readString(r.provenance()));
        assertThat(provenance.toString()).contains("veo/").contains("luma/").contains("previs/");
        assertThat(provenance.at("/assertions/1/data/generative").asBoolean()).isTrue();
        assertThat(provenance.at("/assertions/0/data/actions/0/digitalSourceType").asString())
            .endsWith("/compositeWithTrainedAlgorithmicMedia");
        assertThat(provenance.at("/ingredients/1/model").asString()).as("the character shot's model")
            .isEqualTo("veo-3.1-fast-generate-preview");
        assertThat(provenance.at("/ingredients/1/digitalSourceType").asString()).endsWith("/trainedAlgorithmicMedia");
        assertThat(provenance.at("/ingredients/1/costUsd").asDouble()).isPositive();
        assertThat(new Ledger(dir.resolve("film/.cinestack")).entries()).extracting(Ledger.Entry::backend)
            .containsOnly("luma", "veo");
        assertThat(new Ledger(dir.resolve("film/.cinestack")).entries()).extracting(Ledger.Entry::take)
            .as("each request is booked to its take").containsOnly(1);

        int sent = wm.findAll(postRequestedFor(urlPathMatching(".*"))).size();
        FilmRender.Result again = render(FilmRender.Quality.NORMAL, null, envWithoutKling());
        assertThat(again.takesGenerated()).isZero();
        assertThat(wm.findAll(postRequestedFor(urlPathMatching(".*")))).as("nothing is generated twice").hasSize(sent);
        assertNoKeyInProject();
    }

    @Test
    void draftsAreSmallAndFinalRemakesTheCircledTakeWithTheSameSeed() throws IOException {
        render(FilmRender.Quality.DRAFT, null, envWithoutKling());
        JsonNode draft = bodies("/generations/video").getLast();
        assertThat(draft.path("resolution").asString()).isEqualTo("540p");
        JsonNode veoDraft = bodies("/v1beta/models/.*").getLast();

        FilmRender.Result fin = render(FilmRender.Quality.FINAL, null, envWithoutKling());
        assertThat(fin.takesGenerated()).as("the two generative shots, again at full quality").isEqualTo(2);
        assertThat(bodies("/generations/video")).hasSize(2);
        JsonNode veoFinal = bodies("/v1beta/models/.*").getLast();
        assertThat(veoFinal.at("/parameters/resolution").asString()).isEqualTo("720p");
        assertThat(veoFinal.at("/instances/0/prompt")).isEqualTo(veoDraft.at("/instances/0/prompt"));
        List<Ledger.Entry> ledger = new Ledger(dir.resolve("film/.cinestack")).entries();
        List<String> tasks = ledger.stream().filter(e -> e.outcome() == Ledger.Outcome.SUBMITTED)
            .map(Ledger.Entry::clientTaskId).toList();
        assertThat(tasks).as("draft and final are different jobs").doesNotHaveDuplicates().hasSize(4);
        assertThat(render(FilmRender.Quality.FINAL, null, envWithoutKling()).takesGenerated()).isZero();
    }

    @Test
    void aMissingKeyWithNoFallbackStopsBeforeAnythingIsSent() {
        assertThatThrownBy(() -> render(FilmRender.Quality.NORMAL, "runway", Map.of()))
            .isInstanceOf(BadInputException.class).hasMessageContaining("RUNWAYML_API_SECRET")
            .hasMessageContaining("nothing was submitted");
        assertThat(wm.getAllServeEvents()).isEmpty();
        assertThat(dir.resolve("film/out")).doesNotExist();
    }

    void assertNoKeyInProject() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(text).as(f.toString()).doesNotContain(HostedContractTest.KEY)
                    .doesNotContain(HostedContractTest.SECRET);
            }
        }
    }
}
