package org.cinestack.film;

import java.util.List;

/**
 * Thrown when user input (a film.yaml, a screenplay, a media file) cannot be used. Carries every problem found, so
 * the user can fix them all at once; the command line prints them without a stack trace and exits with code 2.
 */
public final class BadInputException extends RuntimeException {
    private final transient List<Problem> problems;

    /** @param problems every problem found; must not be empty */
    public BadInputException(List<Problem> problems) {
        super(problems.size() + " problem(s), first: " + problems.getFirst());
        this.problems = List.copyOf(problems);
    }

    /** @return the problems, in file order */
    public List<Problem> problems() {
        return problems;
    }
}
