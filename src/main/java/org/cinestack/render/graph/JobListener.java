package org.cinestack.render.graph;

/**
 * Hears every job's events (the terminal's progress, the JSON progress lines, the studio, the farm's status). Called
 * from the threads the jobs run on, one event at a time per runner.
 */
@FunctionalInterface
public interface JobListener {
    /** @param event what happened */
    void event(JobEvent event);

    /** A listener that hears nothing. */
    JobListener NONE = e -> { };
}
