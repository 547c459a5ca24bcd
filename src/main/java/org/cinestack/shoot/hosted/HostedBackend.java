package org.cinestack.shoot.hosted;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.cinestack.film.CameraMove;
import org.cinestack.plan.ShotSpec;
import org.cinestack.shoot.remote.Budget;
import org.cinestack.shoot.remote.GenerationRequest;
import org.cinestack.shoot.remote.Http;
import org.cinestack.shoot.remote.Ledger;
import org.cinestack.shoot.remote.RemoteBackend;
import org.cinestack.shoot.remote.ShootException;

/**
 * A hosted video model behind an HTTP API: submit a job, poll it, download the clip. The life of a job (journal,
 * client task id, budget, ledger, download check, conform) is {@link RemoteBackend}'s; this class adds what every
 * hosted API shares:
 * <ul>
 *   <li>the key, read from an environment variable when the backend is made, so a missing key is an error
 *       ({@link MissingKeyException}) before anything is submitted;</li>
 *   <li>submission without blind retries: a 429 or 5xx answer means the job was not made and it is sent again after
 *       the backoff (or the Retry-After the provider asked for); when no answer came, the job may exist, so it is
 *       looked up by our client task id where the provider can ({@link #lookup}); where it cannot, the shot stops
 *       with an error saying so, and is not sent twice by itself;</li>
 *   <li>polling every {@link Account#pollEvery()} on the caller's (virtual) thread, with a job time limit after
 *       which the job is cancelled; answers that are not JSON are retried a few times, then reported;</li>
 *   <li>a failed job ({@code FAILED}, {@code failed}, ...) ends with the provider's reason, and the next run makes a
 *       new job.</li>
 * </ul>
 * Subclasses give the provider's shapes: {@link #requestBody}, {@link #submitRequest}, {@link #jobId},
 * {@link #statusRequest}, {@link #status}, {@link #cancelRequest}, and their camera vocabulary
 * ({@link #cameraControl}).
 */
