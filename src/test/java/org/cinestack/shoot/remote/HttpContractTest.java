package org.cinestack.shoot.remote;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The retrying HTTP client every provider client uses, against WireMock on loopback: 429 with Retry-After (seconds, as
 * RFC 9110 section 10.2.3 allows), 5xx, dropped connections and timeouts end in a retry or a clear error, never a
 * hang; a refused key is named as such and the key never appears in the error.
 */
class HttpContractTest {
    static final String SECRET = "sk-test-0123456789abcdef";
    WireMockServer wm;

    @BeforeEach
    void start() {
        wm = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        wm.start();
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    Http http(int attempts) {
        return new Http("test", new Http.RetryPolicy(attempts, Duration.ofMillis(10), Duration.ofSeconds(3),
            Duration.ofMillis(800)), List.of(SECRET));
    }

    HttpRequest req(String path) {
        return HttpRequest.newBuilder(URI.create(wm.baseUrl() + path)).header("Authorization", "Bearer " + SECRET)
            .GET().build();
    }

    @Test
    void honoursRetryAfterOn429() {
        wm.stubFor(get("/t").inScenario("s").whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse()
            .withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        wm.stubFor(get("/t").inScenario("s").whenScenarioStateIs("ok").willReturn(aResponse().withStatus(200)
            .withBody("{}")));
        long t0 = System.nanoTime();
        assertThat(http(3).send(req("/t"), "a status check").statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - t0) / 1e9).as("waited what Retry-After asked").isGreaterThanOrEqualTo(0.95);
        wm.verify(2, getRequestedFor(urlEqualTo("/t")));
    }

    @Test
    void retries5xxAndDroppedConnectionsThenSucceeds() {
        wm.stubFor(get("/t").inScenario("s").whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse()
            .withStatus(500)).willSetStateTo("dropped"));
        wm.stubFor(get("/t").inScenario("s").whenScenarioStateIs("dropped").willReturn(aResponse()
            .withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
        wm.stubFor(get("/t").inScenario("s").whenScenarioStateIs("ok").willReturn(aResponse().withStatus(200)));
        assertThat(http(4).send(req("/t"), "a status check").statusCode()).isEqualTo(200);
        wm.verify(3, getRequestedFor(urlEqualTo("/t")));
    }

    @Test
    void givesUpWithAClearErrorAfterItsAttempts() {
        wm.stubFor(get("/t").willReturn(aResponse().withStatus(503).withBody("overloaded")));
        assertThatThrownBy(() -> http(3).send(req("/t"), "a status check")).isInstanceOf(Http.ApiError.class)
            .hasMessageContaining("failed 3 times").hasMessageContaining("503").hasMessageContaining("try again later");
        wm.verify(3, getRequestedFor(urlEqualTo("/t")));
    }

    @Test
    void aTimeoutIsRetriedThenReported() {
        wm.stubFor(get("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(2000)));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> http(2).send(req("/slow"), "a status check")).isInstanceOf(Http.ApiError.class)
            .hasMessageContaining("timed out 2 times");
        assertThat((System.nanoTime() - t0) / 1e9).as("no hang").isLessThan(10);
    }

    @Test
    void aRefusedKeyIsFinalAndTheKeyIsNeverShown() {
        wm.stubFor(get("/t").willReturn(aResponse().withStatus(401).withBody("{\"error\":\"bad key " + SECRET
            + "\"}")));
        assertThatThrownBy(() -> http(5).send(req("/t"), "submitting shot s1")).isInstanceOf(Http.ApiError.class)
            .hasMessageContaining("the key was not accepted").hasMessageNotContaining(SECRET)
            .hasMessageContaining("***");
        wm.verify(1, getRequestedFor(urlEqualTo("/t")));
    }

    @Test
    void retryAfterAsAnHttpDate() {
        String in2s = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now(
            java.time.ZoneOffset.UTC).plusSeconds(2));
        wm.stubFor(get("/d").willReturn(aResponse().withStatus(429).withHeader("Retry-After", in2s)));
        var r = new java.net.http.HttpResponse<byte[]>() {
            public int statusCode() { return 429; }
            public HttpRequest request() { return null; }
            public java.util.Optional<java.net.http.HttpResponse<byte[]>> previousResponse() {
                return java.util.Optional.empty(); }
            public java.net.http.HttpHeaders headers() {
                return java.net.http.HttpHeaders.of(java.util.Map.of("Retry-After", List.of(in2s)), (a, b) -> true); }
            public byte[] body() { return new byte[0]; }
            public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
            public URI uri() { return null; }
            public java.net.http.HttpClient.Version version() { return null; }
        };
        assertThat(Http.retryAfter(r).orElseThrow().toMillis()).isBetween(0L, 2000L);
    }
}
