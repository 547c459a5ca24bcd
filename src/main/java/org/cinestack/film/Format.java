package org.cinestack.film;

import java.util.List;

/**
 * Delivery format.
 *
 * @param aspect picture aspect ratio (width / height), one of {@link #ASPECTS}; letterboxed or pillarboxed inside
 *               the delivery frame when it differs from width / height
 * @param width  delivery frame width in pixels, even, 64..7680
 * @param height delivery frame height in pixels, even, 64..4320
 * @param fps    frames per second, 1..120 (24 is cinema)
 */
public record Format(double aspect, int width, int height, int fps) {

    /** The aspect ratios a film may use: scope, flat, HD, square, vertical. */
    public static final List<Double> ASPECTS = List.of(2.39, 1.85, 1.78, 1.0, 0.5625);

    /** The default: 2.39:1 scope in a 1920x1080 frame at 24 fps. */
    public static final Format DEFAULT = new Format(2.39, 1920, 1080, 24);
}
