package org.cinestack.render;

/**
 * What a render is doing, as a progress display or a script reads it: the terminal's status line, one plain line per
 * step through a pipe, or one JSON object per event ({@code render --progress-json}).
 *
 * @param event          {@code stage} (a stage begins), {@code shot} (a shot's takes are looked up or made here),
 *                       {@code take} (a hosted backend's take arrived), {@code progress} (frames done), {@code done}
 *                       (the render ended)
 * @param stage          {@code shoot}, {@code mix}, {@code master}, or a deliverable ({@code vertical}, {@code square},
 *                       {@code web}, {@code prores})
 * @param shot           the shot's id while shooting, else empty
 * @param shotIndex      1-based index of the shot among {@code shots} while shooting (for {@code take}: of the
 *                       hosted take among the hosted takes), else 0
 * @param shots          shots in the film (for {@code take}: hosted takes in the render)
 * @param framesDone     frames done of the current take (shoot) or of the current picture (encodes)
 * @param framesTotal    frames of the current take or picture; 0 for the mix
 * @param cached         true when the shot's takes were all in the cache
 * @param framesPerSecond frames a second in the current stage so far; 0 before it has any
 * @param elapsedSeconds seconds since the render began
 * @param etaSeconds     estimated seconds left for the whole render, or -1 before anything has been timed
 */
public record RenderEvent(String event, String stage, String shot, int shotIndex, int shots, long framesDone,
                          long framesTotal, boolean cached, double framesPerSecond, double elapsedSeconds,
                          double etaSeconds) {
}
