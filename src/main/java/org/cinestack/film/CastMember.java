package org.cinestack.film;

import java.util.Optional;

/**
 * A character.
 *
 * @param id             the id shots and dialogue refer to: lower-case letters, digits, '-' or '_'
 * @param name           the character's name as shown
 * @param description    locked appearance, repeated in every prompt the character is in
 * @param wardrobe       costume; its first colour word (or the palette) colours the previs mannequin
 * @param voice          espeak-ng voice name (for example {@code en-gb}, {@code en-us+f3}); empty means the default
 *                       voice
 * @param heightM        standing height in metres, 0.5..2.5; 1.75 when not given
 * @param pitch          voice pitch on espeak-ng's scale, 0..99; {@link #DEFAULT_PITCH} when not given
 * @param wordsPerMinute speaking rate, 80..450; {@link #DEFAULT_WORDS_PER_MINUTE} when not given
 */
public record CastMember(String id, String name, String description, String wardrobe, Optional<String> voice,
                         double heightM, int pitch, int wordsPerMinute) {
    /** espeak-ng's own default pitch. */
    public static final int DEFAULT_PITCH = 50;
    /** A conversational screen pace, words per minute (espeak-ng's default is 175). */
    public static final int DEFAULT_WORDS_PER_MINUTE = 160;

    /** A character at the default pitch and rate. */
    public CastMember(String id, String name, String description, String wardrobe, Optional<String> voice,
                      double heightM) {
        this(id, name, description, wardrobe, voice, heightM, DEFAULT_PITCH, DEFAULT_WORDS_PER_MINUTE);
    }
}
