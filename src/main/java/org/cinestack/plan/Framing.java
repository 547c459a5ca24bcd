package org.cinestack.plan;

import org.cinestack.film.ShotSize;

/**
 * How much of a standing subject a shot size shows, in the subject's own proportions.
 *
 * <p>Fractions of the subject's height H (anthropometric proportions after Drillis &amp; Contini, 1966): head top
 * 1.0 H, eyes 0.95 H, mouth 0.905 H, chin 0.87 H, shoulders 0.83 H, chest 0.72 H, waist 0.56 H, knees 0.28 H. Picture
 * height conventions: CU head 55-80% (we aim at 68%), FS whole body about 80%, WS about 40%, EWS under 10% (7%).
 *
 * @param frameHeightM world height the picture must show at the subject, metres
 * @param centerYM     height above the ground of the picture centre at the subject, metres
 */
public record Framing(double frameHeightM, double centerYM) {

    /** Height of the head (chin to crown) as a fraction of standing height. */
    public static final double HEAD_FRACTION = 0.13;
    /** Fraction of the picture height a close-up's head fills. */
    public static final double CLOSE_UP_HEAD_FILL = 0.68;

    /**
     * @param size     shot size
     * @param heightM  the subject's height in metres (a person's standing height; a prop's or building's height)
     * @return the framing for that size
     */
    public static Framing of(ShotSize size, double heightM) {
        return framing(size, heightM);
    }

    /**
     * @param size a shot size
     * @return the fraction of the picture's height a standing person's head (chin to crown, {@value #HEAD_FRACTION}
     *         of their height) fills at that size: a close-up {@value #CLOSE_UP_HEAD_FILL}, a wide shot about 0.05;
     *         over 1 for an extreme close-up
     */
    public static double headFill(ShotSize size) {
        return HEAD_FRACTION / framing(size, 1).frameHeightM();
    }

    private static Framing framing(ShotSize size, double heightM) {
        double h = heightM;
        return switch (size) {
            case EXTREME_WIDE -> new Framing(h / 0.07, Math.min(1.6, 0.9 * h));
            case WIDE -> new Framing(h / 0.40, 0.86 * h);
            case FULL -> new Framing(h / 0.80, 0.53 * h);
            case MEDIUM_LONG -> new Framing(0.80 * h, 0.66 * h);
            case MEDIUM -> new Framing(0.51 * h, 0.795 * h);
            case MEDIUM_CLOSE_UP -> new Framing(0.34 * h, 0.87 * h);
            case CLOSE_UP -> new Framing(HEAD_FRACTION * h / CLOSE_UP_HEAD_FILL, 0.925 * h);
            case EXTREME_CLOSE_UP -> new Framing(0.075 * h, 0.928 * h);
            case INSERT -> new Framing(h / 0.75, 0.5 * h);
        };
    }
}
