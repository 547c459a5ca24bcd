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
import org.cinestack.shoot.remote.Ledger;
import org.cinestack.shoot.remote.ModelRules;

/**
 * Runway's API (https://docs.dev.runwayml.com/api/): {@code POST /v1/text_to_video} or {@code POST /v1/image_to_video}
 * answer {@code {"id"}}; {@code GET /v1/tasks/{id}} reports {@code status} PENDING, THROTTLED, RUNNING, SUCCEEDED,
 * FAILED or CANCELLED with {@code progress} 0..1, {@code output} (URLs of the clip) and {@code failure};
 * {@code DELETE /v1/tasks/{id}} cancels. Every call carries {@code Authorization: Bearer <key>} and
 * {@code X-Runway-Version: 2024-11-06}. The key is read from {@code RUNWAYML_API_SECRET}.
 * <p>
 * Runway has no structured camera field in its API (the camera axes are in its web app only), so moves go as the
 * prompt's camera words; it has no client task id and no job list, so a submission whose answer was lost is not sent
 * again by itself. Text-to-video asks for {@code veo3.1_fast} (4, 6 or 8 s); a shot with a first frame goes to
 * image-to-video with {@code gen4_turbo} (5 or 10 s), its still as a data URI under 5 MB. Veo models get
 * {@code audio: false} (Cinestack makes the sound; audio is billed) and the negative prompt. Prices are estimates: 15 and 5 credits a second at $0.01 a
 * credit (Runway's published credit rates; check the account's).
 */
public final class RunwayBackend extends HostedBackend {
    private static final Profile PROFILE = new Profile("runway", "Runway",
        "https://docs.dev.runwayml.com/api/",
        List.of("RUNWAYML_API_SECRET"), "veo3.1_fast");
    /** The API version this client speaks. */
    public static final String API_VERSION = "2024-11-06";
    private static final List<String> T2V_RATIOS = List.of("1280:720", "720:1280", "1080:1920", "1920:1080");
    private static final List<String> I2V_RATIOS = List.of("1280:720", "720:1280", "1104:832", "832:1104", "960:960",
        "1584:672");

    /**
     * What each Runway model accepts (runwayml sdk-python {@code types/text_to_video_create_params.py} and
     * {@code types/image_to_video_create_params.py}: veo3.1 and veo3.1_fast take 4, 6 or 8 s, {@code audio} and
     * {@code negativePrompt} and no seed; gen4_turbo takes 5 or 10 s from a first frame, a seed and no negative prompt;
     * read 2026-12-06). Runway has no camera field.
     */
    static final List<ModelRules> MODELS = List.of(
        veo("veo3.1_fast"), veo("veo3.1"),
        new ModelRules("gen4_turbo", ModelRules.Input.IMAGE, "", List.of(5.0, 10.0), 10, I2V_RATIOS, List.of(), true,
            false, false, 0, List.of(), false, false, "runwayml sdk-python image_to_video_create_params.py, read "
                + "2026-12-06"));

    private static ModelRules veo(String model) {
        return new ModelRules(model, ModelRules.Input.ANY, "", List.of(4.0, 6.0, 8.0), 8, T2V_RATIOS, List.of(), false,
            true, true, 0, List.of(), true, false, "runwayml sdk-python text_to_video_create_params.py, read 2026-12-06");
    }

    @Override
    public Optional<ModelRules> rules(GenerationRequest r) {
        return Optional.of(ModelRules.find(MODELS, modelFor(r), r.firstFrame().isPresent(), ""));
    }

    /**
     * @param cacheFolder the project's {@code .cinestack} folder
     * @param ledger      the ledger
     * @param budget      the budget
     * @param account     the account; its key is Runway's API secret
     */
    public RunwayBackend(Path cacheFolder, Ledger ledger, Budget budget, Account account) {
        super(cacheFolder, ledger, budget, account, PROFILE);
    }

    @Override
    protected String modelFor(GenerationRequest r) {
        if (r.firstFrame().isPresent() && account.model().isBlank()) return "gen4_turbo";
        return model();
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(true, true, false, 0, true, 10, List.of("16:9", "9:16", "4:3", "3:4", "1:1", "21:9"),
            false, 1000, 0.15, Math.max(1, account.maxConcurrent()));
    }

