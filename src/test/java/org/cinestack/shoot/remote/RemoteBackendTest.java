package org.cinestack.shoot.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.film.FilmReader;
import org.cinestack.plan.Planner;
import org.cinestack.plan.ShotSpec;
import org.cinestack.shoot.TakeStore;

/** The job life every provider shares, with an in-memory provider that charges $0.50 a second. */
class RemoteBackendTest {

    /** A provider whose jobs finish at once with a clip it writes itself. */
    static final class Paid extends RemoteBackend {
        final List<String> submitted = new CopyOnWriteArrayList<>();

        Paid(Path cache, Budget budget) {
            super(cache, new Ledger(cache), budget);
        }

        @Override public String id() { return "paid"; }
        @Override public String version() { return "1"; }
        @Override public String model() { return "test-model"; }

        @Override
        public Capabilities capabilities() {
            return new Capabilities(true, false, false, 0, true, 10, List.of(), false, 0, 0.5, 4);
        }

        @Override
        public JsonNode requestBody(GenerationRequest r) {
            return tools.jackson.databind.json.JsonMapper.builder().build().valueToTree(Map.of("prompt", r.prompt()));
        }

        @Override
        protected String submit(GenerationRequest r, String task) {
            submitted.add(task);
            return "job-" + task;
        }

        @Override protected Optional<String> lookup(String task, GenerationRequest r) { return Optional.empty(); }

        @Override
        protected Result await(String jobId, GenerationRequest r, Progress p) {
            return new Result(jobId, -1, Map.of());
        }

        @Override
        protected void download(Result result, Path file) {
            org.cinestack.shoot.comfyui.FakeComfyUi.clip(file, 64, 36, 24, 48);
        }

        @Override protected void cancel(String jobId) { }
    }

    static final String FILM = """
        title: Paid
        format: {aspect: 1.78, width: 128, height: 72, fps: 24}
        scenes:
          - id: one
            heading: INT. ROOM - DAY
            shots:
              - {id: a, size: ws, subject: the room, duration: 1.5}
              - {id: b, size: ws, subject: the window, duration: 2}
        """;

    @Test
    void theBudgetRefusesBeforeSendingAndTheLedgerSaysWhatWasSpent(@TempDir Path dir) {
        List<ShotSpec> specs = Planner.plan(FilmReader.parse(FILM, "paid.yaml")).specs();
        Paid p = new Paid(dir, new Budget(1.0)); // shot a costs $0.75, shot b $1.00
        TakeStore store = new TakeStore(dir);
        store.shoot(specs.get(0), p, 1, (a, b) -> { });
        assertThatThrownBy(() -> store.shoot(specs.get(1), p, 1, (a, b) -> { })).isInstanceOf(ShootException.class)
            .hasMessageContaining("would cost about $1.00").hasMessageContaining("$0.25 of $1.00");
        assertThat(p.submitted).hasSize(1);
        Ledger ledger = new Ledger(dir);
        assertThat(ledger.entries()).extracting(Ledger.Entry::outcome).containsExactly(Ledger.Outcome.SUBMITTED,
            Ledger.Outcome.SUCCEEDED, Ledger.Outcome.REFUSED);
        assertThat(ledger.spentUsd()).isEqualTo(0.75);
        assertThat(Ledger.spend(ledger.entries(), Ledger.Entry::shot)).containsExactly(Map.entry("a", 0.75));
    }

    @Test
    void theSameTakeHasTheSameClientTaskIdAndAnotherSeedAnother(@TempDir Path dir) {
        ShotSpec s = Planner.plan(FilmReader.parse(FILM, "paid.yaml")).specs().getFirst();
        Paid p = new Paid(dir, Budget.unlimited());
        assertThat(p.clientTaskId(s)).isEqualTo(p.clientTaskId(s)).matches("[0-9a-f-]{36}");
        assertThat(p.clientTaskId(s.withSeed(s.seed() + 1))).isNotEqualTo(p.clientTaskId(s));
    }
}
