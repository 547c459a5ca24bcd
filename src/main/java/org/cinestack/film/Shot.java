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
 * @param coverage        who is in the shot and how (single, over the shoulder, two-shot...)
 * @param over            for {@link Coverage#OTS} the cast id whose shoulder is in the foreground, for
 *                        {@link Coverage#POV} whose eyes we see through, for a reaction whom the subject listens to;
 *                        empty otherwise
 * @param screen          the side of the frame the subject is on (the 180-degree rule, see {@link ScreenSide})
 * @param effects         sound effects cued in the shot
 * @param rule            why the shot is there, when a planner made it (for example "two-person dialogue: OTS on
 *                        the speaker"); empty when written by hand
 * @param grade           the shot's own grade over the film's ({@link ShotGrade#NONE} for none)
 */
public record Shot(String id, ShotSize size, String subject, String action, String emotion, Beat role,
                   double durationSeconds, Camera camera, Light light, List<DialogueLine> dialogue,
                   Optional<Long> seed, int line, Coverage coverage, String over, ScreenSide screen, String rule,
                   List<SoundCue> effects, ShotGrade grade) {
}
