package org.cinestack.shoot.remote;

/**
 * A generation job failed after its retries, or a provider refused it. The message names the backend, the shot and
 * what to do; it never holds a key.
 */
public final class ShootException extends RuntimeException {
    private final boolean jobFailed;
    private boolean notSent;

    /**
     * @param message what failed and what to do
     * @param cause   the underlying error, or null
     */
    public ShootException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * @param message   what failed and what to do
     * @param cause     the underlying error, or null
     * @param jobFailed true when the provider ran the job and reports it failed (a new job is needed), false when
     *                  the job may still be running (a later run resumes it)
     */
    public ShootException(String message, Throwable cause, boolean jobFailed) {
        super(message, cause);
        this.jobFailed = jobFailed;
    }

    /**
     * Marks that no job was made: the request was never sent, or the provider refused it outright (a 4xx answer, or
     * a 429 or 503 after the retries). The next run may submit again without paying twice.
     *
     * @return this exception
     */
    public ShootException notSent() {
        this.notSent = true;
        return this;
    }

    /** @return true when no job was made ({@link #notSent()}) */
    public boolean wasNotSent() {
        return notSent;
    }

    /** @return true when the provider reports the job itself failed */
    public boolean jobFailed() {
        return jobFailed;
    }
}
