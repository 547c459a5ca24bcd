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

    /** @param done frames of the current take done; @param total its frames */
    default void frames(int done, int total) {
    }

    /** @param done frames of the current picture (master or deliverable) encoded; @param total its frames */
    default void master(int done, int total) {
    }

    /**
     * The work ahead, once, before the first shot.
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

    /** @param text a warning for the user */
    default void warning(String text) {
    }
}
