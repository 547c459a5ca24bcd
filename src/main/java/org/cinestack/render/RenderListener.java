package org.cinestack.render;

/** Receives the progress of a render, for a progress bar or a log. All methods default to doing nothing. */
public interface RenderListener {
    /**
     * A shot's takes are being looked up or made.
     *
     * @param index     0-based shot index
     * @param shots     number of shots
     * @param shotId    the shot
     * @param frames    frames per take
     * @param generate  takes that will be generated (0: all cached)
     */
    default void shot(int index, int shots, String shotId, int frames, int generate) {
    }

    /**
     * A take made by a hosted backend arrived (they are made side by side, away from this machine).
     *
     * @param done   0-based count of hosted takes arrived before this one
     * @param takes  hosted takes in this render
     * @param shotId the take's shot
     */
    default void hostedTake(int done, int takes, String shotId) {
    }

    /** @param done frames of the current take done; @param total its frames */
    default void frames(int done, int total) {
    }

    /** @param done frames of the current picture (master or deliverable) encoded; @param total its frames */
    default void master(int done, int total) {
    }

    /**
     * The work ahead: before the first shot, and again once the cut is known (the master and deliverables to make).
     *
     * @param work frames to shoot and pictures to encode
     */
    default void planned(RenderWork work) {
    }

    /**
     * A stage begins.
     *
     * @param stage {@code shoot}, {@code mix}, {@code master}, or a deliverable: {@code vertical}, {@code square},
     *              {@code web}, {@code prores}; {@link #master} then counts that picture's frames
     */
    default void stage(String stage) {
    }

    /**
     * A job of the render's graph was queued, started, went on, ended from the cache, was done or failed: for whoever
     * follows the render job by job (the JSON progress lines, the studio, a farm).
     *
     * @param event what happened
     */
    default void job(org.cinestack.render.graph.JobEvent event) {
    }

    /** @param text a warning for the user */
    default void warning(String text) {
    }
}
