package org.cinestack.edit;

import java.util.List;

/**
 * A track: clips played one after another, joined by cuts.
 *
 * @param name  track name, for example {@code V1}
 * @param kind  {@code Video} or {@code Audio} (the OpenTimelineIO kinds)
 * @param clips clips in order
 */
public record Track(String name, String kind, List<Clip> clips) {

    /** @return the track's length in frames */
    public int durationFrames() {
        return clips.stream().mapToInt(Clip::durationFrames).sum();
    }
}
