package org.cinestack.shoot.hosted;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cinestack.shoot.remote.Budget;
import org.cinestack.shoot.hosted.HostedBackend.Account;
import org.cinestack.shoot.remote.Http;
import org.cinestack.shoot.remote.Ledger;

/**
 * Makes the hosted backends from the environment. Keys are read only from environment variables (never from
 * film.yaml or the command line, so they do not end up in files or shell history):
 * <table>
 *   <caption>Keys and base URLs</caption>
 *   <tr><th>backend</th><th>key</th><th>base URL (override)</th></tr>
 *   <tr><td>runway</td><td>RUNWAYML_API_SECRET</td><td>https://api.dev.runwayml.com (RUNWAYML_BASE_URL)</td></tr>
 *   <tr><td>luma</td><td>LUMAAI_API_KEY</td><td>https://api.lumalabs.ai/dream-machine/v1 (LUMAAI_BASE_URL)</td></tr>
 *   <tr><td>kling</td><td>KLING_ACCESS_KEY and KLING_SECRET_KEY</td>
 *       <td>https://api-singapore.klingai.com (KLING_BASE_URL)</td></tr>
 *   <tr><td>fal</td><td>FAL_KEY</td><td>https://queue.fal.run (FAL_QUEUE_URL)</td></tr>
 *   <tr><td>replicate</td><td>REPLICATE_API_TOKEN</td><td>https://api.replicate.com (REPLICATE_BASE_URL, the host as Replicate's SDK takes it)</td></tr>
 *   <tr><td>veo</td><td>GOOGLE_API_KEY or GEMINI_API_KEY</td>
 *       <td>https://generativelanguage.googleapis.com (GOOGLE_GEMINI_BASE_URL, the host as Google's SDK takes it)</td></tr>
 *   <tr><td>veo with VEO_BACKEND=vertex</td><td>GOOGLE_APPLICATION_CREDENTIALS (a service account key file),
 *       GOOGLE_CLOUD_PROJECT, GOOGLE_CLOUD_LOCATION</td>
 *       <td>https://&lt;region&gt;-aiplatform.googleapis.com (GOOGLE_VERTEX_BASE_URL)</td></tr>
 * </table>
 */
public final class HostedBackends {
    /** The hosted backends' ids: the film model's registry ({@link org.cinestack.film.ShootPlan#HOSTED}). */
    public static final List<String> IDS = org.cinestack.film.ShootPlan.HOSTED;

    private HostedBackends() {
    }

    /**
     * How the shoot wants jobs run.
     *
     * @param model         the model, or blank for the backend's default
     * @param pollEvery     time between status checks
     * @param jobTimeout    the longest a job may take
     * @param retry         HTTP retries
     * @param maxConcurrent     jobs in flight at once per account
     * @param kling             Kling's axis reading
     * @param requestsPerSecond the most requests a second to the provider (submissions, status checks, downloads)
     */
    public record Options(String model, Duration pollEvery, Duration jobTimeout, Http.RetryPolicy retry,
                          int maxConcurrent, KlingBackend.Settings kling, double requestsPerSecond) {
        /**
         * The provider's default model, polled every 5 s (Runway asks for no more often), 20 min a job, 4 at once, at
         * most 2 requests a second.
         */
        public static final Options DEFAULT = new Options("", Duration.ofSeconds(5), Duration.ofMinutes(20),
            Http.RetryPolicy.DEFAULT, 4, KlingBackend.Settings.DEFAULT, 2);

        /** Options without a request rate limit. */
        public Options(String model, Duration pollEvery, Duration jobTimeout, Http.RetryPolicy retry,
                       int maxConcurrent, KlingBackend.Settings kling) {
            this(model, pollEvery, jobTimeout, retry, maxConcurrent, kling, 0);
        }

        /** @return these options with another model */
        public Options withModel(String m) {
            return new Options(m == null ? "" : m, pollEvery, jobTimeout, retry, maxConcurrent, kling,
                requestsPerSecond);
        }
    }