    @Override
    public Optional<JsonNode> cameraControl(String move) {
        return Optional.empty();
    }

    @Override
    protected double billedSeconds(GenerationRequest r) {
        return rules(r).orElseThrow().madeSeconds(r.durationSeconds());
    }

    @Override
    public JsonNode requestBody(GenerationRequest r) {
        String model = modelFor(r);
        boolean image = r.firstFrame().isPresent();
        boolean veo = model.startsWith("veo");
        if (!veo && !image) {
            throw new org.cinestack.shoot.remote.ShootException("runway: " + model + " makes clips from a first "
                + "frame only; give the shot a still (shoot.references or assets/<id>.png) or use a veo model", null)
                .notSent();
        }
        ObjectNode b = object();
        b.put("model", model);
        b.put("promptText", r.prompt().length() > 1000 ? r.prompt().substring(0, 1000) : r.prompt());
        ModelRules rules = rules(r).orElseThrow();
        b.put("ratio", nearestRatio(r.width(), r.height(), rules.ratios()));
        b.put("duration", (int) rules.madeSeconds(r.durationSeconds()));
        if (rules.seed()) b.put("seed", r.seed());
        // audio "affects pricing" (the SDK's words): it is turned off, Cinestack makes the film's sound
        if (rules.audio()) b.put("audio", false);
        if (rules.sendsNegative(r)) b.put("negativePrompt", r.negative());
        if (image) {
            String uri = dataUri(r.firstFrame().get());
            // "The length of the encoded data URI must be under 5MB" (docs.dev.runwayml.com/assets/inputs)
            if (uri.length() >= MAX_DATA_URI) {
                throw new org.cinestack.shoot.remote.ShootException(String.format(java.util.Locale.ROOT, "runway: "
                    + "the first frame %s is %.1f MB as a data URI, over the 5 MB Runway takes; make it smaller (a "
                    + "1920x1080 JPEG is well under) and render again", r.firstFrame().get().getFileName(),
                    uri.length() / 1048576.0), null).notSent();
            }
            b.put("promptImage", uri);
        }
        return b;
    }

    /** The longest data URI Runway takes, characters: 5 MB (1024 x 1024 x 5), exclusive. */
    static final int MAX_DATA_URI = 5 * 1024 * 1024;

    @Override
    protected HttpRequest.Builder authorize(HttpRequest.Builder builder) {
        return builder.header("Authorization", "Bearer " + account.key()).header("X-Runway-Version", API_VERSION);
    }

    @Override
    protected HttpRequest submitRequest(GenerationRequest r, JsonNode body, String clientTaskId) {
        return post(r.firstFrame().isPresent() ? "/v1/image_to_video" : "/v1/text_to_video", body);
    }

    @Override
    protected Optional<String> jobId(JsonNode answer, GenerationRequest r) {
        return field(answer, "id");
    }

    @Override
    protected HttpRequest statusRequest(String jobId) {
        return get("/v1/tasks/" + jobId);
    }

    @Override
    protected Status status(JsonNode a, String jobId) {
        return switch (a.path("status").asString("")) {
            case "SUCCEEDED" -> Status.done(a.path("output").path(0).asString(""), -1);
            case "FAILED" -> Status.failed(a.path("failure").asString("") + (a.hasNonNull("failureCode") ? " ("
                + a.path("failureCode").asString() + ")" : ""));
            case "CANCELLED" -> Status.failed("the task was cancelled");
            case "PENDING", "THROTTLED", "RUNNING" -> Status.running(a.path("progress").asDouble(-1));
            default -> throw new org.cinestack.shoot.remote.ShootException("runway: task " + jobId
                + " has a status this client does not know: " + a.path("status"), null);
        };
    }

    @Override
    protected Optional<HttpRequest> cancelRequest(String jobId) {
        return Optional.of(authorize(HttpRequest.newBuilder(org.cinestack.shoot.remote.Http.uri(account.baseUrl(),
            "/v1/tasks/" + jobId))).header("Accept", "*/*").DELETE().build());
    }
}
