package org.cinestack.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * Media Cinestack made and keeps in its cache, trusted only after its {@link Integrity} check passed when it was made.
 * <p>
 * {@link #place} decodes a freshly written file, compares what decodes with the frames it should hold, moves it into
 * place and then writes {@code <file>.checked} beside it (its size in bytes and what decoded). {@link #trusted} says
 * whether a cached file may be served: its record is there and the file still has the size recorded. A file
 * without a record (a process died between the move and the record, an earlier version made it, someone copied a
 * file in) or whose size changed is not served; the caller makes it again.
 */
public final class Sealed {
    /** The suffix of a file's record. */
    public static final String RECORD = ".checked";

    private Sealed() {
    }

    /**
     * Checks a staged file, moves it into place and records the check.
     *
     * @param staged         the file just written ({@link Staging#beside})
     * @param target         its place in the cache
     * @param expectedFrames the frames it must hold, or -1 to take what its container declares
     * @return what the check found
     * @throws MediaException when less decodes than it must hold: the staged file is removed and nothing is placed
     * @throws IOException    when it cannot be moved or its record cannot be written
     */
    public static Integrity place(Path staged, Path target, long expectedFrames) throws IOException {
        Integrity i;
        try {
            i = Integrity.check(staged);
            boolean frames = expectedFrames < 0 || i.decodedFrames() == expectedFrames;
            if (!i.whole() || !frames) {
                throw new MediaException(String.format(Locale.ROOT, "%s was made but failed its check: %d frames "
                    + "decode of the %d it must hold%s; it is not kept (a full disk or a damaged encoder?)", target,
                    i.decodedFrames(), expectedFrames < 0 ? i.declaredFrames() : expectedFrames,
                    i.lost().isEmpty() ? "" : ", " + i.lost()), null);
            }
        } catch (MediaException e) {
            Files.deleteIfExists(staged);
            throw e;
        }
        Files.deleteIfExists(record(target)); // a record of an earlier file must not vouch for this one
        Staging.place(staged, target);
        Properties p = new Properties();
        p.setProperty("bytes", Long.toString(Files.size(target)));
        p.setProperty("frames", Long.toString(i.decodedFrames()));
        p.setProperty("audioSeconds", String.format(Locale.ROOT, "%.4f", i.decodedAudioSeconds()));
        java.io.StringWriter text = new java.io.StringWriter();
        p.store(text, "decoded whole when made");
        Staging.writeString(record(target), text.toString());
        return i;
    }

    /**
     * @param file a cached media file
     * @return true when it is there, its check passed when it was made and its size has not changed since
     */
    public static boolean trusted(Path file) {
        Path record = record(file);
        if (!Files.isRegularFile(file) || !Files.isRegularFile(record)) return false;
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(record)) {
            p.load(in);
            return Long.parseLong(p.getProperty("bytes", "-1")) == Files.size(file);
        } catch (IOException | RuntimeException e) {
            return false; // an unreadable record vouches for nothing
        }
    }

    /** @return the record beside a cached file */
    public static Path record(Path file) {
        return file.resolveSibling(file.getFileName() + RECORD);
    }
}
