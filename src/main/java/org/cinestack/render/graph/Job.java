package org.cinestack.render.graph;

import java.util.List;
import java.util.Objects;

/**
 * One piece of a render: a value named by the digest of its inputs, with the jobs whose results it needs.
 * <p>
 * The id is the digest of everything the job's result depends on (the same digests name its files in the cache:
 * {@code .cinestack/takes/<digest>/}, {@code segments/<digest>.mp4}, {@code masters/<digest>.mp4}), so two graphs that
 * hold the same work hold the same job, and a runner that keeps ids (a farm's queue) never runs it twice.
 *
 * @param id      the digest of its inputs; unique in its graph
 * @param kind    what it makes
 * @param subject what it is about, for people: a shot id, a deliverable's name, or the film's slug
 * @param needs   ids of the jobs whose results it reads; each added to the graph before it
 * @param lane    what it spends while it runs
 * @param work    the work
 */
public record Job(String id, JobKind kind, String subject, List<String> needs, Lane lane, Work work) {
    /** The work of a job. */
    @FunctionalInterface
    public interface Work {
        /**
         * @param context the results it needs, and where it reports progress
         * @return its result, read by the jobs that need it (may be null)
         * @throws Exception when it fails: the job fails with the exception's message, and every job needing it too
         */
        Object run(JobContext context) throws Exception;
    }

    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(work, "work");
        needs = List.copyOf(needs);
        if (id.isBlank()) throw new IllegalArgumentException("a job needs an id");
    }

    /** @return "shoot s1-tower", as said in progress and summaries */
    public String label() {
        return kind.word() + " " + subject;
    }
}
