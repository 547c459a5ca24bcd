package org.cinestack.edit;

import java.nio.file.Path;

/**
 * A clip on a track: a range of one take.
 *
 * @param name               the clip's name (the shot id)
 * @param media              the take's media file
 * @param sourceStartFrame   first frame used, in the take's frames
 * @param durationFrames     frames used
 * @param availableFrames    frames in the take
 * @param takeDigest         the take's media digest, for provenance
 */
public record Clip(String name, Path media, int sourceStartFrame, int durationFrames, int availableFrames,
                   String takeDigest) {

    /**
     * @param frames the gap's length
     * @return empty time on a track (black, silence): a clip without media
     */
    public static Clip gap(int frames) {
        return new Clip("gap", null, 0, frames, frames, "");
    }

    /** @return true for a gap ({@link #gap}) */
    public boolean isGap() {
        return media == null;
    }
}
