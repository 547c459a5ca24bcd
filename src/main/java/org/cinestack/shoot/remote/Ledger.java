package org.cinestack.shoot.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The spend ledger, {@code .cinestack/ledger.jsonl}: one JSON line per request to a generative backend, appended and
 * flushed before the call returns, so a crash loses no line. Keys never appear in it.
 */
public final class Ledger {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** How a request ended. */
    public enum Outcome {
        /** Sent; the provider accepted it (a paid job exists). */
        SUBMITTED,
        /** Found already running or done after a restart, not sent again. */
        RESUMED,
        /** Finished and downloaded; the take is stored. */
        SUCCEEDED,
        /** The provider ran the job and reports it failed; the take needs a new job. */
        FAILED,
        /** We lost track (network, timeout, interrupted); the job may still run and a later run resumes it. */
        ERROR,
        /** Refused before sending: over budget. */
        REFUSED
    }

    /**
     * One line.
     *
     * @param time         when, ISO-8601 UTC
     * @param backend      backend id
     * @param model        model or workflow name
     * @param shot         shot id
     * @param specDigest   the takes' digest
     * @param take         take number
     * @param clientTaskId our id for the job (idempotency key)
     * @param jobId        the provider's id, empty before it answers
     * @param estimatedUsd price estimated before submitting
     * @param actualUsd    price the provider reported or the estimate once done; 0 until then
     * @param outcome      what happened
     * @param detail       an error, or empty
     */
    public record Entry(String time, String backend, String model, String shot, String specDigest, int take,
                        String clientTaskId, String jobId, double estimatedUsd, double actualUsd, Outcome outcome,
                        String detail) {
    }

    private final Path file;

    /** @param cacheFolder the project's {@code .cinestack} folder */
    public Ledger(Path cacheFolder) {
        this.file = cacheFolder.resolve("ledger.jsonl");
    }

    /** @return the ledger file */
    public Path file() {
        return file;
    }

    /**
     * Appends a line (time is set now).
     *
     * @param e the entry; its time is replaced
     */
    public synchronized void append(Entry e) {
        Entry stamped = new Entry(Instant.now().toString(), e.backend(), e.model(), e.shot(), e.specDigest(), e.take(),
            e.clientTaskId(), e.jobId(), e.estimatedUsd(), e.actualUsd(), e.outcome(), e.detail());
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(stamped) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE,
                StandardOpenOption.SYNC);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the ledger " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** @return every line, in order; a damaged line (a crash mid-write) is skipped */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) return out;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                try {
                    out.add(JSON.treeToValue(JSON.readTree(line), Entry.class));
                } catch (RuntimeException e) {
                    // a torn last line
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ledger " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** @return US dollars spent: the actual price of each finished job, the estimate of each submitted one not yet done */
    public double spentUsd() {
        return spend(entries(), e -> "total").getOrDefault("total", 0.0);
    }

    /**
     * Spend grouped by a key (backend, shot...): for each client task id, its latest actual price, or its estimate
     * while only submitted. A resumed or refused request costs nothing more.
     *
     * @param entries the lines
     * @param key     the group of a line
     * @return US dollars per group, sorted by group
     */
    public static Map<String, Double> spend(List<Entry> entries, java.util.function.Function<Entry, String> key) {
        Map<String, Entry> byTask = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.outcome() == Outcome.REFUSED || e.outcome() == Outcome.RESUMED || e.outcome() == Outcome.ERROR) continue;
            Entry prev = byTask.get(e.clientTaskId());
            if (prev == null || e.outcome() != Outcome.SUBMITTED) byTask.put(e.clientTaskId(), e);
        }
        Map<String, Double> out = new TreeMap<>();
        for (Entry e : byTask.values()) {
            double usd = e.outcome() == Outcome.SUBMITTED ? e.estimatedUsd() : e.actualUsd();
            out.merge(key.apply(e), usd, Double::sum);
        }
        return out;
    }

    /** @return true when the ledger holds a job under this id that the provider reported failed */
    public boolean failed(String clientTaskId) {
        return entries().stream().anyMatch(e -> e.outcome() == Outcome.FAILED && e.clientTaskId().equals(clientTaskId));
    }

    /** @return the number of paid submissions per client task id (more than 1 means a job was paid twice) */
    public Map<String, Integer> submissions() {
        Map<String, Integer> out = new TreeMap<>();
        for (Entry e : entries()) if (e.outcome() == Outcome.SUBMITTED) out.merge(e.clientTaskId(), 1, Integer::sum);
        return out;
    }

    static JsonNode tree(Entry e) {
        return JSON.valueToTree(e);
    }
}
