package org.cinestack.shoot.hosted;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
 * Replicate's predictions (https://replicate.com/docs/topics/predictions/create-a-prediction and the HTTP API
 * reference): an official model is run with {@code POST /v1/models/<owner>/<name>/predictions} and
 * {@code {"input": {...}}}, a model version ({@code owner/name:version}) with {@code POST /v1/predictions} and
 * {@code {"version", "input"}}; the answer is a prediction with {@code id}, {@code status} (starting, processing,
 * succeeded, failed, canceled, aborted), {@code output} (a URL, or a list of them) and {@code error}.
 * {@code GET /v1/predictions/{id}} polls, {@code POST /v1/predictions/{id}/cancel} cancels, {@code GET
 * /v1/predictions} lists recent ones. {@code Authorization: Bearer <token>} from {@code REPLICATE_API_TOKEN}.
 * <p>
 * Replicate has no client task id, but the input is kept with each prediction and ours holds the seed: a submission
 * whose answer was lost is found again among the recent predictions by its input. The default model is Wan 2.1
 * ({@code wan-video/wan-2.1-1.3b}); the input follows its schema (prompt, seed, frames, aspect, resolution; it has no
 * negative prompt, so none is sent). The base URL is the host, as Replicate's SDK takes it ({@code REPLICATE_BASE_URL};
 * replicate-python {@code client.py}, read 2026-12-06), and every path starts {@code /v1}. Moves go as prompt words. Replicate bills compute time, so the estimate is an assumed $0.05 a second of clip.
 */
public final class ReplicateBackend extends HostedBackend {
    private static final Profile PROFILE = new Profile("replicate", "Replicate",
        "https://replicate.com/docs/topics/predictions/create-a-prediction",
        List.of("REPLICATE_API_TOKEN"), "wan-video/wan-2.1-1.3b");
    /**
     * @param cacheFolder the project's {@code .cinestack} folder
     * @param ledger      the ledger
     * @param budget      the budget
     * @param account     the account
     */
    public ReplicateBackend(Path cacheFolder, Ledger ledger, Budget budget, Account account) {
        super(cacheFolder, ledger, budget, account, PROFILE);
    }

    /**
     * What each model accepts: wan-video/wan-2.1-1.3b takes prompt, aspect_ratio (16:9, 9:16), frame_num (17 to 81 at
     * 16 fps), resolution (480p) and seed, and no negative prompt (its API page on replicate.com, read 2026-12-06).
     */
    static final List<ModelRules> MODELS = List.of(new ModelRules("wan-video/wan-2.1-1.3b", ModelRules.Input.TEXT, "",
        List.of(), 81 / 16.0, List.of("16:9", "9:16"), List.of("480p"), true, false, false, 0, List.of(), false, false,
        "replicate.com/wan-video/wan-2.1-1.3b/api, read 2026-12-06"));

    @Override
    public Optional<ModelRules> rules(GenerationRequest r) {
        if (model().contains(":")) {
            // a model named by its version is its owner's: Wan's input, with the negative prompt its forks add
            ModelRules w = MODELS.getFirst();
            return Optional.of(new ModelRules(model(), w.input(), "", w.durations(), w.maxSeconds(), w.ratios(),
                w.resolutions(), true, true, true, 0, List.of(), false, false, "a model named by version: taken to "
                    + "accept Wan 2.1's input and a negative prompt"));
        }
        return Optional.of(ModelRules.find(MODELS, model(), false, ""));
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(true, false, false, 0, true, 5, List.of("16:9", "9:16"), false, 0, 0.05,
            Math.max(1, account.maxConcurrent()));
    }

    @Override
    public Optional<JsonNode> cameraControl(String move) {
        return Optional.empty();
    }

    @Override
    protected double billedSeconds(GenerationRequest r) {
        return wanFrames(r.durationSeconds(), 81) / (double) WAN_FPS;
    }

    /**
     * The version a model without an official endpoint runs at, once Replicate has said so; null until then. Replicate
     * runs {@code POST /v1/models/<owner>/<name>/predictions} for official models only; any other model is run by its
     * version with {@code POST /v1/predictions} (replicate-python {@code predictions.create}, {@code models.get} for
     * {@code latest_version}; https://replicate.com/docs/reference/http; read 2026-12-07).
     */
    private volatile String latestVersion;

    /** @return the version id sent with the request, or null to run the model by its name */
    private String runVersion() {
        if (model().contains(":")) return model().substring(model().indexOf(':') + 1);
        return latestVersion;
    }

    /**
     * When the model's own endpoint answers 404 (it is not an official model), the model's latest version is asked
     * for ({@code GET /v1/models/<owner>/<name>}) and the same request goes once more by that version. A 404 made no
     * prediction and cost nothing.
     */
    @Override
    protected Optional<GenerationRequest> lesser(GenerationRequest r, org.cinestack.shoot.remote.ShootException e) {
        if (runVersion() != null || !(e.getCause() instanceof Http.ApiError api) || api.status() != 404) {
            return Optional.empty();
        }
        JsonNode m;
        try {
            m = JSON.readTree(http.sendOnce(get("/v1/models/" + model()), "looking up the model " + model()).body());
        } catch (RuntimeException notFound) {
            return Optional.empty(); // no such model: the 404 stands
        }
        String id = m.path("latest_version").path("id").asString("");
        if (id.isBlank()) return Optional.empty();
        latestVersion = id;
        return Optional.of(r);
    }

