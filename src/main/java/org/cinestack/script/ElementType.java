package org.cinestack.script;

/**
 * The kinds of screenplay element, after the Fountain syntax (fountain.io) and Final Draft's paragraph types. Each
 * type that Final Draft has knows its FDX {@code Paragraph Type} name; Fountain-only types (sections, synopses, page
 * breaks) have none and are left out of FDX files.
 */
public enum ElementType {
    SCENE_HEADING("Scene Heading"),
    ACTION("Action"),
    CHARACTER("Character"),
    PARENTHETICAL("Parenthetical"),
    DIALOGUE("Dialogue"),
    /** Sung lines ({@code ~} in Fountain); Final Draft has no lyric type, so they are written as dialogue. */
    LYRICS("Dialogue"),
    TRANSITION("Transition"),
    /** Centred text ({@code > text <}); in FDX an Action paragraph aligned to the centre. */
    CENTERED("Action"),
    /** A camera direction paragraph (Final Draft's Shot type). */
    SHOT("Shot"),
    /** Final Draft's General type: text outside the screenplay's grammar. */
    GENERAL("General"),
    SECTION(null),
    SYNOPSIS(null),
    PAGE_BREAK(null);

    private final String fdxType;

    ElementType(String fdxType) {
        this.fdxType = fdxType;
    }

    /** @return the FDX paragraph type this element is written as, or null when FDX has none */
    public String fdxType() {
        return fdxType;
    }
}
