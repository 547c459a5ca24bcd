package org.cinestack.dailies;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.cinestack.film.BadInputException;
import org.cinestack.film.Problem;

/**
 * The director's notes on takes, kept beside film.yaml in {@value #NAME}: one entry a take, named by the take's
 * folder in the take store ({@code <take digest>/<number>}, so a note stays with the take it was written on, and a
 * shot shot anew starts without notes), with the shot id and take number for people reading the file. The studio
 * writes them; the dailies report shows them.
 *
 * @param file  the notes file
 * @param notes by take key ({@link #key}), in the order written
 */
public record TakeNotes(Path file, Map<String, Note> notes) {
    /** The notes file's name, in the film's folder. */
    public static final String NAME = "notes.json";
    /** The longest note, in characters. */
    public static final int MAX_CHARS = 2000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One note.
     *
     * @param shot the shot's id
     * @param take the take's number
     * @param key  the take's key ({@link #key})
     * @param text the note, 1..{@value #MAX_CHARS} characters
     */
    public record Note(String shot, int take, String key, String text) {
    }

    public TakeNotes {
        notes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(notes));
    }

    /**
     * @param takeFolder a take's folder in the take store ({@code .cinestack/takes/<digest>/<number>})
     * @return its key, {@code <digest>/<number>}
     */
    public static String key(Path takeFolder) {
        return takeFolder.getParent().getFileName() + "/" + takeFolder.getFileName();
    }

    /**
     * Reads a film's notes; none when the file is not there.
     *
     * @param folder the film's folder
     * @return its notes
     * @throws BadInputException when the file is not the notes' JSON (naming the line), or cannot be read
     */
    public static TakeNotes read(Path folder) {
        Path file = folder.resolve(NAME);
        Map<String, Note> notes = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) return new TakeNotes(file, notes);
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new BadInputException(List.of(new Problem(file.toString(), line, 0, "not the notes' JSON ("
                + e.getOriginalMessage() + "); mend it, or delete the file to start without notes")));
        } catch (IOException e) {
            throw new BadInputException(List.of(new Problem(file.toString(), 0, 0, "cannot be read: "
                + e.getMessage())));
        }
        for (JsonNode n : root.path("notes")) {
            String key = n.path("key").asString(""), shot = n.path("shot").asString(""),
                text = n.path("note").asString("");
            int take = n.path("take").asInt(0);
            if (!key.matches("[0-9a-f]{64}/[0-9]+") || shot.isEmpty() || take < 1 || text.isEmpty()) {
                throw new BadInputException(List.of(new Problem(file.toString(), 0, 0, "a note needs \"shot\", "
                    + "\"take\" (1 or more), \"key\" (<take digest>/<number>) and \"note\": " + n)));
            }
            notes.put(key, new Note(shot, take, key, text));
        }
        return new TakeNotes(file, notes);
    }

    /** @return the note on the take in this folder, if any */
    public Optional<String> on(Path takeFolder) {
        return Optional.ofNullable(notes.get(key(takeFolder))).map(Note::text);
    }

    /**
     * @param note a note; an empty text takes the take's note away
     * @return these notes with it
     * @throws BadInputException when the note is longer than {@value #MAX_CHARS} characters
     */
    public TakeNotes with(Note note) {
        if (note.text().length() > MAX_CHARS) {
            throw new BadInputException(List.of(new Problem("note", 0, 0, "a note holds at most " + MAX_CHARS
                + " characters, not " + note.text().length())));
        }
        Map<String, Note> next = new LinkedHashMap<>(notes);
        if (note.text().isBlank()) next.remove(note.key());
        else next.put(note.key(), new Note(note.shot(), note.take(), note.key(), note.text().strip()));
        return new TakeNotes(file, next);
    }

    /** Writes the notes, replacing the file in one rename. */
    public void write() throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Note n : notes.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("shot", n.shot());
            m.put("take", n.take());
            m.put("key", n.key());
            m.put("note", n.text());
            out.add(m);
        }
        org.cinestack.media.Staging.writeString(file, JSON.writerWithDefaultPrettyPrinter()
            .writeValueAsString(Map.of("notes", out)) + "\n");
    }
}
