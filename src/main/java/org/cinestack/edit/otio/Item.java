package org.cinestack.edit.otio;

import java.util.List;

/**
 * A composable that takes time (OTIO's Item): a {@link Clip}, a {@link Gap} or a {@link Composition}.
 */
public sealed interface Item extends Composable permits Clip, Gap, Composition {

    /**
     * @return the part of the item's own time that is used (for a clip, a range of its media's time); null for all of
     *     it (a clip's media's available range, a composition's whole length)
     */
    TimeRange sourceRange();

    /** @return effects applied to the item, in order */
    List<Effect> effects();

    /** @return markers, their ranges in the item's own time */
    List<Marker> markers();

    /** @return false when the item is switched off: it keeps its time but shows and sounds nothing */
    boolean enabled();
}
