package org.cinestack.media;

/** A media file could not be read or written. The message names the file and what went wrong. */
public final class MediaException extends RuntimeException {
    /**
     * @param message what failed, naming the file
     * @param cause   the library's exception, or null
     */
    public MediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
