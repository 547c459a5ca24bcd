package org.cinestack.shoot.remote;

import java.util.List;

/**
 * What a generative backend can do, so the shoot can route shots and warn before submitting.
 *
 * @param textToVideo      makes a clip from words alone
 * @param imageToVideo     starts a clip from a first frame
 * @param videoToVideo     follows a control video's motion
 * @param maxReferences    reference images it takes beside the prompt (0: none)
 * @param seed             honours a seed
 * @param maxClipSeconds   the longest clip it makes, s
 * @param aspectRatios     aspect ratios it makes, for example {@code 16:9}; empty means any
 * @param cameraControl    takes structured camera moves (not just words)
 * @param maxPromptChars   prompt length limit, characters; 0 for none
 * @param usdPerSecond     price of a second of clip, US dollars (0 for a local server)
 * @param maxConcurrent    jobs it runs at once per server or account
 */
public record Capabilities(boolean textToVideo, boolean imageToVideo, boolean videoToVideo, int maxReferences,
                           boolean seed, double maxClipSeconds, List<String> aspectRatios, boolean cameraControl,
                           int maxPromptChars, double usdPerSecond, int maxConcurrent) {

    /** @return the estimated price of a clip of this length, US dollars */
    public double estimateUsd(double seconds) {
        return usdPerSecond * seconds;
    }
}
