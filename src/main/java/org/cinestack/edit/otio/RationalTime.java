package org.cinestack.edit.otio;

/**
 * A point or a length in time: {@code value} units of {@code 1/rate} second (OpenTimelineIO's RationalTime.1, the
 * JSON object {@code {"OTIO_SCHEMA": "RationalTime.1", "rate": 24.0, "value": 86400.0}}).
 *
 * @param value a count of units, usually frames; may be fractional or negative
 * @param rate  units per second, usually the frame rate (24.0, 23.976..., 25.0); positive in any usable time
 */
public record RationalTime(double value, double rate) {

    /** @return this time counted in units of {@code 1/otherRate} second (24 frames at 24 fps = 25 at 25 fps) */
    public double valueAt(double otherRate) {
        return value * otherRate / rate;
    }

    /** @return this time in seconds */
    public double seconds() {
        return value / rate;
    }
}
