package org.cinestack.dailies;

import java.util.Locale;

/**
 * What a shot asked for that its takes are judged against.
 *
 * @param move     the camera move, film.yaml's code ({@code static}, {@code pan-left} ...), or empty when not known
 * @param headFill the fraction of the picture's height the subject's head (chin to crown) should fill at the shot's
 *                 size ({@code plan.Framing#headFill}: a close-up 0.68, a medium shot about 0.25), or 0 when the
 *                 subject is not a person or the size is not known
 * @param screen   where the subject should stand: {@code left}, {@code center}, {@code right}, or empty when not
 *                 asked
 */
public record Expected(String move, double headFill, String screen) {
    /**
     * @param move a camera move
     * @return what a clip with only its move known is judged against
     */
    public static Expected move(String move) {
        return new Expected(move, 0, "");
    }

    /** @return the expectation as one line, part of the key that keeps a take's measured dailies */
    String key() {
        return String.format(Locale.ROOT, "%s %.3f %s", move, headFill, screen);
    }
}
