package org.cinestack.plan;

import java.util.List;

import org.cinestack.film.Film;

/**
 * A planned film: the film and one resolved spec per shot, in cutting order (scene by scene, shot by shot).
 *
 * @param film  the source
 * @param specs the shot specs; {@code specs.get(i)} belongs to the i-th shot of the film
 */
public record Plan(Film film, List<ShotSpec> specs) {

    /** @return total frames of all shots: the length of the cut in frames */
    public int totalFrames() {
        return specs.stream().mapToInt(ShotSpec::frameCount).sum();
    }
}
