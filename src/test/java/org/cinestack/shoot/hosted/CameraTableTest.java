package org.cinestack.shoot.hosted;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.film.CameraMove;
import org.cinestack.shoot.remote.Budget;
import org.cinestack.shoot.remote.Http;
import org.cinestack.shoot.remote.Ledger;

/**
 * Every move of our vocabulary, in every hosted backend's structured camera fields, or "words" where the backend has
 * none and the prompt's camera words carry the move. Kling's columns show its pan/tilt swap: our pans go in its
 * {@code tilt}, our tilts in its {@code pan} (and the document's reading, unswapped, beside it). Luma's concept keys
 * are from its concepts list (https://docs.lumalabs.ai/changelog/concepts); Kling's axes and signs from its
 * camera_control reference; fal's Kling v1 standard endpoint takes the same axes as {@code advanced_camera_control}.
 */
class CameraTableTest {
    /** move | luma | kling (swapped) | kling (documented) | fal kling-v1 | runway, veo, replicate, fal wan. */
    static final String TABLE = """
        static        | static        | words    | words    | words         | words
        pan-left      | pan_left      | tilt -5  | pan -5   | tilt -5       | words
        pan-right     | pan_right     | tilt +5  | pan +5   | tilt +5       | words
        tilt-up       | tilt_up       | pan +5   | tilt +5  | pan +5        | words
        tilt-down     | tilt_down     | pan -5   | tilt -5  | pan -5        | words
        dolly-in      | push_in       | words    | words    | words         | words
        dolly-out     | pull_out      | words    | words    | words         | words
        truck-left    | truck_left    | horizontal -5 | horizontal -5 | horizontal -5 | words
        truck-right   | truck_right   | horizontal +5 | horizontal +5 | horizontal +5 | words
        pedestal-up   | pedestal_up   | vertical +5 | vertical +5 | vertical +5 | words
        pedestal-down | pedestal_down | vertical -5 | vertical -5 | vertical -5 | words
        crane-up      | crane_up      | words    | words    | words         | words
        crane-down    | crane_down    | words    | words    | words         | words
        zoom-in       | zoom_in       | zoom -5  | zoom -5  | zoom -5       | words
        zoom-out      | zoom_out      | zoom +5  | zoom +5  | zoom +5       | words
        dolly-zoom    | dolly_zoom    | words    | words    | words         | words
        orbit-left    | orbit_left    | words    | words    | words         | words
        orbit-right   | orbit_right   | words    | words    | words         | words
        handheld      | handheld      | words    | words    | words         | words
        """;

    @Test
    void everyMoveMapsToEachBackendsCameraFieldsOrToPromptWords(@TempDir Path dir) {
        Map<String, HostedBackend> b = backends(dir);
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String line : TABLE.strip().split("\n")) {
            String[] cells = line.split("\\|");
            for (int i = 0; i < cells.length; i++) cells[i] = cells[i].strip();
            rows.put(cells[0], cells);
        }
        assertThat(rows.keySet()).as("the table covers the whole vocabulary").containsExactlyElementsOf(
            CameraMove.codes());
        for (String[] r : rows.values()) {
            String move = r[0];
            assertThat(luma(b.get("luma").cameraControl(move))).as("luma " + move).isEqualTo(r[1]);
            assertThat(kling(b.get("kling").cameraControl(move))).as("kling " + move).isEqualTo(r[2]);
            assertThat(kling(b.get("kling-documented").cameraControl(move))).as("kling documented " + move)
                .isEqualTo(r[3]);
            assertThat(fal(b.get("fal-kling").cameraControl(move))).as("fal kling " + move).isEqualTo(r[4]);
            for (String words : List.of("runway", "veo", "replicate", "fal")) {
                assertThat(b.get(words).cameraControl(move)).as(words + " " + move).isEmpty();
                assertThat(r[5]).isEqualTo("words");
            }
        }
    }

    @Test
    void klingTakesOneNonZeroAxisScaledByMotionStrength(@TempDir Path dir) {
        KlingBackend k = (KlingBackend) backends(dir).get("kling");
        JsonNode c = k.cameraControl("zoom-in", 1 + 9 * 0.45).orElseThrow().path("camera_control");
        assertThat(c.path("type").asString()).isEqualTo("simple");
        assertThat(c.path("config").path("zoom").asDouble()).isEqualTo(-5.1);
        long nonZero = c.path("config").properties().stream().filter(e -> e.getValue().asDouble() != 0).count();
        assertThat(nonZero).isEqualTo(1);
        assertThat(c.path("config").properties()).hasSize(6);
    }

    /** RFC 7515 appendix A.1: the HS256 example's exact header, payload, key and signature. */
    @Test
    void theKlingTokenSignatureMatchesRfc7515AppendixA1() {
        String header = "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}";
        String payload = "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";
        byte[] key = java.util.Base64.getUrlDecoder().decode(
            "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow");
        assertThat(KlingBackend.jwtHs256(header, payload, key)).isEqualTo(
            "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
                + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
                + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        assertThat(header.getBytes(StandardCharsets.UTF_8)).hasSize(30);
    }

    static Map<String, HostedBackend> backends(Path dir) {
        Map<String, String> env = HostedContractTest.env("http://127.0.0.1:9");
        HostedBackends.Options o = new HostedBackends.Options("", Duration.ofSeconds(1), Duration.ofMinutes(1),
            Http.RetryPolicy.DEFAULT, 1, KlingBackend.Settings.DEFAULT);
        Map<String, HostedBackend> out = new LinkedHashMap<>();
        for (String id : HostedBackends.IDS) out.put(id, HostedBackends.open(id, env, dir, new Ledger(dir),
            Budget.unlimited(), o));
        out.put("kling-documented", HostedBackends.open("kling", env, dir, new Ledger(dir), Budget.unlimited(),
            new HostedBackends.Options("", o.pollEvery(), o.jobTimeout(), o.retry(), 1,
                new KlingBackend.Settings(false, "std"))));
        out.put("fal-kling", HostedBackends.open("fal", env, dir, new Ledger(dir), Budget.unlimited(),
            o.withModel("fal-ai/kling-video/v1/standard/text-to-video")));
        return out;
    }

    static String luma(Optional<JsonNode> c) {
        return c.map(n -> n.path("concepts").path(0).path("key").asString()).orElse("words");
    }

    static String kling(Optional<JsonNode> c) {
        if (c.isEmpty()) return "words";
        for (var e : c.get().path("camera_control").path("config").properties()) {
            double v = e.getValue().asDouble();
            if (v != 0) return e.getKey() + " " + (v > 0 ? "+" : "-") + fmt(Math.abs(v));
        }
        return "all zero";
    }

    static String fal(Optional<JsonNode> c) {
        if (c.isEmpty()) return "words";
        JsonNode a = c.get().path("advanced_camera_control");
        int v = a.path("movement_value").asInt();
        return a.path("movement_type").asString() + " " + (v > 0 ? "+" : "-") + Math.abs(v);
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
