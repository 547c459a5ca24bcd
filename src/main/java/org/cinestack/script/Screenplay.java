package org.cinestack.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cinestack.film.Problem;

/**
 * A screenplay as its writer wrote it, independent of the file format: title page, then the elements in order.
 *
 * @param file      the file it was read from, as the user named it
 * @param titlePage title page fields in order (keys as written, for example {@code Title}, {@code Author}); values
 *                  with several lines joined by {@code \n}
 * @param elements  the body, in order
 * @param notes     the text of every note ({@code [[ ]]} in Fountain, ScriptNote in FDX), in order
 * @param warnings  things the reader tolerated, each with its line (an unterminated note or boneyard, for example)
 */
public record Screenplay(String file, Map<String, String> titlePage, List<ScriptElement> elements, List<String> notes,
                         List<Problem> warnings) {

    /** @return the title from the title page with emphasis removed, or empty */
    public String title() {
        String t = titlePage.getOrDefault("Title", titlePage.getOrDefault("title", ""));
        return t.replace("\n", " ").strip();
    }

    /**
     * The sequence of FDX paragraph types of the body, with runs of the same type collapsed to one: the shape two
     * versions of one script share whatever their format (a dialogue of three lines is one Fountain element but may be
     * three FDX paragraphs). Types that FDX does not have are left out.
     *
     * @return for example {@code [Scene Heading, Action, Character, Dialogue, ...]}
     */
    public List<String> paragraphShape() {
        List<String> out = new ArrayList<>();
        for (ScriptElement e : elements) {
            String t = e.type().fdxType();
            if (t == null) continue;
            if (!out.isEmpty() && out.getLast().equals(t)) continue;
            out.add(t);
        }
        return out;
    }
}
