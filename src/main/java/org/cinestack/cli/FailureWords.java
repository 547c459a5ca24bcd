package org.cinestack.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * A failure said in words for the person at the terminal: what went wrong with which file, never a Java exception's
 * name ({@code NoSuchFileException}, {@code AccessDeniedException}, {@code MalformedInputException}).
 */
final class FailureWords {
    private FailureWords() {
    }

    /**
     * @param e what was thrown (an {@link UncheckedIOException} says its cause)
     * @return one line, without "error: "
     */
    static String of(Throwable e) {
        Throwable t = e;
        // a wrapper whose message is only its cause's toString says nothing of its own
        while ((t instanceof UncheckedIOException || t.getMessage() == null
            || t.getCause() != null && t.getMessage().equals(t.getCause().toString())) && t.getCause() != null) {
            String own = t instanceof UncheckedIOException u && u.getMessage() != null
                && !u.getMessage().equals(u.getCause().toString()) ? u.getMessage() : null;
            if (own != null) return own.contains(": ") ? own : own + ": " + of(t.getCause());
            t = t.getCause();
        }
        if (t instanceof IOException io) return io(io);
        return t.getMessage() == null ? "unexpected failure (" + t.getClass().getSimpleName() + "); run again "
            + "with CINESTACK_DEBUG=1 for the details" : t.getMessage();
    }

    private static String io(IOException e) {
        if (e instanceof CharacterCodingException) return "a file is not UTF-8 text";
        if (!(e instanceof FileSystemException f)) return e.getMessage() == null ? "input or output failed"
            : e.getMessage();
        String file = f.getFile() == null ? "" : f.getFile(), other = f.getOtherFile();
        String what = switch (f) {
            case NoSuchFileException n -> "no such file or folder";
            case AccessDeniedException a -> "permission denied";
            case FileAlreadyExistsException a -> "already exists";
            case DirectoryNotEmptyException d -> "a folder that is not empty stands there";
            case NotDirectoryException d -> "not a folder";
            default -> f.getReason() == null ? "cannot be written or read" : f.getReason();
        };
        if (other != null) return "cannot move " + file + " to " + other + ": " + lower(what);
        return file.isEmpty() ? what : file + ": " + lower(what);
    }

    private static String lower(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
