package org.cinestack.film;

/**
 * One thing wrong with a user's input, located like a compiler diagnostic.
 *
 * @param file   the file the problem is in, as the user named it
 * @param line   1-based line number, or 0 when the problem has no position (for example a missing top-level key)
 * @param column 1-based column number, or 0 when unknown
 * @param message what is wrong and what would fix it, for example the allowed values
 */
public record Problem(String file, int line, int column, String message) {

    /** Formats the problem as {@code file:line:column: message}, the form editors and terminals link to. */
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ":" + column + ": " + message : file + ": " + message;
    }
}