    @Override
    protected String lessened(GenerationRequest before, GenerationRequest after) {
        return "by the model's latest version " + latestVersion + " (it has no official endpoint)";
    }

    @Override
    public JsonNode requestBody(GenerationRequest r) {
        ObjectNode b = object();
        if (runVersion() != null) b.put("version", runVersion());
        ObjectNode in = b.putObject("input");
        in.put("prompt", r.prompt());
        // only to a model whose documented input has it: wan-video/wan-2.1-1.3b's has not (its API page lists prompt,
        // aspect_ratio, frame_num, resolution, sample_steps, sample_guide_scale, sample_shift, seed; read 2026-12-06)
        if (rules(r).orElseThrow().sendsNegative(r)) in.put("negative_prompt", r.negative());
        in.put("seed", r.seed());
        in.put("frame_num", wanFrames(r.durationSeconds(), 81));
        in.put("aspect_ratio", nearestRatio(r.width(), r.height(), List.of("16:9", "9:16")));
        in.put("resolution", "480p");
        return b;
    }

    @Override
    protected HttpRequest.Builder authorize(HttpRequest.Builder builder) {
        return builder.header("Authorization", "Bearer " + account.key());
    }

    @Override
    protected HttpRequest submitRequest(GenerationRequest r, JsonNode body, String clientTaskId) {
        return post(runVersion() != null ? "/v1/predictions" : "/v1/models/" + model() + "/predictions", body);
    }

    @Override
    protected Optional<String> jobId(JsonNode a, GenerationRequest r) {
        return field(a, "id");
    }

    @Override
    protected HttpRequest statusRequest(String jobId) {
        return get("/v1/predictions/" + jobId);
    }

    @Override
    protected Status status(JsonNode a, String jobId) {
        return switch (a.path("status").asString("")) {
            case "succeeded" -> {
                JsonNode out = a.path("output");
                yield Status.done(out.isArray() ? out.path(0).asString("") : out.asString(""), -1);
            }
            case "failed" -> Status.failed(a.path("error").asString(""));
            case "canceled", "aborted" -> Status.failed("the prediction was " + a.path("status").asString());
            default -> Status.running(-1);
        };
    }

    @Override
    protected boolean canLookUp() {
        return true;
    }

    /** Pages of the prediction list read at most when looking a job up (100 predictions a page). */
    static final int LOOKUP_PAGES = 10;

    /**
     * Looks for a prediction of the last day, of our model, whose input has our prompt and seed. The list comes
     * newest first, a page at a time ({@code next} is a cursor URL): pages are followed until one reaches back past
     * a day, for at most {@link #LOOKUP_PAGES}, and only on the base URL's own server (the token goes nowhere else).
     */
    @Override
    protected Optional<String> lookup(String clientTaskId, GenerationRequest request) {
        JsonNode want = requestBody(request).path("input");
        String ours = model().contains(":") ? model().substring(0, model().indexOf(':')) : model();
        Instant since = Instant.now().minus(Duration.ofDays(1));
        String url = "/v1/predictions";
        for (int pages = 0; url != null && pages < LOOKUP_PAGES; pages++) {
            JsonNode page;
            try {
                page = JSON.readTree(http.send(get(url), "looking up job " + clientTaskId).body());
            } catch (Http.ApiError e) {
                if (e.status() == 404) return Optional.empty();
                throw e;
            }
            boolean pastADay = false;
            for (JsonNode p : page.path("results")) {
                try {
                    if (Instant.parse(p.path("created_at").asString("")).isBefore(since)) {
                        pastADay = true;
                        continue;
                    }
                } catch (DateTimeParseException e) {
                    // keep it: the input decides
                }
                if (p.path("model").isString() && !p.path("model").asString().equalsIgnoreCase(ours)) continue;
                JsonNode in = p.has("input") ? p.path("input")
                    : JSON.readTree(http.send(get("/v1/predictions/" + p.path("id").asString()), "looking up job "
                        + clientTaskId).body()).path("input");
                if (in.path("seed").asLong(-1) == want.path("seed").asLong()
                    && in.path("prompt").asString("").equals(want.path("prompt").asString())) {
                    return Optional.of(p.path("id").asString());
                }
            }
            JsonNode next = page.path("next");
            url = pastADay || !next.isString() || !sameServer(next.asString()) ? null : next.asString();
        }
        return Optional.empty();
    }

    /** @return true when a URL is on the base URL's scheme, host and port */
    private boolean sameServer(String url) {
        try {
            java.net.URI u = java.net.URI.create(url), base = java.net.URI.create(account.baseUrl());
            return base.getScheme().equalsIgnoreCase(u.getScheme()) && base.getAuthority() != null
                && base.getAuthority().equalsIgnoreCase(u.getAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    protected Optional<HttpRequest> cancelRequest(String jobId) {
        return Optional.of(authorize(HttpRequest.newBuilder(Http.uri(account.baseUrl(), "/v1/predictions/" + jobId
            + "/cancel"))).POST(HttpRequest.BodyPublishers.noBody()).build());
    }
}
