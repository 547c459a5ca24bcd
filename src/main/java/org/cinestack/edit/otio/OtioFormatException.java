package org.cinestack.edit.otio;

import java.util.List;
import java.util.stream.Collectors;

import org.cinestack.film.Problem;

/**
 * Thrown when a file is not OpenTimelineIO JSON we can read: not JSON, an object without {@code OTIO_SCHEMA}, a field
 * of the wrong type, a required field missing. Carries every problem found, each as {@code file:line:column: what is
 * wrong and what would fix it}, the message being all of them, one a line. It is a user's mistake, not ours: it
 * records no stack trace.
 */
public final class OtioFormatException extends Exception {
    private final transient List<Problem> problems;

    /** @param problems every problem found, in file order; not empty */
    public OtioFormatException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")), null, false, false);
        this.problems = List.copyOf(problems);
    }

    /** @return the problems, in file order */
    public List<Problem> problems() {
        return problems;
    }
}
