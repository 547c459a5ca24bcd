package org.cinestack.render.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How each job of a graph ended.
 *
 * @param outcomes per job id, in the graph's order
 */
public record GraphRun(Map<String, Outcome> outcomes) {
    /** How one job ended. */
    public sealed interface Outcome {
        /** @return the job */
        Job job();
    }

    /**
     * @param result  what it made (may be null)
     * @param cached  true when it was found in the cache
     * @param seconds how long it ran
     */
    public record Succeeded(Job job, Object result, boolean cached, double seconds) implements Outcome {
    }

    /**
     * @param reason what went wrong, in words
     * @param cause  its exception, or null when it never ran because a job it needs failed
     */
    public record Failed(Job job, String reason, Throwable cause) implements Outcome {
    }

    public GraphRun {
        outcomes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    }

    /** @return true when every job succeeded */
    public boolean succeeded() {
        return outcomes.values().stream().allMatch(o -> o instanceof Succeeded);
    }

    /** @return the failed jobs, in the graph's order: those that failed themselves first, then those that needed them */
    public List<Failed> failures() {
        List<Failed> own = new ArrayList<>(), after = new ArrayList<>();
        for (Outcome o : outcomes.values()) {
            if (o instanceof Failed f) (f.cause() != null ? own : after).add(f);
        }
        own.addAll(after);
        return own;
    }

    /**
     * @param id   a job that succeeded
     * @param type its result's type
     * @return its result
     * @throws IllegalStateException when the job did not succeed
     */
    public <T> T result(String id, Class<T> type) {
        if (!(outcomes.get(id) instanceof Succeeded s)) {
            throw new IllegalStateException("job " + id + " did not succeed");
        }
        return type.cast(s.result());
    }

    /**
     * @return one line a failed job, "shoot s2: the provider refused the prompt (content policy)", those that failed
     *         themselves first; empty when every job succeeded
     */
    public List<String> summary() {
        return failures().stream().map(f -> f.job().label() + ": " + f.reason()).toList();
    }
}
