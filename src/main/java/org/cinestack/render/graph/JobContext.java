package org.cinestack.render.graph;

/**
 * What a running job sees: the results of the jobs it needs, and where it says how far it is.
 */
public interface JobContext {
    /**
     * @param id   a job this one needs
     * @param type the result's type
     * @return that job's result
     * @throws IllegalArgumentException when the job is not one this one needs
     * @throws ClassCastException       when its result is of another type
     */
    <T> T result(String id, Class<T> type);

    /**
     * Says how far the job is; reported to listeners as {@link JobEvent.Progress}.
     *
     * @param done  frames (or other units) done
     * @param total frames in all
     */
    void progress(long done, long total);

    /** Says the job found its result in the cache and made nothing: it ends as {@link JobEvent.Cached}. */
    void cached();
}
