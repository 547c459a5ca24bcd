package org.cinestack.film;

import java.util.Optional;

/**
 * A sound effect in a shot.
 *
 * @param sound     what it is, in words ("door slam", "gull cry")
 * @param atSeconds when it starts, seconds from the start of its shot, 0..shot length
 * @param file      an audio file (relative to the film.yaml's folder, for example {@code assets/door-slam.wav}); empty
 *                  for a synthesised stand-in
 * @param levelLufs its loudness (the loudest 400 ms), LUFS, -30..-6; the method puts effects at -18 to -14
 */
public record SoundCue(String sound, double atSeconds, Optional<String> file, double levelLufs) {
}
