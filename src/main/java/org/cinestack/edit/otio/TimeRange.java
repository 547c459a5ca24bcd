package org.cinestack.edit.otio;

/**
 * A span of time (OpenTimelineIO's TimeRange.1): where it starts and how long it lasts, each a {@link RationalTime}.
 *
 * @param startTime the first instant, in the time of the object the range belongs to (a clip's media time, a track's
 *                  time...)
 * @param duration  the length; the range ends just before {@code startTime + duration}
 */
public record TimeRange(RationalTime startTime, RationalTime duration) {
}
