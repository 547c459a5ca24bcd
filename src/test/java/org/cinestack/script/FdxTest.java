package org.cinestack.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.cli.Main;
import org.cinestack.film.BadInputException;

/** FDX written by us reads back to the same screenplay; bad files are bad input, not crashes. */
class FdxTest {
    static final String SCRIPT = """
        Title: Round Trip

        EXT. PIER - NIGHT #3#

        Fog. A BELL rings.

        MARA
        (calling)
        Tomas!

        TOMAS
        Here.

        MARA ^
        There you are.

        > FADE OUT.

        > THE END <
        """;

    @Test
    void fountainToFdxAndBack() {
        Screenplay f = FountainParser.parse(SCRIPT, "rt.fountain");
        String xml = FdxWriter.write(f);
        Screenplay x = FdxReader.read(xml.getBytes(StandardCharsets.UTF_8), "rt.fdx");
        assertThat(x.paragraphShape()).isEqualTo(f.paragraphShape());
        assertThat(x.elements()).extracting(ScriptElement::text).containsExactlyElementsOf(
            f.elements().stream().map(ScriptElement::text).toList());
        assertThat(x.elements()).extracting(ScriptElement::dual).containsExactlyElementsOf(
            f.elements().stream().map(ScriptElement::dual).toList());
        assertThat(x.elements().getFirst().sceneNumber()).isEqualTo("3");
        assertThat(x.title()).isEqualTo("Round Trip");
        assertThat(xml).contains("<DualDialogue>", "Alignment=\"Center\"", "Type=\"Transition\"");
    }

    @Test
    void badFilesAreBadInput(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ScriptReader.read(new byte[0], "empty.fountain"))
            .isInstanceOf(BadInputException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> ScriptReader.read(new byte[] {1, 2, 0, 4}, "x.fountain"))
            .isInstanceOf(BadInputException.class).hasMessageContaining("binary");
        assertThatThrownBy(() -> ScriptReader.read("<FinalDraft><Content><Paragraph>".getBytes(), "broken.fdx"))
            .isInstanceOf(BadInputException.class).hasMessageContaining("broken.fdx:1:");
        assertThatThrownBy(() -> ScriptReader.read("just text, not xml".getBytes(), "notxml.fdx"))
            .isInstanceOf(BadInputException.class).hasMessageContaining("not a readable Final Draft");
        assertThatThrownBy(() -> ScriptReader.read("<html/>".getBytes(), "page.fdx"))
            .isInstanceOf(BadInputException.class).hasMessageContaining("root element is <html>");

        Path bin = dir.resolve("photo.fountain");
        Files.write(bin, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
        Path empty = dir.resolve("empty.fountain");
        Files.writeString(empty, "");
        Path notXml = dir.resolve("script.fdx");
        Files.writeString(notXml, "EXT. PIER - NIGHT\n\nFog.\n");
        for (Path p : new Path[] {bin, empty, notXml}) {
            assertThat(Main.run("breakdown", p.toString())).as(p.toString()).isEqualTo(Main.BAD_INPUT);
        }
    }
}
