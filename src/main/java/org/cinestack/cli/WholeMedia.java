package org.cinestack.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import org.cinestack.film.BadInputException;
import org.cinestack.film.Problem;
import org.cinestack.media.MediaException;

/** Media a command reads is checked whole first: what its container declares must decode. */
final class WholeMedia {
    private WholeMedia() {
    }

    /**
     * Checks media a command is about to read: everything its container declares must decode
     * ({@link org.cinestack.media.Integrity}).
     *
     * @param file            the media file
     * @param acceptTruncated true when the user said to go on with what decodes: the loss is then a warning on
     *                        {@code err}
     * @param err             where the warning goes
     * @throws BadInputException when the file cannot be opened as media, or is cut short or damaged and
     *                           {@code acceptTruncated} is false, naming the file, what is lost and the way on
     */
    static void require(Path file, boolean acceptTruncated, PrintWriter err) {
        org.cinestack.media.Integrity i;
        try {
            i = org.cinestack.media.Integrity.check(file);
        } catch (MediaException e) {
            throw new BadInputException(java.util.List.of(new Problem(file.toString(), 0, 0,
                "is not a video or sound file FFmpeg can open")));
        }
        if (i.whole()) return;
        if (!acceptTruncated) {
            throw new BadInputException(java.util.List.of(new Problem(file.toString(), 0, 0, "is cut short or "
                + "damaged: " + i.lost() + "; copy or export it again, or give --accept-truncated to use what "
                + "decodes")));
        }
        err.println("warning: " + file + " is cut short or damaged: " + i.lost() + "; going on with what decodes "
            + "(--accept-truncated)");
        err.flush();
    }
}
