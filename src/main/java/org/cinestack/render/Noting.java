package org.cinestack.render;

import java.io.IOException;

import org.cinestack.dailies.TakeNotes;
import org.cinestack.shoot.Take;

/**
 * The director's note on a take ({@link TakeNotes}, the film's {@value TakeNotes#NAME}): written from the studio, shown
 * on the shot's page and in the dailies report. One writer at a time in this process; the file is replaced in one
 * rename, and a render only reads it.
 */
public final class Noting {
    private static final Object WRITING = new Object();

    private Noting() {
    }

    /**
     * Keeps a note on a take, or takes it away.
     *
     * @param project the film's project
     * @param shot    the shot's id
     * @param take    the take's number
     * @param text    the note, at most {@value TakeNotes#MAX_CHARS} characters; blank to take the note away
     * @return the note kept (empty when taken away)
     * @throws org.cinestack.film.BadInputException when the shot or take is not there (as {@link Circling#circle}),
     *                                              the note is too long, or the notes file is malformed
     * @throws IOException when the notes file cannot be written
     */
    public static String note(Project project, String shot, int take, String text) throws IOException {
        Take t = Circling.take(project, shot, take);
        synchronized (WRITING) {
            TakeNotes notes = TakeNotes.read(project.folder()).with(new TakeNotes.Note(shot, take,
                TakeNotes.key(t.folder()), text));
            notes.write();
            return notes.on(t.folder()).orElse("");
        }
    }
}
