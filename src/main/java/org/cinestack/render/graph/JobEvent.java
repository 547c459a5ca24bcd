package org.cinestack.render.graph;

/**
 * What happens to a job, in order: {@link Queued}, then {@link Started}, {@link Progress} as it goes, and one of
 * {@link Done}, {@link Cached} or {@link Failed}. A job that needs one that failed goes from queued straight to failed.
 */
public sealed interface JobEvent {
    /** @return the job */
    Job job();

    /** The job is in the graph, waiting for what it needs. */
    record Queued(Job job) implements JobEvent {
    }

    /** The job began. */
    record Started(Job job) implements JobEvent {
    }

    /**
     * @param done  units done (frames)
     * @param total units in all
     */
    record Progress(Job job, long done, long total) implements JobEvent {
    }

    /** @param seconds how long it ran */
    record Done(Job job, double seconds) implements JobEvent {
    }

    /** The job's result was already in the cache: nothing was made. */
    record Cached(Job job) implements JobEvent {
    }

    /**
     * @param reason what went wrong, in words: the job's own failure, or the job it needed that failed
     * @param cause  the exception, or null for a job that never ran
     */
    record Failed(Job job, String reason, Throwable cause) implements JobEvent {
    }
}
