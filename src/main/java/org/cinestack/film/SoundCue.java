package org.cinestack.film;

import java.util.Optional;

/**
 * A sound effect in a shot, or a scene's ambience bed or music.
 *
 * @param sound     what it is, in words ("door slam", "gull cry")
 * @param atSeconds when it starts: an effect, seconds from the start of its shot, 0..shot length; music, seconds from
 *                  the start of its scene; a bed, 0
 * @param file      an audio file (relative to the film.yaml's folder, for example {@code assets/door-slam.wav}); empty
 *                  for a synthesised stand-in
 * @param levelLufs its loudness: for an effect the loudest 400 ms, -30..-6 LUFS (the method puts effects at -18 to
 *                  -14); for a bed or music the integrated loudness, -40..-12 LUFS (beds around -24)
 */
public record SoundCue(String sound, double atSeconds, Optional<String> file, double levelLufs) {
}