public abstract class HostedBackend extends RemoteBackend {
    /** JSON for bodies and answers. */
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * How to reach a provider.
     *
     * @param baseUrl       the API's base URL (the provider's, or a test server's)
     * @param key           the API key or token from the environment; never written anywhere
     * @param secondKey     a second secret where the provider needs one (Kling's secret key), else empty
     * @param model         the model to ask for; blank for the provider's default
     * @param pollEvery     time between status checks
     * @param jobTimeout    the longest a job may take before it is cancelled
     * @param retry         retries of each HTTP request
     * @param maxConcurrent     jobs in flight at once on this account
     * @param requestsPerSecond the most requests a second to the provider; 0 for no limit
     */
    public record Account(String baseUrl, String key, String secondKey, String model, Duration pollEvery,
                          Duration jobTimeout, Http.RetryPolicy retry, int maxConcurrent, double requestsPerSecond) {
        /** Without the secrets: a record's own toString would print them. */
        @Override
        public String toString() {
            return "Account[" + baseUrl + ", model " + (model.isBlank() ? "default" : model) + ", key ***]";
        }

        /** @return this account with another base URL */
        public Account withBaseUrl(String url) {
            return new Account(url, key, secondKey, model, pollEvery, jobTimeout, retry, maxConcurrent,
                requestsPerSecond);
        }
    }

    /** Where a job is, as the provider reports it. */
    public enum State { RUNNING, SUCCEEDED, FAILED }

    /**
     * A status answer, read.
     *
     * @param state     running, done or failed
     * @param progress  0..1 where the provider says, else -1
     * @param url       the clip's URL when done
     * @param failure   the provider's reason when failed
     * @param actualUsd what the provider says the job cost, or -1 when it does not say
     */
    public record Status(State state, double progress, String url, String failure, double actualUsd) {
        /** @return a running status */
        public static Status running(double progress) {
            return new Status(State.RUNNING, progress, "", "", -1);
        }

        /** @return a finished status */
        public static Status done(String url, double actualUsd) {
            return new Status(State.SUCCEEDED, 1, url, "", actualUsd);
        }

        /** @return a failed status */
        public static Status failed(String why) {
            return new Status(State.FAILED, -1, "", why == null || why.isBlank() ? "no reason given" : why, -1);
        }
    }

    /**
     * What names a provider.
     *
     * @param id            the backend id ({@code runway}, ...)
     * @param displayName   the provider's name for messages
     * @param documentation the documentation page the request shapes follow
     * @param keyVariables  the environment variables the key comes from, preferred first
     * @param defaultModel  the model asked for when film.yaml names none
     */
    public record Profile(String id, String displayName, String documentation, List<String> keyVariables,
                          String defaultModel) {
    }

    /** The account. */
    protected final Account account;
    private final Profile profile;
    /** The HTTP client, which hides the account's secrets in every message. */
    protected final Http http;

    /**
     * @param cacheFolder the project's {@code .cinestack} folder
     * @param ledger      the spend ledger
     * @param budget      this run's spending limit
     * @param account     how to reach the provider
     * @param profile     the provider's names
     */
    protected HostedBackend(Path cacheFolder, Ledger ledger, Budget budget, Account account, Profile profile) {
        super(cacheFolder, ledger, budget);
        this.account = account;
        this.profile = profile;
        this.http = new Http(id(), account.retry(), List.of(account.key(), account.secondKey()),
            account.requestsPerSecond());
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String model() {
        return account.model().isBlank() ? defaultModel() : account.model();
    }

    @Override
    public String id() {
        return profile.id();
    }

    /** @return the model asked for when film.yaml names none */
    protected String defaultModel() {
        return profile.defaultModel();
    }

    /** @return the documentation page the request shapes follow */
    public String documentation() {
        return profile.documentation();
    }

    /** The prompt, the model and the account's base URL matter, as well as the spec. */
    @Override
    public String digestInput(ShotSpec spec) {
        return spec.canonicalJson() + "\nmodel=" + model() + anchorsDigest(spec);
    }

    /**
     * The provider's structured camera field for one of our moves.
     *
     * @param move our move code ({@link CameraMove#codes()})
     * @return the field(s) to add to the request, or empty when the provider has none for this move and the prompt's
     *         camera words carry it
     */
    public abstract Optional<JsonNode> cameraControl(String move);

    @Override
    protected boolean hasCameraField(String move) {
        return cameraControl(move).isPresent();
    }

    /**
     * @param request   the request
     * @param body      its body ({@link #requestBody})
     * @param clientTaskId our id of the job
     * @return the HTTP request that submits the job
     */
    protected abstract HttpRequest submitRequest(GenerationRequest request, JsonNode body, String clientTaskId);

    /**
     * @param answer  the submission's answer
     * @param request what was submitted
     * @return the provider's job id (as this client will use it in {@link #statusRequest}), or empty when the answer
     *         has none
     */
    protected abstract Optional<String> jobId(JsonNode answer, GenerationRequest request);

    /** @return the HTTP request asking for a job's status */
    protected abstract HttpRequest statusRequest(String jobId);

    /**
     * Reads a status answer. Providers that keep the result apart from the status fetch it here.
     *
     * @param answer the status answer
     * @param jobId  the job
     * @return the state
     */
    protected abstract Status status(JsonNode answer, String jobId);

    /** @return the HTTP request that cancels a job, if the provider has one */
    protected abstract Optional<HttpRequest> cancelRequest(String jobId);

    /** @return true when the download needs the key (the clip is not at a signed URL) */
    protected boolean downloadNeedsKey() {
        return false;
    }

    /** Adds the provider's authentication to a request. */
    protected abstract HttpRequest.Builder authorize(HttpRequest.Builder builder);

    /**
     * @param r a request
     * @return the clip length the provider bills for it, s (its durations round up)
     */
    protected double billedSeconds(GenerationRequest r) {
        return r.durationSeconds();
    }

    /** The price of the length the provider makes and bills, not of the shot's own length. */
    @Override
    public double estimateUsd(org.cinestack.plan.ShotSpec spec) {
        return capabilities().usdPerSecond() * billedSeconds(request(spec));
    }

    /** @return a JSON POST to a path under the base URL, authorised */
    protected HttpRequest post(String path, JsonNode body) {
        return authorize(HttpRequest.newBuilder(Http.uri(account.baseUrl(), path)))
            .header("Content-Type", "application/json").header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    /** @return a GET of a path under the base URL (or of a whole URL), authorised */
    protected HttpRequest get(String pathOrUrl) {
        URI uri = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : Http.uri(account.baseUrl(), pathOrUrl);
        return authorize(HttpRequest.newBuilder(uri)).header("Accept", "application/json").GET().build();
    }

    /** @return true when the provider can find a job by our client task id */
    protected boolean canLookUp() {
        return false;
    }

    @Override
    protected Optional<String> lookup(String clientTaskId, GenerationRequest request) {
        if (!canLookUp()) {
            throw new ShootException(id() + ": an earlier run sent job " + clientTaskId + " but stopped before "
                + displayName() + " answered; it may have been made and charged. " + displayName() + " has no way to "
                + "find a job by our id, so Cinestack does not send it again by itself: look at the jobs in your "
                + displayName() + " account, then delete .cinestack/jobs/" + clientTaskId + ".json to submit it again",
                null);
        }
        return Optional.empty();
    }

    /** @return the provider's name for messages, for example {@code Runway} */
    protected String displayName() {
        return profile.displayName();
    }

    @Override
    protected final String submit(GenerationRequest r, String clientTaskId) {
        HttpRequest post;
        try {
            post = submitRequest(r, requestBody(r), clientTaskId);
        } catch (RuntimeException e) { // a still that cannot be read, a base URL that is not one: nothing was sent
            throw (e instanceof ShootException se ? se : new ShootException(id() + ": shot " + r.shotId()
                + ": the request could not be made: " + e.getMessage(), e)).notSent();
        }
        for (int attempt = 1; ; attempt++) {
            HttpResponse<byte[]> resp;
            try {
                resp = http.sendOnce(post, "submitting shot " + r.shotId());
            } catch (Http.ApiError e) {
                // 429 and 503 say the job was not taken, and a refused connection sent nothing; a 500, 502, 504 or no
                // answer may come after the provider made it (a gateway's error), so those are treated as "maybe made"
                boolean refused = e.status() == 429 || e.status() == 503 || e.notSent(); // not made, not charged
                boolean unknown = !refused && (e.status() == 0 || e.status() >= 500);
                if (!refused && !unknown) throw new ShootException(explain(e, r), e).notSent();
                if (refused && attempt >= account.retry().maxAttempts()) {
                    throw new ShootException(explain(e, r), e).notSent();
                }
                if (unknown) {
                    if (!canLookUp()) {
                        throw new ShootException(id() + ": shot " + r.shotId() + ": " + displayName() + " did not "
                            + "confirm the submission (" + e.getMessage() + "); the job may have been made and "
                            + "charged, and " + displayName() + " has no way to find it by our id, so it was not sent "
                            + "again. Look at the jobs in your " + displayName() + " account, then delete "
                            + ".cinestack/jobs/" + clientTaskId + ".json to submit it again", e);
                    }
                    // a job being made may not be listed at once: look a few times before sending it again
                    for (int look = 0; look < 3; look++) {
                        Optional<String> made = lookup(clientTaskId, r);
                        if (made.isPresent()) return made.get();
                        pause(account.pollEvery(), r);
                    }
                    if (attempt >= account.retry().maxAttempts()) throw new ShootException(explain(e, r), e);
                }
                Duration wait = e.retryAfter().orElse(http.nextBackoff(attempt));
                pause(wait.compareTo(account.retry().maxDelay()) > 0 ? account.retry().maxDelay() : wait, r);
                continue;
            }
            JsonNode answer;
            try {
                answer = JSON.readTree(resp.body());
            } catch (RuntimeException e) {
                throw new ShootException(id() + ": shot " + r.shotId() + ": " + displayName() + " accepted the job "
                    + "but its answer is not JSON (" + http.redact(snippet(resp.body())) + "); the job may be running: "
                    + "a later run " + (canLookUp() ? "looks it up" : "needs .cinestack/jobs/" + clientTaskId
                    + ".json deleted after checking the account"), e);
            }
            Optional<String> id = jobId(answer, r);
            if (id.isEmpty()) {
                throw new ShootException(id() + ": shot " + r.shotId() + ": " + displayName() + " answered without a "
                    + "job id: " + http.redact(snippet(resp.body())), null);
            }
            return id.get();
        }
    }

    /** Turns a refusal into a message that says what to do. */
    private String explain(Http.ApiError e, GenerationRequest r) {
        String fix = switch (e.status()) {
            case 401, 403 -> "; check the key in " + String.join(" / ", keyVariables());
            case 402 -> "; the account has no credit left";
            case 400, 422 -> "; the request does not fit the model " + model() + " (see " + documentation() + ")";
            default -> "";
        };
        return e.getMessage() + fix + " (shot " + r.shotId() + ")";
    }

    /** @return the environment variables the key comes from, for messages */
    public List<String> keyVariables() {
        return profile.keyVariables();
    }

    @Override
    protected final Result await(String jobId, GenerationRequest r, Progress progress) {
        long deadline = System.nanoTime() + account.jobTimeout().toNanos();
        int unreadable = 0;
        while (true) {
            JsonNode answer;
            try {
                answer = JSON.readTree(http.send(statusRequest(jobId), "checking shot " + r.shotId()).body());
            } catch (Http.ApiError e) {
                if (e.status() == 404) {
                    throw new ShootException(id() + ": shot " + r.shotId() + ": job " + jobId + " is not known to "
                        + displayName() + " (deleted or expired); the next run makes a new one", e, true);
                }
                throw new ShootException(e.getMessage() + " (shot " + r.shotId() + "; the job may still be running: "
                    + "the next run picks it up)", e);
            } catch (RuntimeException e) {
                if (++unreadable >= 3) {
                    throw new ShootException(id() + ": shot " + r.shotId() + ": " + displayName() + " answered "
                        + "status checks with something that is not JSON, 3 times; the job may still be running: the "
                        + "next run picks it up", e);
                }
                pause(account.pollEvery(), r);
                continue;
            }
            Status s;
            try {
                s = status(answer, jobId);
            } catch (Http.ApiError e) {
                throw new ShootException(e.getMessage() + " (shot " + r.shotId() + ")", e);
            }
            switch (s.state()) {
                case SUCCEEDED -> {
                    if (s.url().isBlank()) {
                        throw new ShootException(id() + ": shot " + r.shotId() + ": " + displayName() + " reports the "
                            + "job done but gives no video", null, true);
                    }
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("provider", displayName());
                    return new Result(s.url(), s.actualUsd(), details);
                }
                case FAILED -> throw new ShootException(id() + ": shot " + r.shotId() + ": " + displayName()
                    + " reports job " + jobId + " failed: " + http.redact(s.failure()), null, true);
                case RUNNING -> {
                    if (s.progress() >= 0) progress.frames((int) Math.round(s.progress() * r.frames()), r.frames());
                }
            }
            if (System.nanoTime() > deadline) {
                if (cancelConfirmed(jobId)) {
                    throw new ShootException(id() + ": shot " + r.shotId() + " did not finish in "
                        + account.jobTimeout().toMinutes() + " min; job " + jobId + " was cancelled", null, true);
                }
                // not cancelled: the job may still finish and be charged, so it is kept for the next run
                throw new ShootException(id() + ": shot " + r.shotId() + " did not finish in "
                    + account.jobTimeout().toMinutes() + " min and " + displayName() + " did not confirm a "
                    + "cancellation; job " + jobId + " is kept, and the next run picks it up", null);
            }
            pause(account.pollEvery(), r);
        }
    }

    private void pause(Duration d, GenerationRequest r) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShootException(id() + ": shot " + r.shotId() + " was interrupted", e);
        }
    }

    @Override
    protected void download(Result result, Path file) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(result.location())).GET();
        if (downloadNeedsKey()) authorize(b);
        HttpResponse<byte[]> resp;
        try {
            resp = http.send(b.build(), "downloading a clip");
        } catch (Http.ApiError e) {
            if (e.status() == 403 || e.status() == 404 || e.status() == 410) { // the result expired at the provider
                throw new ShootException(id() + ": the finished clip is no longer at " + displayName() + " ("
                    + e.status() + "; results expire); the next run makes a new job", e, true);
            }
            throw e;
        }
        try {
            Files.write(file, resp.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    protected void cancel(String jobId) {
        cancelConfirmed(jobId);
    }

    /** @return true when the provider answered the cancellation with a 2xx (best effort, no exception) */
    private boolean cancelConfirmed(String jobId) {
        try {
            Optional<HttpRequest> c = cancelRequest(jobId);
            if (c.isEmpty()) return false;
            http.sendOnce(c.get(), "cancelling job " + jobId);
            return true;
        } catch (RuntimeException e) {
            return false; // the job's ledger line says how it ended
        }
    }

    /** @return the first 200 characters of a body, for messages */
    protected static String snippet(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8).strip();
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /** @return the image as a {@code data:} URI (PNG or JPEG by its name) */
    protected static String dataUri(Path image) {
        return "data:" + mimeType(image) + ";base64," + base64(image);
    }

    /** @return the file's bytes in base 64, without a {@code data:} prefix */
    protected static String base64(Path file) {
        try {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ShootException("cannot read the reference image " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return image/png or image/jpeg, by file name */
    protected static String mimeType(Path image) {
        String n = image.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") ? "image/jpeg" : n.endsWith(".webp") ? "image/webp"
            : "image/png";
    }

    /** Wan's frame rate, frames a second. */
    protected static final int WAN_FPS = 16;

    /**
     * @param seconds the clip wanted, s
     * @param most    the most frames the model makes
     * @return the frames Wan makes for it: the fewest of the form 4k+1 (its VAE's time stride) at {@value #WAN_FPS}
     *         fps that cover the clip, from 17 to {@code most}
     */
    protected static int wanFrames(double seconds, int most) {
        return Math.clamp(4 * (int) Math.ceil((Math.ceil(seconds * WAN_FPS) - 1) / 4.0) + 1, 17, most);
    }

    /**
     * @param width  picture width
     * @param height picture height
     * @param ratios ratios the model offers, as {@code w:h}
     * @return the offered ratio nearest the picture's (by log of aspect)
     */
    protected static String nearestRatio(int width, int height, List<String> ratios) {
        double want = Math.log(width / (double) height);
        String best = ratios.getFirst();
        double bestErr = Double.MAX_VALUE;
        for (String r : ratios) {
            String[] p = r.split(":");
            double err = Math.abs(Math.log(Double.parseDouble(p[0]) / Double.parseDouble(p[1])) - want);
            if (err < bestErr) {
                bestErr = err;
                best = r;
            }
        }
        return best;
    }

    /** @return the text of a field, when present and not empty */
    protected static Optional<String> field(JsonNode n, String name) {
        String v = n.path(name).asString("");
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** @return a new JSON object */
    protected static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** @return the list without blanks */
    protected static List<String> present(String... values) {
        List<String> out = new ArrayList<>();
        for (String v : values) if (v != null && !v.isBlank()) out.add(v);
        return out;
    }
}
