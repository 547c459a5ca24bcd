package org.cinestack.film;

import java.util.List;

/**
 * Which side of the frame a shot's subject is placed on. Keeping each character on one side for a whole scene is
 * how a shot list states the 180-degree rule: the camera stays on one side of the line of action, so A looks
 * right and B looks left in every shot, and the audience never loses who is where.
 */
public enum ScreenSide {
    LEFT, CENTER, RIGHT;

    /** @return the film.yaml code */
    public String code() {
        return Codes.of(this);
    }

    /** @return the side for a code, or null when unknown */
    public static ScreenSide parse(String code) {
        return Codes.parse(ScreenSide.class, code);
    }

    /** @return every code */
    public static List<String> codes() {
        return Codes.all(ScreenSide.class);
    }

    /** @return the other side; the centre stays */
    public ScreenSide opposite() {
        return this == LEFT ? RIGHT : this == RIGHT ? LEFT : CENTER;
    }
}
