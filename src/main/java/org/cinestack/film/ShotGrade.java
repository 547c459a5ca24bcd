package org.cinestack.film;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A shot's own grade, film.yaml's {@code grade:} on a shot: what it changes of the film's grade ({@code look}), and
 * the shot it is harmonised to. Fields left out keep the film's value.
 *
 * @param preset         a preset code ({@link GradeSettings#PRESETS}), {@code ""} for no preset in this shot, or
 *                       empty to keep the film's
 * @param lut            a .cube file relative to the film's folder, {@code ""} for none, or empty to keep the film's
 * @param exposureStops  -4..4, or empty to keep the film's
 * @param contrast       0..1, or empty to keep the film's
 * @param skinProtection 0..1, or empty to keep the film's
 * @param match          the id of the shot whose colours this shot is harmonised to (before the look), or empty
 * @param method         how it is harmonised: {@code mkl} (Pitie and Kokaram's linear Monge-Kantorovitch transfer,
 *                       the default) or {@code reinhard} (mean and deviation in CIELAB)
 */
public record ShotGrade(Optional<String> preset, Optional<String> lut, OptionalDouble exposureStops,
                        OptionalDouble contrast, OptionalDouble skinProtection, String match, String method) {
    /** The harmonisation methods film.yaml can name. */
    public static final List<String> METHODS = List.of("mkl", "reinhard");

    /** A shot that keeps the film's grade. */
    public static final ShotGrade NONE = new ShotGrade(Optional.empty(), Optional.empty(), OptionalDouble.empty(),
        OptionalDouble.empty(), OptionalDouble.empty(), "", "mkl");

    /** @return true when the shot keeps the film's grade unchanged and is matched to no shot */
    public boolean isNone() {
        return preset.isEmpty() && lut.isEmpty() && exposureStops.isEmpty() && contrast.isEmpty()
            && skinProtection.isEmpty() && match.isEmpty();
    }

    /**
     * @param film the film's grade
     * @return the film's grade with this shot's changes
     */
    public GradeSettings over(GradeSettings film) {
        return new GradeSettings(preset.orElse(film.preset()), lut.orElse(film.lut()),
            exposureStops.orElse(film.exposureStops()), contrast.orElse(film.contrast()),
            skinProtection.orElse(film.skinProtection()));
    }
}
