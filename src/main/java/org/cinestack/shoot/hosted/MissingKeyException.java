package org.cinestack.shoot.hosted;

import java.util.List;

/**
 * A hosted backend was asked for but its key is not in the environment. Raised when the backend is made, before
 * anything is submitted. The message names the variable(s) to set.
 */
public final class MissingKeyException extends RuntimeException {
    private final List<String> variables;

    /**
     * @param backend   the backend's id
     * @param variables the environment variables that can hold the key, preferred first
     * @param where     where the key is made (the provider's page), for the message
     */
    public MissingKeyException(String backend, List<String> variables, String where) {
        super("the " + backend + " backend needs an API key: set the environment variable "
            + String.join(" or ", variables) + " (" + where + "); nothing was submitted");
        this.variables = List.copyOf(variables);
    }

    /** @return the variables that can hold the key */
    public List<String> variables() {
        return variables;
    }
}
