package org.cinestack.shoot.hosted;

import java.net.URI;
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
 * fal's queue (https://docs.fal.ai/model-endpoints/queue): {@code POST https://queue.fal.run/<model id>} with the
 * model's input as the body answers {@code request_id}, {@code status_url}, {@code response_url} and
 * {@code cancel_url}, which are used as given (fal asks clients not to build them). {@code GET status_url} reports
 * {@code status} IN_QUEUE, IN_PROGRESS or COMPLETED; {@code GET response_url} then gives the model's output,
 * {@code {"video": {"url"}}}, or an error {@code detail}; {@code PUT cancel_url} cancels. {@code Authorization: Key
 * <key>} from {@code FAL_KEY}.
 * <p>
 * The default model is Wan 2.2 A14B ({@code fal-ai/wan/v2.2-a14b/text-to-video}, and {@code .../image-to-video} for a
 * shot with a first frame, sent as a {@code data:} URI): prompt, negative prompt, seed, frame count and rate. Moves go
 * as prompt words; for Kling v1 standard on fal ({@code fal-ai/kling-video/v1/standard/text-to-video}) they go as
 * {@code advanced_camera_control} with Kling's axes ({@link KlingBackend}). fal has no client task id or job search,
 * so a lost submission answer is not sent again by itself. Price estimate: $0.08 a second (Wan 2.2 at 720p).
 */
public final class FalBackend extends HostedBackend {
    private static final Profile PROFILE = new Profile("fal", "fal",
        "https://docs.fal.ai/model-endpoints/queue",
        List.of("FAL_KEY"), "fal-ai/wan/v2.2-a14b/text-to-video");
    private final KlingBackend.Settings kling;

    /**
     * @param cacheFolder the project's {@code .cinestack} folder
     * @param ledger      the ledger
     * @param budget      the budget
     * @param account     the account
     * @param kling       Kling's axis reading, for Kling models on fal
     */
    public FalBackend(Path cacheFolder, Ledger ledger, Budget budget, Account account, KlingBackend.Settings kling) {
        super(cacheFolder, ledger, budget, account, PROFILE);
        this.kling = kling;
    }

    /**
     * What each model accepts on fal: Wan 2.2 takes 17 to 161 frames at 16 fps, a seed, a negative prompt, 480p or
     * 720p; Kling 1.0 standard takes 5 or 10 s, a negative prompt, camera movement and no seed (fal.ai's model pages,
     * read 2025; not checked again against fal's schemas).
     */
    static final List<ModelRules> MODELS = List.of(
        new ModelRules("fal-ai/wan/v2.2-a14b/text-to-video", ModelRules.Input.ANY, "", List.of(), 161 / 16.0,
            List.of("16:9", "9:16", "1:1"), List.of("480p", "720p"), true, true, true, 0, List.of(), false, false,
            "fal.ai/models/fal-ai/wan/v2.2-a14b/text-to-video"),
        new ModelRules("fal-ai/kling-video/v1/standard/text-to-video", ModelRules.Input.ANY, "", List.of(5.0, 10.0),
            10, List.of("16:9", "9:16", "1:1"), List.of(), false, true, true, 0, List.of(5.0, 10.0), false, false,
            "fal.ai/models/fal-ai/kling-video/v1/standard/text-to-video"));

    @Override
    public Optional<ModelRules> rules(GenerationRequest r) {
        return Optional.of(ModelRules.find(MODELS, klingModel() ? "fal-ai/kling-video/v1/standard/text-to-video"
            : model().replace("/image-to-video", "/text-to-video"), r.firstFrame().isPresent(), ""));
    }

    private boolean klingModel() {
        return model().contains("kling-video/v1/standard/text-to-video");
    }

    @Override
    protected String modelFor(GenerationRequest r) {
        if (r.firstFrame().isPresent() && model().endsWith("/text-to-video") && !klingModel()) {
            return model().replace("/text-to-video", "/image-to-video");
        }
        return model();
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(true, !klingModel(), false, 0, !klingModel(), klingModel() ? 10 : 161 / 16.0,
            List.of("16:9", "9:16", "1:1"), klingModel(), 2500, 0.08, Math.max(1, account.maxConcurrent()));
    }

    @Override
    public Optional<JsonNode> cameraControl(String move) {
        if (!klingModel()) return Optional.empty();
        return cameraFor(move, 5);
    }

