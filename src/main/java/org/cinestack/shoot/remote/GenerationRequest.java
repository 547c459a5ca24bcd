package org.cinestack.shoot.remote;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.cinestack.plan.ShotSpec;

/**
 * What a generative backend is asked for, in our vocabulary, before a client turns it into its provider's request.
 *
 * @param shotId          the shot
 * @param prompt          the positive prompt ({@link org.cinestack.plan.ShotPrompt#text()})
 * @param negative        the negative prompt
 * @param seed            the take's seed, 0..2^31-1
 * @param durationSeconds the clip's length, s
 * @param fps             frames per second wanted
 * @param frames          frames wanted ({@code round(durationSeconds * fps)})
 * @param width           picture width, pixels
 * @param height          picture height, pixels
 * @param move            our camera move code ({@link org.cinestack.film.CameraMove#code()})
 * @param motionStrength  0..1
 * @param references      reference stills of the cast and the location, in that order
 * @param firstFrame      an image the clip starts from (image-to-video), if any
 * @param controlVideo    a video whose motion the clip follows (video-to-video), if any: the previs depth pass
 */
public record GenerationRequest(String shotId, String prompt, String negative, long seed, double durationSeconds,
                                int fps, int frames, int width, int height, String move, double motionStrength,
                                List<Path> references, Optional<Path> firstFrame, Optional<Path> controlVideo) {

    /**
     * @param spec the planned shot, with the take's seed
     * @return a text-to-video request for it
     */
    public static GenerationRequest of(ShotSpec spec) {
        return new GenerationRequest(spec.shotId(), spec.prompt().text(), spec.prompt().negative(), spec.seed(),
            spec.durationSeconds(), spec.fps(), spec.frameCount(), spec.pictureWidth(), spec.pictureHeight(),
            spec.move(), spec.motionStrength(), List.of(), Optional.empty(), Optional.empty());
    }

    /** @return this request with a control video (video-to-video) */
    public GenerationRequest withControlVideo(Path video) {
        return new GenerationRequest(shotId, prompt, negative, seed, durationSeconds, fps, frames, width, height, move,
            motionStrength, references, firstFrame, Optional.of(video));
    }

    /** @return this request with a first frame (image-to-video) */
    public GenerationRequest withFirstFrame(Path image) {
        return new GenerationRequest(shotId, prompt, negative, seed, durationSeconds, fps, frames, width, height, move,
            motionStrength, references, Optional.of(image), controlVideo);
    }

    /** @return this request with reference stills (cast, then location) */
    public GenerationRequest withReferences(List<Path> stills) {
        return new GenerationRequest(shotId, prompt, negative, seed, durationSeconds, fps, frames, width, height, move,
            motionStrength, List.copyOf(stills), firstFrame, controlVideo);
    }

    /** @return this request at half the picture size (even), for a draft */
    public GenerationRequest draft() {
        return new GenerationRequest(shotId, prompt, negative, seed, durationSeconds, fps, frames,
            Math.max(2, width / 4 * 2), Math.max(2, height / 4 * 2), move, motionStrength, references, firstFrame,
            controlVideo);
    }
}
