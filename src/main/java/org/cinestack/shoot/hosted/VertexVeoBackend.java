package org.cinestack.shoot.hosted;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.google.auth.oauth2.ServiceAccountCredentials;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.cinestack.shoot.remote.Budget;
import org.cinestack.shoot.remote.GenerationRequest;
import org.cinestack.shoot.remote.Ledger;
import org.cinestack.shoot.remote.ModelRules;
import org.cinestack.shoot.remote.ShootException;

/**
 * Google Veo on Vertex AI, for organisations on Google Cloud ({@code VEO_BACKEND=vertex}): the same models and the same
 * request as {@link VeoBackend}, plus a {@code seed} and {@code generateAudio: false}, which Vertex takes and the Gemini
 * API does not. Shapes as Google's python-genai SDK sends and reads them on Vertex ({@code models.py}
 * {@code _GenerateVideosConfig_to_vertex}, {@code _GenerateVideosResponse_from_vertex}, {@code _Video_from_vertex};
 * {@code operations.py} {@code fetchPredictOperation}; {@code _api_client.py} for the host and the {@code v1beta1}
 * version; read 2026-12-07):
 * <ul>
 *   <li>{@code POST /v1beta1/projects/<project>/locations/<location>/publishers/google/models/<model>:predictLongRunning}
 *       answers an operation {@code {"name": ".../operations/<id>"}};</li>
 *   <li>{@code POST /v1beta1/<model path>:fetchPredictOperation} with {@code {"operationName": name}} reports
 *       {@code done}, {@code error} and {@code response.videos[]}, each {@code gcsUri} (when a bucket was named) or
 *       {@code bytesBase64Encoded}, with {@code raiMediaFilteredCount} and {@code raiMediaFilteredReasons};</li>
 *   <li>{@code Authorization: Bearer <access token>}, the token exchanged for a service account's key by Google's
 *       auth library (JWT bearer grant at the key's {@code token_uri}, scope {@code cloud-platform}) and renewed
 *       before it expires.</li>
 * </ul>
 * The key file is named by {@code GOOGLE_APPLICATION_CREDENTIALS} (its private key never leaves the process); the
 * project by {@code GOOGLE_CLOUD_PROJECT} or else the key's {@code project_id}; the region by
 * {@code GOOGLE_CLOUD_LOCATION} (us-central1 by default). A clip left in Cloud Storage is read with the same token
 * through the JSON API ({@code GET /storage/v1/b/<bucket>/o/<object>?alt=media}).
 */
public final class VertexVeoBackend extends VeoBackend {
    /** The API version in every path (python-genai {@code _api_client.py}: Vertex uses {@code v1beta1}). */
    static final String VERTEX_VERSION = "/v1beta1";
    /** The OAuth scope the token is asked for. */
    static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";
    private static final Profile PROFILE = new Profile("veo", "Veo on Vertex AI",
        "https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/veo-video-generation",
        List.of("GOOGLE_APPLICATION_CREDENTIALS"), "veo-3.1-fast-generate-preview");
    private static final String VERTEX_SOURCE = "python-genai models.py _GenerateVideosConfig_to_vertex (seed, "
        + "generateAudio), read 2026-12-07";
    /** Veo on Vertex: as on the Gemini API, and it takes a seed and can leave the sound out. */
    static final List<ModelRules> VERTEX_MODELS = List.of(veo("veo-3.1-fast-generate-preview", true, VERTEX_SOURCE),
        veo("veo-3.1-generate-preview", true, VERTEX_SOURCE));

    /**
     * Where the jobs run.
     *
     * @param project     the Google Cloud project id
     * @param location    the region ({@code us-central1}) or {@code global}
     * @param storageBase the Cloud Storage JSON API's base URL
     */
    public record Place(String project, String location, String storageBase) {
    }

    private final Place place;
    private final ServiceAccountCredentials credentials;

    /**
     * @param cacheFolder the project's {@code .cinestack} folder
     * @param ledger      the ledger
     * @param budget      the budget
     * @param account     the account: its base URL is the Vertex host; its key is unused (the token is asked for)
     * @param place       project, region and storage
     * @param credentials the service account, scoped to {@link #SCOPE}
     */
    public VertexVeoBackend(Path cacheFolder, Ledger ledger, Budget budget, Account account, Place place,
                            ServiceAccountCredentials credentials) {
        super(cacheFolder, ledger, budget, account, PROFILE);
        this.place = place;
        this.credentials = credentials;
    }

    /**
     * Reads a service account's key file.
     *
     * @param keyFile the JSON key file ({@code GOOGLE_APPLICATION_CREDENTIALS})
     * @return the service account, scoped to {@link #SCOPE}
     * @throws IllegalArgumentException when the file cannot be read or is not a service account key; the message
     *                                  names the file and never shows its contents
     */
    public static ServiceAccountCredentials serviceAccount(Path keyFile) {
        try (InputStream in = Files.newInputStream(keyFile)) {
            return (ServiceAccountCredentials) ServiceAccountCredentials.fromStream(in).createScoped(List.of(SCOPE));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("veo: GOOGLE_APPLICATION_CREDENTIALS names " + keyFile + ", which is "
                + "not a readable service account key (a JSON file with \"type\": \"service_account\"; download one "
                + "from the Google Cloud console, IAM > Service accounts > Keys)", null);
        }
    }