    private Optional<JsonNode> cameraFor(String move, double magnitude) {
        Optional<JsonNode> k = new KlingAxes(kling).control(move, magnitude);
        return k.map(c -> {
            JsonNode config = c.path("camera_control").path("config");
            ObjectNode out = object();
            for (var e : config.properties()) {
                if (e.getValue().asDouble() != 0) {
                    out.putObject("advanced_camera_control").put("movement_type", e.getKey())
                        .put("movement_value", (int) Math.round(e.getValue().asDouble()));
                }
            }
            return out;
        });
    }

    @Override
    protected double billedSeconds(GenerationRequest r) {
        if (klingModel()) return rules(r).orElseThrow().madeSeconds(r.durationSeconds());
        return wanFrames(r.durationSeconds(), 161) / (double) WAN_FPS;
    }

    @Override
    public JsonNode requestBody(GenerationRequest r) {
        ObjectNode b = object();
        ModelRules rules = rules(r).orElseThrow();
        b.put("prompt", r.prompt());
        if (rules.sendsNegative(r)) b.put("negative_prompt", r.negative());
        if (klingModel()) {
            b.put("duration", String.valueOf((int) rules.madeSeconds(r.durationSeconds())));
            b.put("aspect_ratio", nearestRatio(r.width(), r.height(), rules.ratios()));
            if (rules.takesCamera(r)) {
                cameraFor(r.move(), 1 + 9 * Math.clamp(r.motionStrength(), 0, 1))
                    .ifPresent(c -> b.setAll((ObjectNode) c));
            }
            return b;
        }
        if (rules.seed()) b.put("seed", r.seed());
        b.put("num_frames", wanFrames(r.durationSeconds(), 161));
        b.put("frames_per_second", WAN_FPS);
        b.put("resolution", r.height() > 580 ? "720p" : "480p");
        b.put("aspect_ratio", nearestRatio(r.width(), r.height(), rules.ratios()));
        r.firstFrame().ifPresent(f -> b.put("image_url", dataUri(f)));
        return b;
    }

    @Override
    protected HttpRequest.Builder authorize(HttpRequest.Builder builder) {
        return builder.header("Authorization", "Key " + account.key());
    }

    @Override
    protected HttpRequest submitRequest(GenerationRequest r, JsonNode body, String clientTaskId) {
        return post("/" + modelFor(r), body);
    }

    /** The job id is the three URLs fal returns, joined by {@code |}. */
    @Override
    protected Optional<String> jobId(JsonNode a, GenerationRequest r) {
        String status = a.path("status_url").asString(""), response = a.path("response_url").asString("");
        if (status.isEmpty() || response.isEmpty()) return Optional.empty();
        return Optional.of(status + "|" + response + "|" + a.path("cancel_url").asString(""));
    }

    private static String part(String jobId, int i) {
        String[] p = jobId.split("\\|", -1);
        return i < p.length ? p[i] : "";
    }

    @Override
    protected HttpRequest statusRequest(String jobId) {
        return get(part(jobId, 0));
    }

    @Override
    protected Status status(JsonNode a, String jobId) {
        String s = a.path("status").asString("");
        if (a.hasNonNull("error") && !a.path("error").asString("").isEmpty()) { // fal reports failures as COMPLETED
            return Status.failed(a.path("error").asString() + (a.hasNonNull("error_type") ? " ("
                + a.path("error_type").asString() + ")" : ""));
        }
        return switch (s) {
            case "COMPLETED" -> result(jobId);
            case "FAILED", "CANCELED", "CANCELLED", "ERROR" -> Status.failed(a.path("error").asString(s));
            default -> Status.running(-1);
        };
    }

    private Status result(String jobId) {
        JsonNode out;
        try {
            out = JSON.readTree(http.send(get(part(jobId, 1)), "fetching a result").body());
        } catch (Http.ApiError e) {
            // a completed request whose result is an error status (runner errors come as 5xx) has failed
            if (e.status() != 0) return Status.failed(e.getMessage());
            throw e;
        }
        if (out.has("detail") && !out.has("video")) return Status.failed(out.path("detail").toString());
        return Status.done(out.path("video").path("url").asString(""), -1);
    }

    @Override
    protected Optional<HttpRequest> cancelRequest(String jobId) {
        String cancel = part(jobId, 2);
        if (cancel.isEmpty()) return Optional.empty();
        return Optional.of(authorize(HttpRequest.newBuilder(URI.create(cancel)))
            .PUT(HttpRequest.BodyPublishers.noBody()).build());
    }
}
