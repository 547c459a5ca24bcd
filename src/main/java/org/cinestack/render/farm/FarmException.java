package org.cinestack.render.farm;

/**
 * The farm cannot do what was asked: its database is unreachable or refuses us, or a URL is not one we can use. The
 * message says which database (its URL without a password), what went wrong and what fixes it; it never holds a
 * secret.
 */
public final class FarmException extends RuntimeException {
    /**
     * @param message what went wrong and the fix, in words
     * @param cause   the underlying failure, or null
     */
    public FarmException(String message, Throwable cause) {
        super(message, cause);
    }
}
