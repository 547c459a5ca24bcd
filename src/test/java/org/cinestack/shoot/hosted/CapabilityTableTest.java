package org.cinestack.shoot.hosted;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.cinestack.plan.ShotSpec;
import org.cinestack.shoot.remote.Budget;
import org.cinestack.shoot.remote.GenerationRequest;
import org.cinestack.shoot.remote.Http;
import org.cinestack.shoot.remote.Ledger;
import org.cinestack.shoot.remote.ModelRules;

/**
 * Each backend's capability table is the one its requests are built from and the one {@code cinestack prompts}
 * reads: over seeded random shots on every model of every table, what the losses say is what the request does (a
 * move said to go as words has no camera field; a negative prompt said not to go is absent; the length sent is the
 * length the table makes).
 */
class CapabilityTableTest {
    static final List<String> MOVES = List.of("static", "pan-left", "pan-right", "tilt-up", "dolly-in", "zoom-out",
        "crane-up", "handheld", "orbit-left");
    @TempDir
    static Path dir;

    static Stream<Arguments> models() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (ModelRules m : RunwayBackend.MODELS) b.add(Arguments.of("runway", m.model(), ""));
        for (ModelRules m : LumaBackend.MODELS) b.add(Arguments.of("luma", m.model(), ""));
        for (ModelRules m : KlingBackend.MODELS) {
            b.add(Arguments.of("kling", m.model(), "std"));
            b.add(Arguments.of("kling", m.model(), "pro"));
        }
        for (ModelRules m : VeoBackend.MODELS) b.add(Arguments.of("veo", m.model(), ""));
        for (ModelRules m : ReplicateBackend.MODELS) b.add(Arguments.of("replicate", m.model(), ""));
        b.add(Arguments.of("replicate", "someone/wan-fork:5c7d5dc6", ""));
        return b.build().distinct();
    }

    static HostedBackend open(String id, String model, String mode) {
        HostedBackends.Options o = new HostedBackends.Options(model, Duration.ofMillis(10), Duration.ofSeconds(20),
            new Http.RetryPolicy(1, Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofSeconds(5)), 2,
            new KlingBackend.Settings(true, mode.isEmpty() ? "std" : mode));
        return HostedBackends.open(id, HostedContractTest.env("http://127.0.0.1:9"), dir.resolve(".cinestack"),
            new Ledger(dir.resolve(".cinestack")), Budget.unlimited(), o);
    }

    static boolean hasCamera(JsonNode body) {
        return body.has("camera_control") || body.has("concepts") || body.has("advanced_camera_control");
    }

    static boolean hasNegative(JsonNode body) {
        return body.has("negative_prompt") || body.has("negativePrompt") || body.at("/input/negative_prompt")
            .isString() || body.at("/parameters/negativePrompt").isString();
    }

    static double sentSeconds(JsonNode body) {
        for (String p : List.of("/duration", "/parameters/durationSeconds")) {
            JsonNode d = body.at(p);
            if (d.isNumber()) return d.asDouble();
            if (d.isString()) return Double.parseDouble(d.asString().replace("s", ""));
        }
        return Double.NaN;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("models")
    void whatTheLossesSayIsWhatTheRequestDoes(String id, String model, String mode) throws IOException {
        HostedBackend backend = open(id, model, mode);
        Path still = dir.resolve("first.png");
        if (!Files.exists(still)) {
            javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(16, 16,
                java.awt.image.BufferedImage.TYPE_INT_RGB), "png", still.toFile());
        }
        Random random = new Random(model.hashCode() * 31L + mode.hashCode());
        for (int i = 0; i < 40; i++) {
            double seconds = 0.5 + random.nextInt(24) * 0.5;
            String move = MOVES.get(random.nextInt(MOVES.size()));
            ShotSpec spec = ProviderContractTest.shot(seconds, move);
            GenerationRequest r = GenerationRequest.of(spec);
            boolean image = random.nextBoolean();
            if (image) r = r.withFirstFrame(still);
            ModelRules rules = backend.rules(r).orElseThrow();
            if (!image && model.startsWith("gen4")) continue; // made from a first frame only
            JsonNode body = backend.requestBody(r);
            List<String> losses = rules.losses(r, 0, backend.cameraControl(move).isPresent());
            String what = id + " " + model + " " + mode + " " + move + " " + seconds + " s" + (image ? " from a still"
                : "") + ": " + losses + " " + body;
            boolean wordsOnly = losses.stream().anyMatch(l -> l.contains("goes as prompt words only"));
            if (!List.of("static", "handheld").contains(move)) {
                assertThat(hasCamera(body)).as(what).isEqualTo(!wordsOnly);
            }
            boolean negativeLost = losses.stream().anyMatch(l -> l.contains("negative prompt is not sent"));
            assertThat(hasNegative(body)).as(what).isEqualTo(!negativeLost);
            double sent = sentSeconds(body);
            if (!Double.isNaN(sent)) assertThat(sent).as(what).isEqualTo(rules.madeSeconds(seconds));
            if (rules.madeSeconds(seconds) < seconds - 0.05) {
                assertThat(losses).as(what).anySatisfy(l -> assertThat(l).contains("last frame is held"));
            }
        }
    }

    @Test
    void aModelNotInTheTableIsTakenLikeTheTablesGeneralRowAndSaysSo() {
        ModelRules m = ModelRules.find(KlingBackend.MODELS, "kling-v9", false, "std");
        assertThat(m.model()).isEqualTo("kling-v9");
        assertThat(m.cameraAt()).as("a general row: no camera control assumed").isEmpty();
        assertThat(m.source()).contains("not in Cinestack's table");
        assertThat(ModelRules.find(KlingBackend.MODELS, "kling-v1", false, "std").cameraAt()).containsExactly(5.0);
        assertThat(ModelRules.find(KlingBackend.MODELS, "kling-v1", false, "pro").cameraAt()).isEmpty();
        assertThat(ModelRules.find(KlingBackend.MODELS, "kling-v1-5", true, "pro").cameraAt()).containsExactly(5.0);
    }

    /** On ComfyUI the move is kept only where VACE follows the previs depth pass. */
    @Test
    void comfyUiKeepsTheMoveOnlyWithThePrevisControlVideo() {
        org.cinestack.shoot.comfyui.ComfyUiBackend comfy = new org.cinestack.shoot.comfyui.ComfyUiBackend(
            dir.resolve(".cinestack"), new Ledger(dir.resolve(".cinestack")), Budget.unlimited(),
            org.cinestack.shoot.comfyui.ComfyUiBackend.Settings.of(List.of("http://127.0.0.1:9")),
            s -> java.util.Optional.empty());
        GenerationRequest r = GenerationRequest.of(ProviderContractTest.shot(3, "dolly-in"));
        ModelRules words = comfy.rules(r).orElseThrow();
        assertThat(words.model()).isEqualTo("wan21-t2v");
        assertThat(words.losses(r, 0, true)).anySatisfy(l -> assertThat(l).contains("goes as prompt words only"));
        GenerationRequest controlled = r.withControlVideo(dir.resolve("depth.mp4"));
        ModelRules vace = comfy.rules(controlled).orElseThrow();
        assertThat(vace.model()).isEqualTo("wan21-vace-v2v");
        assertThat(vace.losses(controlled, 0, true)).noneSatisfy(l -> assertThat(l).contains("prompt words"));
        assertThat(vace.seed()).isTrue();
    }

    @Test
    void lossesAreSaidInAFilmmakersWords() {
        ModelRules veo = VeoBackend.MODELS.getFirst();
        GenerationRequest r = GenerationRequest.of(ProviderContractTest.shot(5, "dolly-in"));
        assertThat(veo.losses(r, 0, false)).containsExactly(
            "the move (dolly-in) goes as prompt words only: veo-3.1-fast-generate-preview takes no camera control",
            "made as a clip of 6 s and cut to the shot's 5.0 s (the longer clip is paid for)",
            "veo-3.1-fast-generate-preview takes no seed: a retake differs and the take cannot be made again exactly");
        GenerationRequest withRefs = r.withReferences(List.of(dir.resolve("a.png")));
        assertThat(veo.losses(withRefs, 4, false)).contains(
            "the negative prompt is not sent: veo-3.1-fast-generate-preview refuses it beside reference stills",
            "1 of the shot's 4 reference stills go with it");
        GenerationRequest longShot = GenerationRequest.of(ProviderContractTest.shot(12, "static"));
        assertThat(veo.losses(longShot, 0, false)).contains("made as a clip of 8 s, the longest veo-3.1-fast-generate-preview "
            + "makes; its last frame is held for the 4.0 s left");
    }

    @Test
    void promptsTellsBeforeAnySpendWhatEachShotLosesAndCosts(@TempDir Path film) throws IOException {
        Files.writeString(film.resolve("film.yaml"), """
            title: Losses
            format: {aspect: 1.78, width: 128, height: 72, fps: 24}
            look: {prohibitions: [lens flare]}
            scenes:
              - id: one
                heading: EXT. HARBOUR - DAWN
                shots:
                  - {id: a, size: ws, subject: the harbour, camera: {move: dolly-in}, duration: 7}
                  - {id: b, size: ms, subject: the boats, camera: {move: pan-right}, duration: 4}
            """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = org.cinestack.cli.Main.run(new String[] {"prompts", film.toString(), "--backend", "kling"});
        } finally {
            System.setOut(old);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        assertThat(text).contains("loses:       made as a clip of 10 s and cut to the shot's 7.0 s")
            .contains("loses:       the move (dolly-in) goes as prompt words only")
            .contains("cost:        about $")
            .contains("on kling (kling-v1): about $");
        assertThat(text).as("shot b: a 5 s pan on kling-v1 std keeps its camera control")
            .doesNotContain("the move (pan-right)");
    }
}
