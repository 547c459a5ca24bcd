package org.cinestack.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Each Fountain element on inputs written for these tests (the shared corpora are in ScriptConformanceTest). */
class FountainParserTest {

    static List<ElementType> types(Screenplay s) {
        return s.elements().stream().map(ScriptElement::type).toList();
    }

    static ScriptElement first(Screenplay s, ElementType t) {
        return s.elements().stream().filter(e -> e.type() == t).findFirst().orElseThrow();
    }

    @Test
    void titlePageWithIndentedValues() {
        Screenplay s = FountainParser.parse("""
            Title:
            \t_**THE LONG WAY**_
            \tHOME
            Author: A. Writer
            Contact:
                12 Quay Street
                Harbourtown

            EXT. QUAY - DAY

            Gulls.
            """, "t.fountain");
        assertThat(s.titlePage()).containsEntry("Title", "THE LONG WAY\nHOME").containsEntry("Author", "A. Writer")
            .containsEntry("Contact", "12 Quay Street\nHarbourtown");
        assertThat(s.title()).isEqualTo("THE LONG WAY HOME");
        assertThat(types(s)).containsExactly(ElementType.SCENE_HEADING, ElementType.ACTION);
    }

    @Test
    void sceneHeadingsForcedAndNumbered() {
        Screenplay s = FountainParser.parse("""
            INT. KITCHEN - NIGHT

            ext. yard - day #12A#

            EST. TOWER - DAWN

            INT./EXT. CAR - DAY

            I/E BOAT - DUSK

            .FLASHBACK

            ..not a heading

            INTERIOR DESIGN is her passion.
            """, "t.fountain");
        List<ScriptElement> h = s.elements().stream().filter(e -> e.type() == ElementType.SCENE_HEADING).toList();
        assertThat(h).extracting(ScriptElement::text).containsExactly("INT. KITCHEN - NIGHT", "ext. yard - day",
            "EST. TOWER - DAWN", "INT./EXT. CAR - DAY", "I/E BOAT - DUSK", "FLASHBACK");
        assertThat(h.get(1).sceneNumber()).isEqualTo("12A");
        assertThat(types(s).subList(6, 8)).containsExactly(ElementType.ACTION, ElementType.ACTION);
    }

    @Test
    void dialogueWithExtensionsParentheticalsLyricsAndForcedCues() {
        Screenplay s = FountainParser.parse("""
            MARA (V.O.)
            (quietly)
            The lamp is out.
            It has been out for days.
            ~Row, row, row

            @McCLANE
            Yippee.

            HANS (on the radio)
            Who are you?
            """, "t.fountain");
        assertThat(types(s)).containsExactly(ElementType.CHARACTER, ElementType.PARENTHETICAL, ElementType.DIALOGUE,
            ElementType.LYRICS, ElementType.CHARACTER, ElementType.DIALOGUE, ElementType.CHARACTER,
            ElementType.DIALOGUE);
        assertThat(s.elements().get(0).text()).isEqualTo("MARA (V.O.)");
        assertThat(s.elements().get(2).text()).isEqualTo("The lamp is out.\nIt has been out for days.");
        assertThat(s.elements().get(4).text()).isEqualTo("McCLANE");
    }

    @Test
    void twoSpacesKeepADialogueGoingAndAForcedBangMakesAction() {
        Screenplay s = FountainParser.parse("DEAN\nFirst.\n  \nSecond.\n\n!SCREAMS IN THE NIGHT\nare heard.\n",
            "t.fountain");
        assertThat(types(s)).containsExactly(ElementType.CHARACTER, ElementType.DIALOGUE, ElementType.ACTION);
        assertThat(s.elements().get(1).text()).isEqualTo("First.\n\nSecond.");
        assertThat(s.elements().get(2).text()).isEqualTo("SCREAMS IN THE NIGHT\nare heard.");
    }

    @Test
    void dualDialogueMarksBothSides() {
        Screenplay s = FountainParser.parse("BRICK\nScrew retirement.\n\nSTEEL ^\nScrew retirement.\n\nThey drink.\n",
            "t.fountain");
        assertThat(s.elements()).extracting(ScriptElement::dual).containsExactly(true, true, true, true, false);
        assertThat(s.elements().get(2).text()).isEqualTo("STEEL");
    }

