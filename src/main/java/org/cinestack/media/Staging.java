package org.cinestack.media;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

/**
 * Files made beside their target under a name of their own, then moved into place in one rename: a reader sees the
 * old file or the new one, never half of one, and two processes writing the same target never write into one file.
 * <p>
 * A staged file is named {@code <target name>.<random>.tmp<extension>} (the extension kept last, so FFmpeg and
 * Java's audio writer pick the container from it). Staged files left by a process that died are recognised by
 * {@link #isStaged} and removed by {@code cinestack clean}.
 */
public final class Staging {
    /** Names of staged files and folders, of this version and of earlier ones ({@code x.tmp}, {@code x.tmp.mp4}). */
    private static final Pattern STAGED = Pattern.compile("(.*\\.tmp(\\.[A-Za-z0-9]{1,8})?|\\.tmp-.*)");

    private Staging() {
    }

    /**
     * Creates an empty file beside {@code target} with a unique name, for a writer to fill.
     *
     * @param target the file it will become (its folder must exist)
     * @return the staged file
     * @throws IOException when the folder cannot be written
     */
    public static Path beside(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        String name = abs.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 ? name.substring(dot) : "";
        return Files.createTempFile(abs.getParent(), name + ".", ".tmp" + extension);
    }

    /**
     * Moves a staged file into place, replacing what is there, in one rename where the file system allows it.
     *
     * @param staged the staged file
     * @param target its place
     * @throws IOException when it cannot be moved
     */
    public static void place(Path staged, Path target) throws IOException {
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Writes text to a file through a staged file, so the file is the old text or the new, never part of either.
     *
     * @param target the file
     * @param text   its new text, UTF-8
     * @throws IOException when it cannot be written or moved into place (nothing is left beside it)
     */
    public static void writeString(Path target, String text) throws IOException {
        writeBytes(target, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Writes bytes to a file through a staged file, so the file is the old bytes or the new, never part of either.
     *
     * @param target the file
     * @param bytes  its new content
     * @throws IOException when it cannot be written or moved into place (nothing is left beside it)
     */
    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        Path tmp = beside(target);
        try {
            Files.write(tmp, bytes);
            place(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * @param fileName a file or folder name
     * @return true when it is a staged file (or a take's staging folder, {@code .tmp-<n>-<random>}) that a process
     *         that died left behind
     */
    public static boolean isStaged(String fileName) {
        return STAGED.matcher(fileName).matches();
    }
}