    /**
     * Makes a hosted backend.
     *
     * @param id          one of {@link #IDS}
     * @param env         the environment (keys and base URL overrides)
     * @param cacheFolder the project's {@code .cinestack} folder
     * @param ledger      the ledger
     * @param budget      the budget
     * @param options     models, polling and limits
     * @return the backend
     * @throws MissingKeyException      when its key is not set
     * @throws IllegalArgumentException when the id is not a hosted backend, or a base URL variable is not a URL
     */
    public static HostedBackend open(String id, Map<String, String> env, Path cacheFolder, Ledger ledger,
                                     Budget budget, Options options) {
        return switch (id) {
            case "runway" -> new RunwayBackend(cacheFolder, ledger, budget, account(env, options, "runway",
                "RUNWAYML_BASE_URL", "https://api.dev.runwayml.com", "https://dev.runwayml.com, API keys",
                "RUNWAYML_API_SECRET"));
            case "luma" -> new LumaBackend(cacheFolder, ledger, budget, account(env, options, "luma",
                "LUMAAI_BASE_URL", "https://api.lumalabs.ai/dream-machine/v1", "https://lumalabs.ai/api/keys",
                "LUMAAI_API_KEY"));
            case "kling" -> {
                Account a = account(env, options, "kling", "KLING_BASE_URL", "https://api-singapore.klingai.com",
                    "https://app.klingai.com/global/dev, API keys", "KLING_ACCESS_KEY");
                String secret = value(env, "KLING_SECRET_KEY").orElseThrow(() -> new MissingKeyException("kling",
                    List.of("KLING_SECRET_KEY"), "the secret key shown beside the access key"));
                yield new KlingBackend(cacheFolder, ledger, budget, new Account(a.baseUrl(), a.key(), secret,
                    a.model(), a.pollEvery(), a.jobTimeout(), a.retry(), a.maxConcurrent(), a.requestsPerSecond()),
                    options.kling());
            }
            case "fal" -> new FalBackend(cacheFolder, ledger, budget, account(env, options, "fal", "FAL_QUEUE_URL",
                "https://queue.fal.run", "https://fal.ai/dashboard/keys", "FAL_KEY"), options.kling());
            case "replicate" -> new ReplicateBackend(cacheFolder, ledger, budget, account(env, options, "replicate",
                "REPLICATE_BASE_URL", "https://api.replicate.com", "https://replicate.com/account/api-tokens",
                "REPLICATE_API_TOKEN"));
            case "veo" -> "vertex".equalsIgnoreCase(value(env, "VEO_BACKEND").orElse("")) ? vertex(env, cacheFolder,
                ledger, budget, options) : new VeoBackend(cacheFolder, ledger, budget, account(env, options, "veo",
                "GOOGLE_GEMINI_BASE_URL", "https://generativelanguage.googleapis.com",
                "https://aistudio.google.com/apikey", "GOOGLE_API_KEY", "GEMINI_API_KEY"));
            default -> throw new IllegalArgumentException("not a hosted backend: " + id + " (known: " + IDS + ")");
        };
    }

    /**
     * Veo on Vertex AI ({@code VEO_BACKEND=vertex}): the service account's key file from
     * {@code GOOGLE_APPLICATION_CREDENTIALS}, the project from {@code GOOGLE_CLOUD_PROJECT} or the key's
     * {@code project_id}, the region from {@code GOOGLE_CLOUD_LOCATION} (us-central1); the host is
     * {@code https://<region>-aiplatform.googleapis.com} ({@code https://aiplatform.googleapis.com} for
     * {@code global}), as python-genai's {@code _api_client.py} builds it, unless {@code GOOGLE_VERTEX_BASE_URL} names
     * another; Cloud Storage at {@code GOOGLE_STORAGE_BASE_URL} or {@code https://storage.googleapis.com}.
     */
    private static HostedBackend vertex(Map<String, String> env, Path cacheFolder, Ledger ledger, Budget budget,
                                        Options options) {
        Path keyFile = value(env, "GOOGLE_APPLICATION_CREDENTIALS").map(Path::of).orElseThrow(() ->
            new MissingKeyException("veo", List.of("GOOGLE_APPLICATION_CREDENTIALS"), "a service account key (JSON) "
                + "from the Google Cloud console, IAM > Service accounts > Keys; VEO_BACKEND=vertex asks for one"));
        com.google.auth.oauth2.ServiceAccountCredentials credentials = VertexVeoBackend.serviceAccount(keyFile);
        String project = value(env, "GOOGLE_CLOUD_PROJECT").or(() -> Optional.ofNullable(credentials.getProjectId())
            .filter(s -> !s.isBlank())).orElseThrow(() -> new IllegalArgumentException("veo: no Google Cloud "
                + "project: set GOOGLE_CLOUD_PROJECT (the key file " + keyFile + " names none)"));
        String location = value(env, "GOOGLE_CLOUD_LOCATION").orElse("us-central1");
        if (!location.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("veo: GOOGLE_CLOUD_LOCATION is not a region: '" + location + "' (for "
                + "example us-central1, or global)");
        }
        String host = location.equals("global") ? "https://aiplatform.googleapis.com"
            : "https://" + location + "-aiplatform.googleapis.com";
        // the account holds no key: an access token is asked for with the service account's and renewed
        Account a = new Account(baseUrl(env, "vertex", "GOOGLE_VERTEX_BASE_URL", host), "", "", options.model(),
            options.pollEvery(), options.jobTimeout(), options.retry(), options.maxConcurrent(),
            options.requestsPerSecond());
        return new VertexVeoBackend(cacheFolder, ledger, budget, a,
            new VertexVeoBackend.Place(project, location, value(env, "GOOGLE_STORAGE_BASE_URL")
                .orElse("https://storage.googleapis.com")), credentials);
    }

