package org.cinestack.film;

import java.util.List;
import java.util.Locale;

/**
 * A camera move, as written in film.yaml ({@code dolly-in}, {@code pan-left}, ...). Taken apart with {@code switch}
 * patterns in {@code plan}, so a new move that the planner forgets is a compile error.
 */
public sealed interface CameraMove {

    /** Horizontal direction as seen from behind the camera. */
    enum Side { LEFT, RIGHT }

    /** Vertical direction. */
    enum Vertical { UP, DOWN }

    /** Axial direction: IN towards the subject, OUT away from it. */
    enum Axial { IN, OUT }

    /** Locked off. */
    record Static() implements CameraMove { }

    /** Rotation about the vertical axis, camera fixed in place. */
    record Pan(Side side) implements CameraMove { }

    /** Rotation about the horizontal axis, camera fixed in place. */
    record Tilt(Vertical direction) implements CameraMove { }

    /** Travel along the lens axis: push in or pull out. */
    record Dolly(Axial direction) implements CameraMove { }

    /** Sideways travel, camera orientation kept. */
    record Truck(Side side) implements CameraMove { }

    /** Straight vertical travel, orientation kept. */
    record Pedestal(Vertical direction) implements CameraMove { }

    /** Rise or fall on a jib arm while tilting to keep the subject. */
    record Crane(Vertical direction) implements CameraMove { }

    /** Change of focal length, camera fixed. */
    record Zoom(Axial direction) implements CameraMove { }

    /** Dolly in while zooming out, keeping the subject's size: the background stretches ("Vertigo" effect). */
    record DollyZoom() implements CameraMove { }

    /** Arc around the subject, keeping it centred. */
    record Orbit(Side side) implements CameraMove { }

    /** Hand-held: small seeded shake in rotation and position, scaled by motion strength. */
    record Handheld() implements CameraMove { }

    /** @return the film.yaml code, for example {@code truck-left} */
    default String code() {
        return switch (this) {
            case Static s -> "static";
            case Pan p -> "pan-" + lower(p.side());
            case Tilt t -> "tilt-" + lower(t.direction());
            case Dolly d -> "dolly-" + lower(d.direction());
            case Truck t -> "truck-" + lower(t.side());
            case Pedestal p -> "pedestal-" + lower(p.direction());
            case Crane c -> "crane-" + lower(c.direction());
            case Zoom z -> "zoom-" + lower(z.direction());
            case DollyZoom d -> "dolly-zoom";
            case Orbit o -> "orbit-" + lower(o.side());
            case Handheld h -> "handheld";
        };
    }

    /** @return every accepted code */
    static List<String> codes() {
        return List.of("static", "pan-left", "pan-right", "tilt-up", "tilt-down", "dolly-in", "dolly-out", "truck-left",
            "truck-right", "pedestal-up", "pedestal-down", "crane-up", "crane-down", "zoom-in", "zoom-out", "dolly-zoom",
            "orbit-left", "orbit-right", "handheld");
    }

    /** @return the move for a code, or null when the code is not one of {@link #codes()} */
    static CameraMove parse(String code) {
        return switch (code.trim().toLowerCase(Locale.ROOT)) {
            case "static", "locked-off" -> new Static();
            case "pan-left" -> new Pan(Side.LEFT);
            case "pan-right" -> new Pan(Side.RIGHT);
            case "tilt-up" -> new Tilt(Vertical.UP);
            case "tilt-down" -> new Tilt(Vertical.DOWN);
            case "dolly-in", "push-in" -> new Dolly(Axial.IN);
            case "dolly-out", "pull-out" -> new Dolly(Axial.OUT);
            case "truck-left" -> new Truck(Side.LEFT);
            case "truck-right" -> new Truck(Side.RIGHT);
            case "pedestal-up" -> new Pedestal(Vertical.UP);
            case "pedestal-down" -> new Pedestal(Vertical.DOWN);
            case "crane-up" -> new Crane(Vertical.UP);
            case "crane-down" -> new Crane(Vertical.DOWN);
            case "zoom-in" -> new Zoom(Axial.IN);
            case "zoom-out" -> new Zoom(Axial.OUT);
            case "dolly-zoom" -> new DollyZoom();
            case "orbit-left" -> new Orbit(Side.LEFT);
            case "orbit-right" -> new Orbit(Side.RIGHT);
            case "handheld" -> new Handheld();
            default -> null;
        };
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
