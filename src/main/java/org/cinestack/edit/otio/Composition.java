package org.cinestack.edit.otio;

import java.util.List;

/**
 * An item made of other composables (OTIO's Composition): a {@link Track} plays its children one after another, a
 * {@link Stack} layers them.
 */
public sealed interface Composition extends Item permits Stack, Track {

    /** @return the children, in order (a track's first shot first; a stack's bottom layer first) */
    List<Composable> children();
}
