package org.cinestack.edit.otio;

/**
 * What a track or a stack holds (OTIO's Composable): an {@link Item} that takes time, a {@link Transition} between two
 * items, or an object of a schema this package does not know.
 */
public sealed interface Composable extends OtioObject permits Item, Transition, UnknownSchema {
}
