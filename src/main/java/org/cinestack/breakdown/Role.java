package org.cinestack.breakdown;

/**
 * A speaking character of the script.
 *
 * @param id         cast id for film.yaml (lower-case, from the name)
 * @param name       the name as the cues give it, extensions such as (V.O.) and (CONT'D) folded away
 * @param firstScene the scene number of the first line
 * @param lines      number of speeches
 * @param words      number of words spoken
 */
public record Role(String id, String name, int firstScene, int lines, int words) {
}
