package org.cinestack.shoot.hosted;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.cinestack.fuzz.Fuzz;
import org.cinestack.shoot.remote.Budget;
import org.cinestack.shoot.remote.GenerationRequest;
import org.cinestack.shoot.remote.Http;
import org.cinestack.shoot.remote.Ledger;
import org.cinestack.shoot.remote.ShootException;

/**
 * Each provider's answers (submission and status), mutated: every JSON answer of any shape is read into a job id, a
 * state, a {@link ShootException} or, where a provider fetches its result apart (fal), the HTTP layer's
 * {@link Http.ApiError}, with a message; nothing else is thrown and nothing hangs. Answers that are not
 * JSON at all are the HTTP layer's (tested in {@code HostedContractTest}).
 */
class ResponseFuzzTest {
    @TempDir
    Path dir;

    static List<HostedContractTest.Provider> providers() {
        return HostedContractTest.providers().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void answersOfAnyShapeAreReadOrRefusedInWords(HostedContractTest.Provider p) throws IOException {
        String base = "http://127.0.0.1:9"; // nothing listens: a result fetched apart is refused at once
        HostedBackends.Options o = new HostedBackends.Options("", Duration.ofMillis(1), Duration.ofSeconds(1),
            new Http.RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(1)), 1,
            KlingBackend.Settings.DEFAULT);
        HostedBackend b = HostedBackends.open(p.id(), HostedContractTest.env(base), dir.resolve(".cinestack"),
            new Ledger(dir.resolve(".cinestack")), Budget.unlimited(), o);
        GenerationRequest request = GenerationRequest.of(HostedContractTest.spec());
        List<byte[]> seeds = new ArrayList<>();
        for (String answer : List.of(p.submitted(), p.running(), p.done(), p.failed())) {
            seeds.add(answer.formatted(base, base).getBytes(StandardCharsets.UTF_8));
        }
        int tried = Fuzz.run("response-" + p.id(), seeds, input -> {
            JsonNode answer;
            try {
                answer = HostedBackend.JSON.readTree(input);
            } catch (RuntimeException notJson) {
                return; // the HTTP layer's case
            }
            if (answer == null) return;
            b.jobId(answer, request).ifPresent(id -> assertThat(id).isNotNull());
            HostedBackend.Status s = b.status(answer, "job-1");
            assertThat(s).isNotNull();
            assertThat(s.state()).isNotNull();
        }, 20261206L + p.id().hashCode(), 1500, 3, ShootException.class, Http.ApiError.class);
        assertThat(tried).isGreaterThan(50);
    }
}
