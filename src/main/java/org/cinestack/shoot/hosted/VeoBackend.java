package org.cinestack.shoot.hosted;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.cinestack.shoot.remote.Budget;
import org.cinestack.shoot.remote.Capabilities;
import org.cinestack.shoot.remote.GenerationRequest;
import org.cinestack.shoot.remote.Http;
import org.cinestack.shoot.remote.Ledger;
import org.cinestack.shoot.remote.ModelRules;

/**
 * Google Veo on the Gemini API (https://ai.google.dev/gemini-api/docs/video; shapes as Google's python-genai SDK
 * sends and reads them, {@code google/genai/models.py}, read 2026-12-06): {@code POST
 * /v1beta/models/<model>:predictLongRunning} with {@code {"instances": [{"prompt", "image"?, "referenceImages"?}],
 * "parameters": {"aspectRatio", "durationSeconds", "negativePrompt", "resolution"}}} answers a long-running operation
 * {@code {"name": "models/<model>/operations/<id>"}}; {@code GET /v1beta/<name>} reports {@code done}, {@code error}
 * and {@code response.generateVideoResponse.generatedSamples[].video.uri}, which is downloaded with the key. Images
 * go inline as {@code {"bytesBase64Encoded", "mimeType"}}; reference stills (up to three, {@code referenceType}
 * {@code ASSET}) anchor the cast and the location, and go without the negative prompt (the service refuses the two
 * together). The key goes in {@code x-goog-api-key}, from
 * {@code GOOGLE_API_KEY} or else {@code GEMINI_API_KEY} (the order Google's SDKs use).
 * <p>
 * Veo has no structured camera field (moves are prompt words) and the Gemini API takes no seed, so takes differ by
 * chance; no client task id or job search exists, so a lost submission answer is not sent again by itself. A job
 * whose samples were all filtered ends with the filter's reasons. Price estimate: $0.15 a second (Veo 3.1 Fast).
 */
public class VeoBackend extends HostedBackend {
    /**
     * The API version every path starts with. The base URL is the host alone, as Google's SDK takes it and
     * {@code GOOGLE_GEMINI_BASE_URL} gives it (python-genai {@code _api_client.py}: {@code base_url} the host root,
     * {@code api_version = 'v1beta'} joined in front of each path; read 2026-12-06).
     */
    static final String VERSION = "/v1beta";
    private static final String GEMINI_SOURCE = "ai.google.dev/gemini-api/docs/video and python-genai types.py, read "
        + "2026-12-06";
    private static final Profile PROFILE = new Profile("veo", "Veo",
        "https://ai.google.dev/gemini-api/docs/video",
        List.of("GOOGLE_API_KEY", "GEMINI_API_KEY"), "veo-3.1-fast-generate-preview");
    /**
     * What each Veo model accepts on the Gemini API (https://ai.google.dev/gemini-api/docs/video and python-genai
     * {@code types.py GenerateVideosConfig}; read 2026-12-06): 4, 6 or 8 s (8 s only at 1080p or with reference
     * images), 16:9 or 9:16, 720p or 1080p, up to three reference images, a negative prompt but not beside reference
     * images (the service answers 400), no seed and no camera field; Veo 3.1 makes sound, which the Gemini API cannot
     * turn off (the film's own sound replaces it).
     */
    static final List<ModelRules> MODELS = List.of(veo("veo-3.1-fast-generate-preview", false, GEMINI_SOURCE),
        veo("veo-3.1-generate-preview", false, GEMINI_SOURCE));

    /**
     * @param model  the model id
     * @param seed   whether the surface takes a seed
     * @param source where it says so
     * @return a Veo 3.1 row: 4, 6 or 8 s, 16:9 or 9:16, 720p or 1080p, three references, no camera field
     */
    static ModelRules veo(String model, boolean seed, String source) {
        return new ModelRules(model, ModelRules.Input.ANY, "", List.of(4.0, 6.0, 8.0), 8, List.of("16:9", "9:16"),
            List.of("720p", "1080p"), seed, true, false, 3, List.of(), true, true, source);
    }

    /** @return the capability table of this surface */
    protected List<ModelRules> table() {
        return MODELS;
    }

    @Override
    public Optional<ModelRules> rules(GenerationRequest r) {
        ModelRules m = ModelRules.find(table(), model(), r.firstFrame().isPresent(), "");
        boolean refs = r.firstFrame().isEmpty() && !r.references().isEmpty();
        return Optional.of(refs || r.height() > 720 ? m.withDurations(List.of(8.0)) : m);
    }

    /**
     * @param cacheFolder the project's {@code .cinestack} folder
     * @param ledger      the ledger
     * @param budget      the budget
     * @param account     the account
     */
    public VeoBackend(Path cacheFolder, Ledger ledger, Budget budget, Account account) {
        this(cacheFolder, ledger, budget, account, PROFILE);
    }

    /**
     * For another surface of the same models (Vertex AI).
     *
     * @param cacheFolder the project's {@code .cinestack} folder
     * @param ledger      the ledger
     * @param budget      the budget
     * @param account     the account
     * @param profile     the surface's names
     */
    protected VeoBackend(Path cacheFolder, Ledger ledger, Budget budget, Account account, Profile profile) {
        super(cacheFolder, ledger, budget, account, profile);
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(true, true, false, 3, false, 8, List.of("16:9", "9:16"), false, 0, 0.15,
            Math.max(1, account.maxConcurrent()));
    }

