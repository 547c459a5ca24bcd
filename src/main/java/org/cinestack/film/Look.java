package org.cinestack.film;

import java.util.List;

/**
 * The film's visual look.
 *
 * @param grain        film grain strength, 0 (none) .. 1 (heavy 16 mm)
 * @param palette      colours as {@code #rrggbb}, used for sets and wardrobe
 * @param prohibitions things the film must never show, passed to generative backends as negative prompt
 * @param stock        the film stock the picture should feel shot on, for example {@code Kodak Vision3 500T}; empty
 *                     for none
 * @param style        grade and style words, for example {@code teal-orange grade, soft halation}; empty for none
 * @param grade        the grade applied to every shot
 */
public record Look(double grain, List<String> palette, List<String> prohibitions, String stock, String style,
                   GradeSettings grade) {

    /** A look without a grade. */
    public Look(double grain, List<String> palette, List<String> prohibitions, String stock, String style) {
        this(grain, palette, prohibitions, stock, style, GradeSettings.NONE);
    }

    /** No grain, no palette, no prohibitions. */
    public static final Look DEFAULT = new Look(0.0, List.of(), List.of());

    /** A look without stock or style words. */
    public Look(double grain, List<String> palette, List<String> prohibitions) {
        this(grain, palette, prohibitions, "", "");
    }
}
