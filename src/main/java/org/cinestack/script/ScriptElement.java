package org.cinestack.script;

/**
 * One element of a screenplay: a scene heading, a paragraph of action, a character cue, a line of dialogue.
 *
 * @param type        what it is
 * @param text        its text, emphasis markers and notes removed, lines joined with {@code \n}
 * @param line        1-based line of the source file where it starts (for FDX, the paragraph's ordinal)
 * @param dual        part of the second speaker's side of dual dialogue (the cue marked {@code ^} and what follows
 *                    it), or, for the first speaker's side, of the block it pairs with; false otherwise
 * @param sceneNumber the scene number of a heading ({@code #1A#} in Fountain, {@code Number} in FDX), or empty
 * @param depth       section depth (number of {@code #}), 0 for other elements
 */
public record ScriptElement(ElementType type, String text, int line, boolean dual, String sceneNumber, int depth) {

    /** An element with no scene number, not dual, depth 0. */
    public static ScriptElement of(ElementType type, String text, int line) {
        return new ScriptElement(type, text, line, false, "", 0);
    }

    /** @return this element marked as part of dual dialogue */
    public ScriptElement asDual() {
        return new ScriptElement(type, text, line, true, sceneNumber, depth);
    }
}