    @Override
    public Optional<JsonNode> cameraControl(String move) {
        return Optional.empty();
    }

    private static ObjectNode image(Path file) {
        ObjectNode i = object();
        i.put("bytesBase64Encoded", base64(file));
        i.put("mimeType", mimeType(file));
        return i;
    }

    /** Veo 3.1 makes 1080p and reference-anchored clips at 8 s only. */
    @Override
    protected double billedSeconds(GenerationRequest r) {
        return rules(r).orElseThrow().madeSeconds(r.durationSeconds());
    }

    @Override
    public JsonNode requestBody(GenerationRequest r) {
        ObjectNode b = object();
        ObjectNode inst = b.putArray("instances").addObject();
        inst.put("prompt", r.prompt());
        r.firstFrame().ifPresent(f -> inst.set("image", image(f)));
        if (r.firstFrame().isEmpty() && !r.references().isEmpty()) {
            ArrayNode refs = inst.putArray("referenceImages");
            for (Path p : r.references().subList(0, Math.min(3, r.references().size()))) {
                ObjectNode ref = refs.addObject();
                ref.set("image", image(p));
                // the enum's value as Google's SDK sends it (python-genai types.py VideoGenerationReferenceType:
                // ASSET = 'ASSET'; models.py _VideoGenerationReferenceImage_to_mldev copies it; read 2026-12-06)
                ref.put("referenceType", "ASSET");
            }
        }
        ObjectNode p = b.putObject("parameters");
        boolean refs = r.firstFrame().isEmpty() && !r.references().isEmpty();
        // reference images are taken at 16:9 only (the clip is conformed to the picture afterwards)
        p.put("aspectRatio", refs ? "16:9" : nearestRatio(r.width(), r.height(), List.of("16:9", "9:16")));
        p.put("durationSeconds", (int) billedSeconds(r));
        // with reference images the service answers 400 "negative prompt is not supported in your use case"; Google's
        // SDK tests send the two apart (python-genai tests/models/test_generate_videos.py, read 2026-12-06)
        if (rules(r).orElseThrow().sendsNegative(r)) p.put("negativePrompt", r.negative());
        p.put("resolution", r.height() > 720 ? "1080p" : "720p");
        return b;
    }

    /**
     * When Veo refuses a request as "not supported" (HTTP 400; some accounts take no reference images, and Veo answers
     * "... is not supported in your use case"), the shot goes again the documented lesser way: reference stills become
     * a first frame (image to video), a first frame becomes words alone (text to video). Nothing is charged for a
     * refused request.
     */
    @Override
    protected Optional<GenerationRequest> lesser(GenerationRequest r, org.cinestack.shoot.remote.ShootException refused) {
        if (!(refused.getCause() instanceof Http.ApiError e) || e.status() != 400
            || !e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("support")) {
            return Optional.empty();
        }
        if (r.firstFrame().isEmpty() && !r.references().isEmpty()) {
            return Optional.of(r.withReferences(List.of()).withFirstFrame(r.references().getFirst()));
        }
        if (r.firstFrame().isPresent()) {
            return Optional.of(new GenerationRequest(r.shotId(), r.prompt(), r.negative(), r.seed(),
                r.durationSeconds(), r.fps(), r.frames(), r.width(), r.height(), r.move(), r.motionStrength(),
                List.of(), Optional.empty(), r.controlVideo()));
        }
        return Optional.empty();
    }

    @Override
    protected HttpRequest.Builder authorize(HttpRequest.Builder builder) {
        return builder.header("x-goog-api-key", account.key());
    }

    @Override
    protected boolean downloadNeedsKey() {
        return true;
    }

    @Override
    protected HttpRequest submitRequest(GenerationRequest r, JsonNode body, String clientTaskId) {
        return post(VERSION + "/models/" + model() + ":predictLongRunning", body);
    }

    @Override
    protected Optional<String> jobId(JsonNode a, GenerationRequest r) {
        return field(a, "name");
    }

    @Override
    protected HttpRequest statusRequest(String jobId) {
        return get(VERSION + "/" + jobId);
    }

    @Override
    protected Status status(JsonNode a, String jobId) {
        if (!a.path("done").asBoolean(false)) return Status.running(-1);
        if (a.has("error")) {
            return Status.failed(a.path("error").path("message").asString("") + " ("
                + a.path("error").path("status").asString("") + ")");
        }
        JsonNode res = a.path("response").path("generateVideoResponse");
        String uri = res.path("generatedSamples").path(0).path("video").path("uri").asString("");
        if (uri.isEmpty()) {
            return Status.failed("no video came back; filtered: " + res.path("raiMediaFilteredCount").asInt(0)
                + " " + res.path("raiMediaFilteredReasons"));
        }
        return Status.done(uri, -1);
    }

    @Override
    protected Optional<HttpRequest> cancelRequest(String jobId) {
        return Optional.of(authorize(HttpRequest.newBuilder(Http.uri(account.baseUrl(), VERSION + "/" + jobId + ":cancel")))
            .POST(HttpRequest.BodyPublishers.noBody()).build());
    }
}