    /**
     * A backend for showing request bodies ({@code cinestack prompts --backend}): it needs no key, and sends nothing.
     *
     * @param id          one of {@link #IDS}
     * @param cacheFolder the project's {@code .cinestack} folder
     * @param model       the model, or blank for the default
     * @return the backend, with a placeholder key
     */
    public static HostedBackend preview(String id, Path cacheFolder, String model) {
        Map<String, String> env = new java.util.HashMap<>();
        for (String v : List.of("RUNWAYML_API_SECRET", "LUMAAI_API_KEY", "KLING_ACCESS_KEY", "KLING_SECRET_KEY",
            "FAL_KEY", "REPLICATE_API_TOKEN", "GOOGLE_API_KEY")) env.put(v, "unused");
        return open(id, env, cacheFolder, new Ledger(cacheFolder), Budget.unlimited(),
            Options.DEFAULT.withModel(model));
    }

    /**
     * The base URL as the client joins its paths to it. Replicate and Google give their base URLs as the host alone
     * and put the API version in every path (replicate-python {@code client.py}, python-genai {@code _base_url.py};
     * read 2026-12-06); a base URL written the older way, with the version at its end, is taken too.
     *
     * @param id  the backend
     * @param url the base URL given
     * @return the URL without a trailing slash or, for those two, the version
     */
    static String hostRoot(String id, String url) {
        String u = url.strip().replaceAll("/+$", "");
        if (id.equals("replicate") && u.endsWith("/v1")) return u.substring(0, u.length() - 3);
        if (id.equals("veo") && u.endsWith("/v1beta")) return u.substring(0, u.length() - 7);
        return u;
    }

    private static Account account(Map<String, String> env, Options o, String id, String baseVar, String base,
                                   String where, String... keyVars) {
        String key = null;
        for (String v : keyVars) {
            Optional<String> k = value(env, v);
            if (k.isPresent()) {
                key = k.get();
                break;
            }
        }
        if (key == null) throw new MissingKeyException(id, List.of(keyVars), where);
        return new Account(baseUrl(env, id, baseVar, base), key, "", o.model(), o.pollEvery(), o.jobTimeout(),
            o.retry(), o.maxConcurrent(), o.requestsPerSecond());
    }

    /**
     * @return the base URL from {@code baseVar}, else {@code base}, as the client joins paths to it
     * @throws IllegalArgumentException when it is not an http(s) URL, naming the variable
     */
    private static String baseUrl(Map<String, String> env, String id, String baseVar, String base) {
        String url = hostRoot(id, value(env, baseVar).orElse(base));
        try {
            java.net.URI u = java.net.URI.create(url);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + id + " backend's base URL in " + baseVar + " is not an "
                + "http(s) URL: '" + url + "'; unset it to use " + base);
        }
        return url;
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    /** The account type, re-exported for callers that build one by hand (tests, benchmarks). */
    public static Account account(String baseUrl, String key, String secondKey, Options o) {
        return new Account(baseUrl, key, secondKey, o.model(), o.pollEvery(), o.jobTimeout(), o.retry(),
            o.maxConcurrent(), o.requestsPerSecond());
    }
}
