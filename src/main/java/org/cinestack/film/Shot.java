package org.cinestack.film;

import java.util.List;
import java.util.Optional;

/**
 * One shot of the shot list.
 *
 * @param id              unique shot id (unique in the film)
 * @param size            shot size
 * @param subject         a cast id, or a free description of what the shot is of (a prop, a place)
 * @param action          what happens, in screenplay language
 * @param emotion         the feeling the shot carries, for example "dread"
 * @param role            the shot's beat in the scene's arc
 * @param durationSeconds length on screen, 0.25..60 s
 * @param camera          lens and movement
 * @param light           key light and setup
 * @param dialogue        lines spoken during the shot, in order
 * @param seed            explicit seed; empty means derived from the film seed and the shot id
 * @param line            the 1-based line of the shot in its file, for later warnings; 0 when unknown
 */
public record Shot(String id, ShotSize size, String subject, String action, String emotion, Beat role,
                   double durationSeconds, Camera camera, Light light, List<DialogueLine> dialogue,
                   Optional<Long> seed, int line) {
}
