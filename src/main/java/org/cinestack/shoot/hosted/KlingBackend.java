package org.cinestack.shoot.hosted;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.cinestack.shoot.remote.Budget;
import org.cinestack.shoot.remote.Capabilities;
import org.cinestack.shoot.remote.GenerationRequest;
import org.cinestack.shoot.remote.Http;
import org.cinestack.shoot.remote.Ledger;
import org.cinestack.shoot.remote.ModelRules;

/**
 * Kling's API (https://app.klingai.com/global/dev/document-api, "General Information" and "Video Generation"):
 * {@code POST /v1/videos/text2video} or {@code /v1/videos/image2video} with {@code model_name}, {@code prompt},
 * {@code negative_prompt}, {@code mode}, {@code aspect_ratio}, {@code duration} ("5" or "10"), {@code camera_control}
 * and {@code external_task_id}; answers {@code {"code":0, "data":{"task_id", "task_status"}}}. {@code GET
 * /v1/videos/<kind>/{id}} (the task id or our external task id) reports {@code task_status} submitted, processing,
 * succeed or failed, with {@code task_result.videos[].url}, {@code task_status_msg} and {@code final_unit_deduction}.
 * <p>
 * Authentication is a JSON Web Token (RFC 7519) signed HS256 (RFC 7515) with the secret key: {@code iss} the access
 * key, {@code exp} now + 1800 s, {@code nbf} now - 5 s, sent as {@code Authorization: Bearer <token>}; the keys come
 * from {@code KLING_ACCESS_KEY} and {@code KLING_SECRET_KEY}. Our client task id goes as {@code external_task_id}, so a
 * submission whose answer was lost is found again instead of paid twice.
 * <p>
 * Camera: {@code camera_control} of type {@code simple} takes one non-zero field of {@code horizontal},
 * {@code vertical}, {@code pan}, {@code tilt}, {@code roll}, {@code zoom} (-10..10). Kling's {@code pan} and
 * {@code tilt} are swapped against cinema's words: its {@code pan} turns the camera up and down and its {@code tilt}
 * turns it left and right (the behaviour users report, and the wording of ComfyUI's Kling nodes; the current English
 * document describes them the other way round). So our tilt-up is {@code pan: +v} and our pan-right is
 * {@code tilt: +v}; {@link Settings#swapPanTilt()} false follows the document's wording instead. Negative zoom
 * narrows the field of view (zoom in). Dolly, crane, orbit, dolly-zoom, handheld and static have no field and go as
 * prompt words. Camera control is sent where Kling takes it ({@link #MODELS}: kling-v1 std 5 s text to
 * video, kling-v1-5 pro 5 s image to video); elsewhere the move is prompt words only. Kling takes no seed.
 * Price: 1 unit ($0.14) for 5 s of kling-v1 std; the actual units come back in {@code final_unit_deduction}.
 */
public final class KlingBackend extends HostedBackend {
    private static final Profile PROFILE = new Profile("kling", "Kling",
        "https://app.klingai.com/global/dev/document-api",
        List.of("KLING_ACCESS_KEY", "KLING_SECRET_KEY"), "kling-v1");
    /** Dollars per Kling unit (resource pack price). */
    public static final double USD_PER_UNIT = 0.14;
    private static final List<String> RATIOS = List.of("16:9", "9:16", "1:1");
    /**
     * What each Kling model accepts. Camera control only for kling-v1 std 5 s text to video and kling-v1-5 pro 5 s
     * image to video (ComfyUI {@code comfy_api_nodes/nodes_kling.py} {@code KlingCameraControlT2VNode} and
     * {@code KlingCameraControlI2VNode}; Kling's capability map,
     * https://app.klingai.com/global/dev/document-api/apiReference/model/skillsMap; read 2026-12-06); 5 or 10 s, a
     * negative prompt, no seed ({@code KlingText2VideoRequest} in ComfyUI's {@code comfy_api_nodes/apis}).
     */
    static final List<ModelRules> MODELS = List.of(
        kling("kling-v1", ModelRules.Input.ANY, ""), kling("kling-v1-5", ModelRules.Input.ANY, ""),
        kling("kling-v1-6", ModelRules.Input.ANY, ""), kling("kling-v2-master", ModelRules.Input.ANY, ""),
        kling("kling-v2-1-master", ModelRules.Input.ANY, ""),
        kling("kling-v1", ModelRules.Input.TEXT, "std"), kling("kling-v1-5", ModelRules.Input.IMAGE, "pro"));

    private static ModelRules kling(String model, ModelRules.Input input, String mode) {
        return new ModelRules(model, input, mode, List.of(5.0, 10.0), 10, RATIOS, List.of(), false, true, true, 0,
            mode.isEmpty() ? List.of() : List.of(5.0), false, false, "ComfyUI comfy_api_nodes/nodes_kling.py and "
                + "Kling's capability map, read 2026-12-06");
    }

    @Override
    public Optional<ModelRules> rules(GenerationRequest r) {
        return Optional.of(ModelRules.find(MODELS, model(), r.firstFrame().isPresent(), settings.mode()));
    }

    /**
     * Kling-specific settings.
     *
     * @param swapPanTilt true (default) to send our pans as Kling's {@code tilt} and our tilts as its {@code pan}
     * @param mode        {@code std} or {@code pro}
     */
    public record Settings(boolean swapPanTilt, String mode) {
        /** Swapped axes, standard mode. */
        public static final Settings DEFAULT = new Settings(true, "std");
    }

    private final Settings settings;

