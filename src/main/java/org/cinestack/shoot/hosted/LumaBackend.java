package org.cinestack.shoot.hosted;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.cinestack.shoot.remote.Budget;
import org.cinestack.shoot.remote.Capabilities;
import org.cinestack.shoot.remote.GenerationRequest;
import org.cinestack.shoot.remote.Http;
import org.cinestack.shoot.remote.Ledger;
import org.cinestack.shoot.remote.ModelRules;

/**
 * Luma's Dream Machine API (https://docs.lumalabs.ai/reference/creategeneration, and Luma's lumaai-python SDK,
 * read 2026-12-06): {@code POST /generations/video} with {@code model}, {@code prompt}, {@code aspect_ratio},
 * {@code resolution} and {@code duration} (not for ray-1-6, which takes neither) and camera
 * {@code concepts} answers a generation {@code {"id", "state"}}; {@code GET /generations/{id}} reports {@code state}
 * queued, dreaming, completed or failed, with {@code assets.video} and {@code failure_reason};
 * {@code DELETE /generations/{id}} removes it. {@code Authorization: Bearer <key>} from {@code LUMAAI_API_KEY}.
 * <p>
 * Luma names a concept for every move of our vocabulary ({@code push_in}, {@code pedestal_up}, {@code dolly_zoom},
 * ... from {@code GET /generations/concepts/list}; https://docs.lumalabs.ai/changelog/concepts). It takes no seed, so
 * takes of a shot differ by chance, and it takes keyframes only as public URLs, which Cinestack does not make: first
 * frames and references are not sent (the router warns). No client task id or searchable echo exists, so a lost
 * submission answer is not sent again by itself. The price estimate is ray-2 at 720p, $0.71 for 5 s.
 */
public final class LumaBackend extends HostedBackend {
    private static final Profile PROFILE = new Profile("luma", "Luma",
        "https://docs.lumalabs.ai/reference/creategeneration",
        List.of("LUMAAI_API_KEY"), "ray-2");
    private static final List<String> RATIOS = List.of("1:1", "16:9", "9:16", "4:3", "3:4", "21:9", "9:21");
    /**
     * What each Luma model accepts (lumaai-python {@code types/generation_create_params.py}, generated from Luma's
     * OpenAPI document: models ray-2, ray-flash-2 and ray-1-6, duration 5s or 9s, resolution 540p to 4k, concepts for
     * the camera; ray-1-6 takes neither resolution nor duration, ComfyUI {@code comfy_api_nodes/nodes_luma.py}; read
     * 2026-12-06). Luma takes no seed and no negative prompt.
     */
    static final List<ModelRules> MODELS = List.of(ray("ray-2"), ray("ray-flash-2"),
        new ModelRules("ray-1-6", ModelRules.Input.TEXT, "", List.of(5.0), 5, RATIOS, List.of(), false, false, false, 0,
            List.of(5.0), false, false, "ComfyUI comfy_api_nodes/nodes_luma.py, read 2026-12-06"));

    private static ModelRules ray(String model) {
        return new ModelRules(model, ModelRules.Input.TEXT, "", List.of(5.0, 9.0), 9, RATIOS,
            List.of("540p", "720p", "1080p", "4k"), false, false, false, 0, List.of(5.0, 9.0), false, false,
            "lumaai-python types/generation_create_params.py, read 2026-12-06");
    }

    @Override
    public Optional<ModelRules> rules(GenerationRequest r) {
        return Optional.of(ModelRules.find(MODELS, model(), false, ""));
    }

    /**
     * @param cacheFolder the project's {@code .cinestack} folder
     * @param ledger      the ledger
     * @param budget      the budget
     * @param account     the account
     */
    public LumaBackend(Path cacheFolder, Ledger ledger, Budget budget, Account account) {
        super(cacheFolder, ledger, budget, account, PROFILE);
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(true, false, false, 0, false, 9, RATIOS, true, 5000, 0.142,
            Math.max(1, account.maxConcurrent()));
    }

    /** Our move codes to Luma's concept keys. */
    @Override
    public Optional<JsonNode> cameraControl(String move) {
        String key = switch (move) {
            case "static" -> "static";
            case "pan-left" -> "pan_left";
            case "pan-right" -> "pan_right";
            case "tilt-up" -> "tilt_up";
            case "tilt-down" -> "tilt_down";
            case "dolly-in" -> "push_in";
            case "dolly-out" -> "pull_out";
            case "truck-left" -> "truck_left";
            case "truck-right" -> "truck_right";
            case "pedestal-up" -> "pedestal_up";
            case "pedestal-down" -> "pedestal_down";
            case "crane-up" -> "crane_up";
            case "crane-down" -> "crane_down";
            case "zoom-in" -> "zoom_in";
            case "zoom-out" -> "zoom_out";
            case "dolly-zoom" -> "dolly_zoom";
            case "orbit-left" -> "orbit_left";
            case "orbit-right" -> "orbit_right";
            case "handheld" -> "handheld";
            default -> null;
        };
        if (key == null) return Optional.empty();
        ObjectNode c = object();
        c.putArray("concepts").addObject().put("key", key);
        return Optional.of(c);
    }

    @Override
    protected double billedSeconds(GenerationRequest r) {
        return rules(r).orElseThrow().madeSeconds(r.durationSeconds());
    }

    @Override
    public JsonNode requestBody(GenerationRequest r) {
        ObjectNode b = object();
        b.put("generation_type", "video");
        b.put("model", model());
        b.put("prompt", r.prompt());
        ModelRules rules = rules(r).orElseThrow();
        b.put("aspect_ratio", nearestRatio(r.width(), r.height(), rules.ratios()));
        // a model without resolutions (ray-1-6) takes no duration either: it makes its one length
        if (!rules.resolutions().isEmpty()) {
            b.put("resolution", r.height() > 720 ? "1080p" : r.height() > 540 ? "720p" : "540p");
            b.put("duration", (int) billedSeconds(r) + "s");
        }
        if (rules.takesCamera(r)) cameraControl(r.move()).ifPresent(c -> b.setAll((ObjectNode) c));
        return b;
    }

    @Override
    protected HttpRequest.Builder authorize(HttpRequest.Builder builder) {
        return builder.header("Authorization", "Bearer " + account.key());
    }

    @Override
    protected HttpRequest submitRequest(GenerationRequest r, JsonNode body, String clientTaskId) {
        // Luma's SDK creates with POST /generations/video (lumaai-python resources/generations/generations.py
        // create(), since 2025-05-28; read 2026-12-06); /generations lists
        return post("/generations/video", body);
    }

    @Override
    protected Optional<String> jobId(JsonNode answer, GenerationRequest r) {
        return field(answer, "id");
    }

    @Override
    protected HttpRequest statusRequest(String jobId) {
        return get("/generations/" + jobId);
    }

    @Override
    protected Status status(JsonNode a, String jobId) {
        return switch (a.path("state").asString("")) {
            case "completed" -> Status.done(a.path("assets").path("video").asString(""), -1);
            case "failed" -> Status.failed(a.path("failure_reason").asString(""));
            default -> Status.running(-1);
        };
    }

    @Override
    protected Optional<HttpRequest> cancelRequest(String jobId) {
        return Optional.of(authorize(HttpRequest.newBuilder(Http.uri(account.baseUrl(), "/generations/" + jobId)))
            .DELETE().build());
    }
}