    @Override
    public org.cinestack.shoot.remote.Capabilities capabilities() {
        org.cinestack.shoot.remote.Capabilities c = super.capabilities();
        return new org.cinestack.shoot.remote.Capabilities(c.textToVideo(), c.imageToVideo(), c.videoToVideo(),
            c.maxReferences(), true, c.maxClipSeconds(), c.aspectRatios(), c.cameraControl(), c.maxPromptChars(),
            c.usdPerSecond(), c.maxConcurrent());
    }

    @Override
    protected List<ModelRules> table() {
        return VERTEX_MODELS;
    }

    /** The model's path under the project: {@code projects/<p>/locations/<l>/publishers/google/models/<model>}. */
    String modelPath() {
        return "projects/" + place.project() + "/locations/" + place.location() + "/publishers/google/models/"
            + model();
    }

    @Override
    public JsonNode requestBody(GenerationRequest r) {
        ObjectNode b = (ObjectNode) super.requestBody(r);
        ObjectNode p = (ObjectNode) b.path("parameters");
        // Vertex takes a uint32 seed and can leave the sound out; Cinestack makes the film's sound
        p.put("seed", Math.floorMod(r.seed(), 1L << 32));
        p.put("generateAudio", false);
        return b;
    }

    @Override
    protected HttpRequest.Builder authorize(HttpRequest.Builder builder) {
        return builder.header("Authorization", "Bearer " + accessToken());
    }

    /** @return a current access token, asked for again when it is about to expire */
    private String accessToken() {
        synchronized (credentials) {
            try {
                credentials.refreshIfExpired();
                return credentials.getAccessToken().getTokenValue();
            } catch (IOException | RuntimeException e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                throw new ShootException("veo: the service account " + credentials.getClientEmail() + " could not "
                    + "get an access token from " + credentials.getTokenServerUri() + " (" + why.lines().findFirst()
                    .orElse("") + "); check that the key is active and the account may use Vertex AI", null)
                    .notSent();
            }
        }
    }

    @Override
    protected HttpRequest submitRequest(GenerationRequest r, JsonNode body, String clientTaskId) {
        return post(VERTEX_VERSION + "/" + modelPath() + ":predictLongRunning", body);
    }

    @Override
    protected HttpRequest statusRequest(String jobId) {
        int at = jobId.indexOf("/operations/");
        String resource = at > 0 ? jobId.substring(0, at) : modelPath();
        ObjectNode body = object();
        body.put("operationName", jobId);
        return post(VERTEX_VERSION + "/" + resource + ":fetchPredictOperation", body);
    }

    @Override
    protected Status status(JsonNode a, String jobId) {
        if (!a.path("done").asBoolean(false)) return Status.running(-1);
        if (a.has("error")) {
            return Status.failed(a.path("error").path("message").asString("") + " (code "
                + a.path("error").path("code").asInt() + ")");
        }
        JsonNode res = a.path("response");
        JsonNode video = res.path("videos").path(0);
        if (video.path("bytesBase64Encoded").isString()) {
            return Status.done("data:" + video.path("mimeType").asString("video/mp4") + ";base64,"
                + video.path("bytesBase64Encoded").asString(), -1);
        }
        if (video.path("gcsUri").isString()) return Status.done(video.path("gcsUri").asString(), -1);
        return Status.failed("no video came back; filtered: " + res.path("raiMediaFilteredCount").asInt(0) + " "
            + res.path("raiMediaFilteredReasons"));
    }

    @Override
    protected void download(Result result, Path file) {
        String at = result.location();
        try {
            if (at.startsWith("data:")) {
                Files.write(file, Base64.getDecoder().decode(at.substring(at.indexOf(',') + 1)));
                return;
            }
            if (!at.startsWith("gs://")) {
                super.download(result, file);
                return;
            }
            String path = at.substring("gs://".length());
            int slash = path.indexOf('/');
            URI uri = URI.create(place.storageBase().replaceAll("/+$", "") + "/storage/v1/b/" + path.substring(0, slash)
                + "/o/" + URLEncoder.encode(path.substring(slash + 1), StandardCharsets.UTF_8) + "?alt=media");
            HttpResponse<byte[]> r = http.send(authorize(HttpRequest.newBuilder(uri)).GET().build(),
                "downloading a clip from Cloud Storage");
            Files.write(file, r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } catch (IllegalArgumentException e) {
            throw new ShootException("veo: the finished clip's location is not one Cinestack reads: "
                + (at.length() > 80 ? at.substring(0, 80) + "..." : at), e);
        }
    }

    @Override
    protected Optional<HttpRequest> cancelRequest(String jobId) {
        return Optional.of(authorize(HttpRequest.newBuilder(org.cinestack.shoot.remote.Http.uri(account.baseUrl(),
            VERTEX_VERSION + "/" + jobId + ":cancel"))).POST(HttpRequest.BodyPublishers.noBody()).build());
    }
}
