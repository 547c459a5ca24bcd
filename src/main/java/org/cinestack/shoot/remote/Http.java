package org.cinestack.shoot.remote;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * HTTP for provider APIs, with retries: on 429 (waiting what Retry-After asks, in seconds or as an HTTP date), on 5xx,
 * on timeouts and on dropped connections, with exponential backoff and full jitter (delay drawn from 0..min(max,
 * base * 2^attempt), after "Exponential Backoff And Jitter", AWS Architecture Blog, 2015). Other 4xx answers are
 * final. Error messages name the backend and the endpoint and never hold a secret: every secret given is replaced by
 * {@code ***} in anything this class reports.
 */
public final class Http {
    static {
        // Close pooled connections after 10 s idle, before servers do (Jetty 30 s, nginx 75 s, cloud balancers 60 s):
        // a request sent on a connection the server has just closed fails without an answer, and for a submission
        // that means "maybe made", which stops the shot. Set before the first client is built; a value the user
        // gave wins.
        if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
            System.setProperty("jdk.httpclient.keepalive.timeout", "10");
        }
    }

    /**
     * How hard to try.
     *
     * @param maxAttempts    tries per request, at least 1
     * @param baseDelay      the first backoff
     * @param maxDelay       the longest backoff (and the longest Retry-After honoured)
     * @param requestTimeout how long one try may take
     */
    public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration requestTimeout) {
        /** Six tries, 0.5 s doubling to 30 s, 60 s a try. */
        public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(30),
            Duration.ofSeconds(60));
    }

    /** A final answer that is not a success: its status and body (secrets removed). */
    public static final class ApiError extends RuntimeException {
        private final int status;
        private final Duration retryAfter;
        private final boolean notSent;

        ApiError(String message, int status) {
            this(message, status, null);
        }

        ApiError(String message, int status, Duration retryAfter) {
            this(message, status, retryAfter, false);
        }

        ApiError(String message, int status, Duration retryAfter, boolean notSent) {
            super(message);
            this.status = status;
            this.retryAfter = retryAfter;
            this.notSent = notSent;
        }

        /**
         * @return true when the request certainly never reached the server: the connection was refused or the host
         *     not found, so nothing can have been made or charged
         */
        public boolean notSent() {
            return notSent;
        }

        /** @return the wait a 429 answer asked for (Retry-After), if it said */
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }

        /** @return the HTTP status, or 0 when no answer came */
        public int status() {
            return status;
        }
    }

    /** Made on the first request: a backend built only to show its requests (a preview) never starts one. */
    private volatile HttpClient client;
    private final String backend;
    private final RetryPolicy policy;
    private final List<String> secrets;
    private final double requestsPerSecond;
    private long nextSlotNanos;

    /**
     * @param backend the backend's id, for messages
     * @param policy  retries
     * @param secrets values never to show (keys, tokens); blanks are ignored
     */
    public Http(String backend, RetryPolicy policy, List<String> secrets) {
        this(backend, policy, secrets, 0);
    }

    /**
     * @param backend           the backend's id, for messages
     * @param policy            retries
     * @param secrets           values never to show (keys, tokens); blanks are ignored
     * @param requestsPerSecond the most requests this client starts in a second, spaced evenly (every try counts);
     *                          0 for no limit
     */
    public Http(String backend, RetryPolicy policy, List<String> secrets, double requestsPerSecond) {
        this.backend = backend;
        this.policy = policy;
        this.secrets = secrets.stream().filter(s -> s != null && !s.isBlank()).toList();
        this.requestsPerSecond = requestsPerSecond;
    }

    /**
     * Waits for this request's slot: requests start at least {@code 1 / requestsPerSecond} apart, in the order they
     * asked, so however many jobs wait at once the provider sees a bounded rate. Waiting threads sleep (virtual
     * threads unmount), nothing spins.
     */
    private void pace() throws InterruptedException {
        if (requestsPerSecond <= 0) return;
        long gap = (long) (1e9 / requestsPerSecond), wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextSlotNanos);
            nextSlotNanos = slot + gap;
            wait = slot - now;
        }
        if (wait > 0) Thread.sleep(Duration.ofNanos(wait));
    }

    /** @return the underlying client (for websockets), made on first use */
    public HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NORMAL).build();
                    client = c;
                }
            }
        }
        return c;
    }

    /**
     * Sends a request, retrying as the policy allows.
     *
     * @param request the request; sent again as is on a retry
     * @param what    what the request is for, for messages ("submit shot s3")
     * @return the 2xx response, body as bytes
     * @throws ApiError when the answer is a final error, or retries run out
     */
    public HttpResponse<byte[]> send(HttpRequest request, String what) {
        return send(request, what, policy.maxAttempts());
    }

    /**
     * Sends a request once: for a submission, where a retry after a lost answer could pay for a second job, so the
     * caller looks the job up before trying again.
     *
     * @param request the request
     * @param what    what it is for
     * @return the 2xx response
     * @throws ApiError on any failure, with status 0 when no answer came
     */
    public HttpResponse<byte[]> sendOnce(HttpRequest request, String what) {
        return send(request, what, 1);
    }

    /** @return the backoff before the next submission attempt */
    public Duration nextBackoff(int attempt) {
        return backoff(attempt);
    }

    private HttpResponse<byte[]> send(HttpRequest request, String what, int maxAttempts) {
        String endpoint = request.method() + " " + redact(request.uri().getPath());
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            String why;
            try {
                pace();
                HttpRequest timed = HttpRequest.newBuilder(request, (k, v) -> true).timeout(policy.requestTimeout())
                    .build();
                HttpResponse<byte[]> r = client().send(timed, HttpResponse.BodyHandlers.ofByteArray());
                int s = r.statusCode();
                if (s >= 200 && s < 300) return r;
                String whole = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
                Optional<Duration> asked = s == 429 || s == 503 ? retryAfter(r).or(() -> retryInfo(whole))
                    : Optional.empty();
                String body = redact(whole);
                if (body.length() > 300) body = body.substring(0, 300) + "...";
                if (s != 429 && s < 500) {
                    throw new ApiError(backend + ": " + what + " was refused (" + endpoint + " answered " + s + ")"
                        + (s == 401 || s == 403 ? ": the key was not accepted; check it" : "") + ": " + body, s);
                }
                why = "HTTP " + s;
                wait = asked.orElse(backoff(attempt));
                if (attempt >= maxAttempts) {
                    throw new ApiError(backend + ": " + what + " failed " + attempt + " times (" + endpoint
                        + ", last answer " + s + ": " + body + "); try again later", s, asked.orElse(null));
                }
            } catch (HttpTimeoutException e) {
                why = "timed out";
                wait = backoff(attempt);
                if (attempt >= maxAttempts) throw new ApiError(backend + ": " + what + " timed out "
                    + attempt + " times (" + endpoint + "); is the server up and reachable?", 0);
            } catch (IOException e) {
                // refused or no such host: the connection never opened, so the request went nowhere
                boolean nothingSent = e instanceof java.net.ConnectException
                    || e.getCause() instanceof java.net.ConnectException
                    || e.getCause() instanceof java.nio.channels.UnresolvedAddressException
                    || e instanceof java.net.UnknownHostException;
                why = (nothingSent ? "connection refused, nothing sent: " : "connection failed: ")
                    + redact(String.valueOf(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                wait = backoff(attempt);
                if (attempt >= maxAttempts) throw new ApiError(backend + ": " + what + " could not reach "
                    + request.uri().getScheme() + "://" + request.uri().getAuthority() + " after " + attempt
                    + " tries (" + why + "); is the server up?", 0, null, nothingSent);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiError(backend + ": " + what + " was interrupted", 0);
            }
            sleep(wait.compareTo(policy.maxDelay()) > 0 ? policy.maxDelay() : wait, why);
        }
    }

    /** The wait before try {@code attempt + 1}: uniform in 0..min(max, base * 2^(attempt-1)). */
    Duration backoff(int attempt) {
        long cap = Math.min(policy.maxDelay().toMillis(), policy.baseDelay().toMillis() << Math.min(20, attempt - 1));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap + 1));
    }

    /** Retry-After as delay-seconds or an HTTP date (RFC 9110 section 10.2.3). */
    static Optional<Duration> retryAfter(HttpResponse<?> r) {
        Optional<String> v = r.headers().firstValue("Retry-After");
        if (v.isEmpty()) return Optional.empty();
        String s = v.get().strip();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(s))));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (RuntimeException e2) {
                return Optional.empty();
            }
        }
    }

    /**
     * The delay Google's APIs ask for in the body of a 429: {@code error.details[]} holds a
     * {@code type.googleapis.com/google.rpc.RetryInfo} whose {@code retryDelay} is a protobuf Duration in JSON, such as
     * {@code "31s"} or {@code "1.5s"} (googleapis google/rpc/error_details.proto RetryInfo: "clients should wait until
     * retry_delay amount of time has passed"; protobuf duration.proto JSON mapping; read 2026-12-06).
     *
     * @param body an error answer's whole body
     * @return the delay, when the body has one
     */
    static Optional<Duration> retryInfo(String body) {
        if (!body.contains("google.rpc.RetryInfo")) return Optional.empty();
        try {
            tools.jackson.databind.JsonNode details = RETRY_JSON.readTree(body).path("error").path("details");
            for (tools.jackson.databind.JsonNode d : details) {
                if (!d.path("@type").asString("").endsWith("google.rpc.RetryInfo")) continue;
                java.util.regex.Matcher m = PROTO_DURATION.matcher(d.path("retryDelay").asString(""));
                if (!m.matches()) return Optional.empty();
                long nanos = m.group(2) == null ? 0 : Long.parseLong((m.group(2).substring(1) + "000000000")
                    .substring(0, 9));
                return Optional.of(Duration.ofSeconds(Long.parseLong(m.group(1)), nanos));
            }
        } catch (RuntimeException e) {
            return Optional.empty(); // not JSON, or not that shape: no delay was asked for
        }
        return Optional.empty();
    }

    private static final tools.jackson.databind.json.JsonMapper RETRY_JSON = tools.jackson.databind.json.JsonMapper
        .builder().build();
    private static final java.util.regex.Pattern PROTO_DURATION = java.util.regex.Pattern.compile(
        "([0-9]{1,12})(\\.[0-9]{1,9})?s");

    private void sleep(Duration d, String why) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(backend + ": interrupted while waiting to retry (" + why + ")", 0);
        }
    }

    /** A JSON Web Token (RFC 7519, compact form: base64url header starting {@code {"}, payload, signature). */
    private static final java.util.regex.Pattern JWT = java.util.regex.Pattern.compile(
        "eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*");
    /** A bearer or basic credential as an Authorization header carries it (RFC 6750 section 2.1, RFC 7617). */
    private static final java.util.regex.Pattern AUTHORIZATION = java.util.regex.Pattern.compile(
        "(?i)\\b(bearer|basic)(\\s+)[A-Za-z0-9._~+/=-]{8,}");

    /**
     * The one redaction every client's messages, ledger lines and journals go through: each secret this client was
     * given, any JSON Web Token (Kling signs one with its keys for every request, so an answer echoing the request
     * would carry the access key in its payload) and any bearer or basic credential become {@code ***}.
     *
     * @param text any text, for example an answer's body or an exception's message
     * @return the text with every credential replaced by {@code ***}
     */
    public String redact(String text) {
        String out = text;
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) out = out.replace(s, "***");
        }
        out = JWT.matcher(out).replaceAll("***");
        return AUTHORIZATION.matcher(out).replaceAll("$1$2***");
    }

    /** @return a URI on a base URL, for example {@code uri("http://h:8188", "/prompt")} */
    public static URI uri(String base, String path) {
        return URI.create(base.replaceAll("/+$", "") + path);
    }
}
