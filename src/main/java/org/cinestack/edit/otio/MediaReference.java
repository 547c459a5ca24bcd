package org.cinestack.edit.otio;

/**
 * Where a clip's media is (OTIO's MediaReference): a file or URL, nowhere known yet, a generator (bars, a solid
 * colour), an image sequence, or a reference of a schema this package does not know (kept whole).
 */
public sealed interface MediaReference extends OtioObject permits ExternalReference, MissingReference,
    GeneratorReference, ImageSequenceReference, UnknownSchema {

    /** @return the range of time the media holds, in its own time (a file starting at 01:00:00:00...), or null */
    TimeRange availableRange();

    /** @return the media's picture area, or null */
    Box2d availableImageBounds();
}
