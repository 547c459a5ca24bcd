package org.cinestack.edit.otio;

/**
 * A point of the image plane (OpenTimelineIO's V2d.1, from Imath), in the units of the media's image bounds.
 *
 * @param x horizontal coordinate
 * @param y vertical coordinate
 */
public record V2d(double x, double y) {
}
