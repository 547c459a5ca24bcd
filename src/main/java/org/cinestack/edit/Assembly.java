package org.cinestack.edit;

import java.util.ArrayList;
import java.util.List;

/** Assembles a first cut: one clip per shot, in order, joined by cuts, on one video track. */
public final class Assembly {
    private Assembly() {
    }

    /**
     * @param title film title
     * @param fps   frame rate
     * @param clips the chosen clip of every shot, in cutting order
     * @return the timeline
     */
    public static Timeline cut(String title, int fps, List<Clip> clips) {
        return new Timeline(title, fps, List.of(new Track("V1", "Video", new ArrayList<>(clips))));
    }
}
