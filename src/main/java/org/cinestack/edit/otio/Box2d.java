package org.cinestack.edit.otio;

/**
 * An axis-aligned box of the image plane (OpenTimelineIO's Box2d.1, from Imath): a media reference's
 * {@code available_image_bounds}, for example {@code (0, 0)-(16, 9)} for a 16:9 picture.
 *
 * @param min the corner with the smallest coordinates
 * @param max the corner with the largest coordinates
 */
public record Box2d(V2d min, V2d max) {
}