    @Test
    void transitionsCenteredPageBreaksSectionsSynopses() {
        Screenplay s = FountainParser.parse("""
            # Act One

            ## The harbour

            = Mara finds the lamp dead.

            CUT TO:

            > BURN TO WHITE.

            > THE END <

            ===

            Not a transition to:
            """, "t.fountain");
        assertThat(types(s)).containsExactly(ElementType.SECTION, ElementType.SECTION, ElementType.SYNOPSIS,
            ElementType.TRANSITION, ElementType.TRANSITION, ElementType.CENTERED, ElementType.PAGE_BREAK,
            ElementType.ACTION);
        assertThat(s.elements().get(1).depth()).isEqualTo(2);
        assertThat(s.elements().get(4).text()).isEqualTo("BURN TO WHITE.");
        assertThat(s.elements().get(5).text()).isEqualTo("THE END");
    }

    @Test
    void emphasisIsRemovedAndEscapesKept() {
        assertThat(FountainParser.emphasis("*italic* **bold** ***both*** _under_ \\*literal\\*"))
            .isEqualTo("italic bold both under *literal*");
        assertThat(FountainParser.emphasis("a * b * c")).isEqualTo("a * b * c");
    }

    @Test
    void notesAndBoneyardLeaveLineNumbersTrue() {
        Screenplay s = FountainParser.parse("""
            INT. ROOM - DAY [[a note
            over two lines]]

            /* cut scene
            INT. GONE - DAY
            */
            Action here.
            """, "t.fountain");
        assertThat(s.notes()).containsExactly("a note over two lines");
        assertThat(types(s)).containsExactly(ElementType.SCENE_HEADING, ElementType.ACTION);
        assertThat(first(s, ElementType.ACTION).line()).isEqualTo(7);
        assertThat(s.warnings()).isEmpty();
    }

    @Test
    void unterminatedNoteAndBoneyardAreWarningsWithTheirLine() {
        Screenplay s = FountainParser.parse("INT. ROOM - DAY\n\nShe waits. [[never closed\n\nHe /* also open\n",
            "t.fountain");
        assertThat(s.warnings()).hasSize(2);
        assertThat(s.warnings()).extracting(p -> p.line()).containsExactlyInAnyOrder(3, 5);
        assertThat(s.warnings().toString()).contains("unterminated note", "unterminated boneyard", "t.fountain:3:");
        assertThat(types(s)).contains(ElementType.SCENE_HEADING, ElementType.ACTION);
    }

    @Test
    void mixedLineEndingsAndByteOrderMark() {
        Screenplay s = FountainParser.parse("\uFEFFTitle: X\n\r\nINT. A - DAY\r\n\r\nBOB\r\nHi.\rThere.\n\nEnd.",
            "t.fountain");
        assertThat(types(s)).containsExactly(ElementType.SCENE_HEADING, ElementType.CHARACTER, ElementType.DIALOGUE,
            ElementType.ACTION);
        assertThat(s.elements().get(2).text()).isEqualTo("Hi.\nThere.");
        assertThat(s.elements().get(3).line()).isEqualTo(9);
    }

    @Test
    void otherScripts() {
        Screenplay ru = FountainParser.parse("ИНТ. КУХНЯ – ДЕНЬ\n\nМАША\nПривет.\n", "ru.fountain");
        assertThat(types(ru)).containsExactly(ElementType.SCENE_HEADING, ElementType.CHARACTER,
            ElementType.DIALOGUE);
        Screenplay jp = FountainParser.parse("Title：映画\n\nINT。 病院-日\n\nジョン\n（失われた）\nここは？\n", "jp.fountain");
        assertThat(jp.titlePage()).containsEntry("Title", "映画");
        assertThat(types(jp)).containsExactly(ElementType.SCENE_HEADING, ElementType.CHARACTER,
            ElementType.PARENTHETICAL, ElementType.DIALOGUE);
    }
}
