package org.cinestack.edit.otio;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cinestack.film.Problem;

/**
 * Reads OpenTimelineIO JSON ({@code .otio}, the OTIO file format as written by OTIO 0.12 to its main line) into the
 * {@link OtioObject} model. Every schema of OTIO's core that an edit uses is typed: Timeline.1, Stack.1, Track.1
 * (Sequence.1), Clip.1 and Clip.2, Gap.1 (Filler.1), Transition.1, Effect.1, LinearTimeWarp.1, FreezeFrame.1,
 * ExternalReference.1, MissingReference.1, GeneratorReference.1, ImageSequenceReference.1, Marker.1 to Marker.3,
 * SerializableCollection.1, and the values RationalTime.1, TimeRange.1, Box2d.1, V2d.1, Color.1. Fields a schema
 * does not have are kept as the object's dynamic fields, as OTIO keeps them; objects of other schemas are kept whole
 * ({@link UnknownSchema}) with a warning. Metadata is kept as its JSON tree, numbers exactly as written.
 * <p>
 * Optional fields a file leaves out take OTIO's defaults ({@code enabled} true, {@code effects} [], ...); a JSON null
 * where OTIO reads text is kept as null. Every problem in a file is reported at once, each with its line and column.
 */
public final class OtioReader {

    /**
     * What a file holds.
     *
     * @param root     the file's object, usually a {@link Timeline}
     * @param warnings what was kept without being understood, each as {@code file:line:column: message}
     */
    public record Document(OtioObject root, List<String> warnings) {
        public Document {
            warnings = List.copyOf(warnings);
        }
    }

    private OtioReader() {
    }

    /**
     * @param file a {@code .otio} file, UTF-8 JSON
     * @return what it holds
     * @throws IOException         when it cannot be read
     * @throws OtioFormatException when it is not OTIO JSON: each problem names the file, line, column and the fix
     */
    public static Document read(Path file) throws IOException, OtioFormatException {
        String text;
        try {
            text = Files.readString(file);
        } catch (CharacterCodingException e) {
            throw new OtioFormatException(List.of(new Problem(file.toString(), 0, 0,
                "is not UTF-8 text; OTIO files are UTF-8 JSON: export it again as .otio")));
        }
        return parse(text, file.toString());
    }

    /**
     * @param json the text of an OTIO file
     * @param name the file's name, for messages
     * @return what it holds
     * @throws OtioFormatException when it is not OTIO JSON: each problem names the file, line, column and the fix
     */
    public static Document parse(String json, String name) throws OtioFormatException {
        OtioJson.Source source = OtioJson.source(json, name);
        return new OtioDecoder(source).document(OtioJson.parse(source));
    }
}
