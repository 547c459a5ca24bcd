package org.cinestack.script;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.cinestack.film.BadInputException;
import org.cinestack.film.Problem;

/**
 * Opens a screenplay file of either format: Final Draft XML when the name ends in {@code .fdx} or the text starts
 * with {@code <?xml} or {@code <FinalDraft}, Fountain otherwise.
 */
public final class ScriptReader {
    private ScriptReader() {
    }

    /** @return whether the path names a screenplay (.fountain, .spmd, .fdx, .txt) rather than a film.yaml */
    public static boolean isScript(Path path) {
        String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".fountain") || n.endsWith(".spmd") || n.endsWith(".fdx") || n.endsWith(".txt");
    }

    /**
     * @param path the file
     * @return the screenplay
     * @throws BadInputException when the file is missing, empty, binary, not UTF-8, or a broken FDX
     */
    public static Screenplay read(Path path) {
        String file = path.toString();
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > org.cinestack.film.Limits.MAX_SCREENPLAY_BYTES) {
                throw bad(file, 0, String.format(Locale.ROOT, "the screenplay is %.1f MB, over the %d MB Cinestack "
                    + "reads (a feature is about 0.2 MB); check that it is the right file", size / 1048576.0,
                    org.cinestack.film.Limits.MAX_SCREENPLAY_BYTES >> 20));
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw bad(file, 0, "cannot read the screenplay: " + e.getMessage());
        }
        return read(bytes, file);
    }

    /**
     * @param bytes the file's bytes
     * @param file  its name, for messages and to tell .fdx from Fountain
     * @return the screenplay
     * @throws BadInputException when empty, binary, not UTF-8, or a broken FDX
     */
    public static Screenplay read(byte[] bytes, String file) {
        if (bytes.length == 0) throw bad(file, 0, "the screenplay is empty; write a Fountain script or export .fdx");
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) throw bad(file, 0, "this is a binary file, not a screenplay: use a Fountain "
                + "(.fountain) or Final Draft (.fdx) file");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw bad(file, 0, "the screenplay is not UTF-8 text; save it as UTF-8 (Fountain) or export .fdx");
        }
        String head = text.stripLeading().replace("\uFEFF", "");
        if (file.toLowerCase(Locale.ROOT).endsWith(".fdx") || head.startsWith("<?xml") || head.startsWith(
            "<FinalDraft")) {
            return FdxReader.read(bytes, file);
        }
        if (text.isBlank()) throw bad(file, 0, "the screenplay has no text; write a Fountain script or export .fdx");
        return FountainParser.parse(text, file);
    }

    private static BadInputException bad(String file, int line, String message) {
        return new BadInputException(List.of(new Problem(file, line, 0, message)));
    }
}
