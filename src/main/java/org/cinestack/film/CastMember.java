package org.cinestack.film;

import java.util.Optional;

/**
 * A character.
 *
 * @param id          the id shots and dialogue refer to: lower-case letters, digits, '-' or '_'
 * @param name        the character's name as shown
 * @param description locked appearance, repeated in every prompt the character is in
 * @param wardrobe    costume; its first colour word (or the palette) colours the previs mannequin
 * @param voice       espeak-ng voice name (for example {@code en-gb}, {@code en-us+f3}); empty means the default voice
 * @param heightM     standing height in metres, 0.5..2.5; 1.75 when not given
 */
public record CastMember(String id, String name, String description, String wardrobe, Optional<String> voice,
                         double heightM) {
}