    /**
     * @param cacheFolder the project's {@code .cinestack} folder
     * @param ledger      the ledger
     * @param budget      the budget
     * @param account     the account: key the access key, secondKey the secret key
     * @param settings    Kling's settings
     */
    public KlingBackend(Path cacheFolder, Ledger ledger, Budget budget, Account account, Settings settings) {
        super(cacheFolder, ledger, budget, account, PROFILE);
        this.settings = settings;
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(true, true, false, 0, false, 10, RATIOS, true, 2500, USD_PER_UNIT / 5,
            Math.max(1, account.maxConcurrent()));
    }

    /** Our move codes to Kling's {@code camera_control}; magnitude 5 of 10. */
    @Override
    public Optional<JsonNode> cameraControl(String move) {
        return cameraControl(move, 5);
    }

    /**
     * @param move      our move code
     * @param magnitude 1..10
     * @return {@code {"camera_control": {"type":"simple", "config": {...}}}}, or empty for prompt words
     */
    public Optional<JsonNode> cameraControl(String move, double magnitude) {
        return new KlingAxes(settings).control(move, magnitude);
    }

    @Override
    protected double billedSeconds(GenerationRequest r) {
        return rules(r).orElseThrow().madeSeconds(r.durationSeconds());
    }

    @Override
    public JsonNode requestBody(GenerationRequest r) {
        ObjectNode b = object();
        b.put("model_name", model());
        b.put("prompt", r.prompt());
        ModelRules rules = rules(r).orElseThrow();
        if (rules.sendsNegative(r)) b.put("negative_prompt", r.negative());
        if (model().equals("kling-v1") || model().startsWith("kling-v1-")) b.put("cfg_scale", 0.5);
        b.put("mode", settings.mode());
        b.put("duration", String.valueOf((int) rules.madeSeconds(r.durationSeconds())));
        if (r.firstFrame().isPresent()) {
            b.put("image", base64(r.firstFrame().get()));
        } else {
            b.put("aspect_ratio", nearestRatio(r.width(), r.height(), rules.ratios()));
        }
        if (rules.takesCamera(r)) {
            cameraControl(r.move(), 1 + 9 * Math.clamp(r.motionStrength(), 0, 1))
                .ifPresent(c -> b.setAll((ObjectNode) c));
        }
        return b;
    }

    @Override
    protected HttpRequest submitRequest(GenerationRequest r, JsonNode body, String clientTaskId) {
        ObjectNode withId = ((ObjectNode) body).deepCopy();
        withId.put("external_task_id", clientTaskId);
        return post("/v1/videos/" + kind(r), withId);
    }

    private static String kind(GenerationRequest r) {
        return r.firstFrame().isPresent() ? "image2video" : "text2video";
    }

    @Override
    protected HttpRequest.Builder authorize(HttpRequest.Builder builder) {
        long now = Instant.now().getEpochSecond();
        String payload = object().put("iss", account.key()).put("exp", now + 1800).put("nbf", now - 5).toString();
        return builder.header("Authorization", "Bearer " + jwtHs256("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payload,
            account.secondKey().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A JSON Web Signature in compact form with HMAC-SHA256 (RFC 7515 section 3.1 and appendix A.1).
     *
     * @param headerJson  the protected header, exactly as signed
     * @param payloadJson the payload, exactly as signed
     * @param key         the HMAC key
     * @return {@code base64url(header).base64url(payload).base64url(signature)}
     */
    public static String jwtHs256(String headerJson, String payloadJson, byte[] key) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
            + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    @Override
    protected Optional<String> jobId(JsonNode answer, GenerationRequest r) {
        if (answer.path("code").asInt(-1) != 0) return Optional.empty();
        String id = answer.path("data").path("task_id").asString("");
        return id.isEmpty() ? Optional.empty() : Optional.of(kind(r) + "/" + id);
    }

    @Override
    protected HttpRequest statusRequest(String jobId) {
        return get("/v1/videos/" + jobId);
    }

    @Override
    protected Status status(JsonNode a, String jobId) {
        if (a.path("code").asInt(0) != 0) {
            return Status.failed("code " + a.path("code").asInt() + ": " + a.path("message").asString(""));
        }
        JsonNode d = a.path("data");
        return switch (d.path("task_status").asString("")) {
            case "succeed" -> Status.done(d.path("task_result").path("videos").path(0).path("url").asString(""),
                units(d.path("final_unit_deduction")) * USD_PER_UNIT);
            case "failed" -> Status.failed(d.path("task_status_msg").asString(""));
            default -> Status.running(-1);
        };
    }

    @Override
    protected boolean canLookUp() {
        return true;
    }

    @Override
    protected Optional<String> lookup(String clientTaskId, GenerationRequest request) {
        for (String kind : List.of("text2video", "image2video")) {
            try {
                JsonNode a = JSON.readTree(http.send(get("/v1/videos/" + kind + "/" + clientTaskId),
                    "looking up job " + clientTaskId).body());
                String id = a.path("data").path("task_id").asString("");
                if (a.path("code").asInt(-1) == 0 && !id.isEmpty()) return Optional.of(kind + "/" + id);
            } catch (Http.ApiError e) {
                if (e.status() != 404 && e.status() != 400) throw e;
            } catch (RuntimeException e) {
                // not JSON: not found here
            }
        }
        return Optional.empty();
    }

    @Override
    protected Optional<HttpRequest> cancelRequest(String jobId) {
        return Optional.empty(); // Kling documents no cancel
    }

    /** @return the units a task took (a number or a numeric string), or a negative when not said */
    private static double units(JsonNode n) {
        if (n.isNumber()) return n.asDouble();
        try {
            return Double.parseDouble(n.asString("").strip());
        } catch (NumberFormatException e) {
            return -1 / USD_PER_UNIT;
        }
    }
}
