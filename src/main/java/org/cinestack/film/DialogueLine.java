package org.cinestack.film;

/**
 * A spoken line.
 *
 * @param character the speaker's cast id
 * @param line      the words
 */
public record DialogueLine(String character, String line) {
}
