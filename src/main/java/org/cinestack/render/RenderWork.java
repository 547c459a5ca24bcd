package org.cinestack.render;

import java.util.List;

/**
 * The work a render has ahead of it, known before the first take is shot: what lets a progress display tell the time
 * left.
 *
 * @param shootFrames frames of the takes to generate (takes to make times their frames; 0 when all are cached)
 * @param mix         true when the sound is mixed (the master or a deliverable is made)
 * @param encodes     the pictures to encode, in order: the master, then each deliverable to make
 */
public record RenderWork(long shootFrames, boolean mix, List<Encode> encodes) {
    /**
     * One picture to encode.
     *
     * @param stage  {@code master}, or a deliverable: {@code vertical}, {@code square}, {@code web}, {@code prores}
     * @param frames its frames (cached segments among them count too, and go by at once)
     */
    public record Encode(String stage, long frames) {
    }

    /** Keeps an unmodifiable copy of the encodes. */
    public RenderWork {
        encodes = List.copyOf(encodes);
    }
}
