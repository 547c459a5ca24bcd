package org.cinestack.script;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cinestack.film.Problem;

/**
 * Reads Fountain, the plain-text screenplay format (syntax of fountain.io, version 1.1): title page, scene headings
 * (INT, EXT, EST, INT./EXT, I/E and forced with a leading period; scene numbers {@code #1A#}), action (forced
 * {@code !}), character cues (forced {@code @}, extensions such as (V.O.) or (CONT'D), dual dialogue {@code ^}),
 * parentheticals, dialogue, lyrics {@code ~}, transitions ({@code TO:} and forced {@code >}), centred text
 * {@code > <}, emphasis, notes {@code [[ ]]}, boneyard {@code /* *}{@code /}, sections {@code #}, synopses {@code =}
 * and page breaks {@code ===}.
 *
 * <p>Tolerant as writers' tools are: CRLF, CR and LF line ends mixed in one file, a UTF-8 byte order mark, headings
 * in other scripts ({@code ИНТ.}, {@code INT。}), full-width colons and parentheses. An unterminated note or boneyard
 * is a warning with its line, and its text is read as ordinary text. Not thread-safe; one parser per file.
 */
public final class FountainParser {
    private static final Pattern HEADING = Pattern.compile(
        "^(?:int|ext|est|int\\.?/ext|i\\.?/e|инт|нат|экст|инт\\.?/нат)(?:[.。]|\\s)", Pattern.CASE_INSENSITIVE
            | Pattern.UNICODE_CASE);
    private static final Pattern SCENE_NUMBER = Pattern.compile("\\s*#([^#\\s]+)#\\s*$");
    private static final Pattern TITLE_KEY = Pattern.compile("^([^\\s:：][^:：]{0,40})[:：]\\s*(.*)$");
    private static final Pattern EMPHASIS = Pattern.compile("(?<!\\\\)(\\*{1,3})(?=\\S)(.+?)(?<=\\S)(?<!\\\\)\\1");
    private static final Pattern UNDERLINE = Pattern.compile("(?<!\\\\)_(?=\\S)(.+?)(?<=\\S)(?<!\\\\)_");
    private static final Pattern EXTENSION = Pattern.compile("\\(.*?\\)|（.*?）");

    private final String file;
    private final List<Problem> warnings = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<ScriptElement> out = new ArrayList<>();

    private FountainParser(String file) {
        this.file = file;
    }

    /**
     * Parses a Fountain script.
     *
     * @param text the whole file, as decoded (a leading byte order mark is skipped)
     * @param file the file's name for warnings
     * @return the screenplay; never fails on text input, problems it tolerated are in {@link Screenplay#warnings()}
     */
    public static Screenplay parse(String text, String file) {
        return new FountainParser(file).run(text);
    }

    private Screenplay run(String text) {
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        text = strip(text, "/*", "*/", "boneyard", false);
        text = strip(text, "[[", "]]", "note", true);
        String[] lines = text.split("\r\n|\r|\n", -1);
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) i++;
        Map<String, String> title = new LinkedHashMap<>();
        if (i < lines.length && TITLE_KEY.matcher(lines[i]).matches() && !isHeading(lines[i].strip())
            && !isTransition(lines[i].strip())) {
            i = titlePage(lines, i, title);
        }
        body(lines, i);
        return new Screenplay(file, title, List.copyOf(out), List.copyOf(notes), List.copyOf(warnings));
    }

    /**
     * Removes spans from open to close, keeping their line breaks so line numbers stay true. Notes are kept in
     * {@link #notes}. An open with no close is a warning and stays in the text.
     */
    private String strip(String text, String open, String close, String what, boolean keep) {
        StringBuilder sb = new StringBuilder(text.length());
        int pos = 0;
        while (true) {
            int a = text.indexOf(open, pos);
            if (a < 0) break;
            int b = text.indexOf(close, a + open.length());
            if (b < 0) {
                warnings.add(new Problem(file, lineOf(text, a), columnOf(text, a), "unterminated " + what + " ('"
                    + open + "' without '" + close + "'): read as text; close it with '" + close + "'"));
                break;
            }
            sb.append(text, pos, a);
            String inside = text.substring(a + open.length(), b);
            if (keep) notes.add(inside.strip().replaceAll("\\s*(\r\n|\r|\n)\\s*", " "));
            for (int k = 0; k < inside.length(); k++) {
                char c = inside.charAt(k);
                if (c == '\n' || c == '\r') sb.append(c);
            }
            pos = b + close.length();
        }
        sb.append(text, pos, text.length());
        return sb.toString();
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int k = 0; k < offset; k++) {
            char c = text.charAt(k);
            if (c == '\n' || c == '\r' && (k + 1 >= text.length() || text.charAt(k + 1) != '\n')) line++;
        }
        return line;
    }

    private static int columnOf(String text, int offset) {
        int k = offset;
        while (k > 0 && text.charAt(k - 1) != '\n' && text.charAt(k - 1) != '\r') k--;
        return offset - k + 1;
    }

    private int titlePage(String[] lines, int i, Map<String, String> title) {
        String key = null;
        StringBuilder value = new StringBuilder();
        for (; i < lines.length && !lines[i].isBlank(); i++) {
            String line = lines[i];
            Matcher m = TITLE_KEY.matcher(line);
            boolean indented = line.startsWith("   ") || line.startsWith("\t");
            if (!indented && m.matches()) {
                if (key != null) title.put(key, emphasis(value.toString()));
                key = m.group(1).strip();
                value.setLength(0);
                value.append(m.group(2).strip());
            } else if (key != null) {
                if (!value.isEmpty()) value.append('\n');
                value.append(line.strip());
            }
        }
        if (key != null) title.put(key, emphasis(value.toString()));
        return i;
    }

    // ---- body ------------------------------------------------------------------------------------------------------

    private void body(String[] lines, int start) {
        int i = start;
        while (i < lines.length) {
            if (lines[i].isBlank()) {
                i++;
                continue;
            }
            boolean speech = isCue(lines[i].strip());
            int end = i;
            while (end < lines.length && (!lines[end].isBlank() || speech && keepsDialogue(lines, end))) end++;
            paragraph(lines, i, end);
            i = end;
        }
    }

    /** A line of two spaces between lines of dialogue is a blank line inside the speech, not the speech's end. */
    private static boolean keepsDialogue(String[] lines, int k) {
        return lines[k].startsWith("  ") && k + 1 < lines.length && !lines[k + 1].isBlank();
    }

    /** Lines a..b (exclusive), none blank, preceded by a blank line or the start. */
    private void paragraph(String[] lines, int a, int b) {
        while (a < b) {
            String raw = lines[a], t = raw.strip();
            int lineNo = a + 1;
            if (t.matches("={3,}")) {
                out.add(ScriptElement.of(ElementType.PAGE_BREAK, "", lineNo));
                a++;
            } else if (t.startsWith("#")) {
                int depth = 0;
                while (depth < t.length() && t.charAt(depth) == '#') depth++;
                out.add(new ScriptElement(ElementType.SECTION, t.substring(depth).strip(), lineNo, false, "", depth));
                a++;
            } else if (t.startsWith("=") && !t.startsWith("==")) {
                out.add(ScriptElement.of(ElementType.SYNOPSIS, t.substring(1).strip(), lineNo));
                a++;
            } else if (t.startsWith(".") && !t.startsWith("..") || isHeading(t)) {
                String h = t.startsWith(".") && !isHeading(t) ? t.substring(1) : t;
                String number = "";
                Matcher m = SCENE_NUMBER.matcher(h);
                if (m.find()) {
                    number = m.group(1);
                    h = h.substring(0, m.start());
                }
                out.add(new ScriptElement(ElementType.SCENE_HEADING, emphasis(h.strip()), lineNo, false, number, 0));
                a++;
            } else if (t.startsWith(">") && t.endsWith("<") && t.length() >= 2) {
                StringBuilder sb = new StringBuilder();
                while (a < b && lines[a].strip().startsWith(">") && lines[a].strip().endsWith("<")) {
                    String c = lines[a].strip();
                    if (!sb.isEmpty()) sb.append('\n');
                    sb.append(c.substring(1, c.length() - 1).strip());
                    a++;
                }
                out.add(ScriptElement.of(ElementType.CENTERED, emphasis(sb.toString()), lineNo));
            } else if (t.startsWith(">")) {
                out.add(ScriptElement.of(ElementType.TRANSITION, emphasis(t.substring(1).strip()), lineNo));
                a++;
            } else if (b - a == 1 && isTransition(t)) {
                out.add(ScriptElement.of(ElementType.TRANSITION, emphasis(t), lineNo));
                a++;
            } else if (t.startsWith("~")) {
                StringBuilder sb = new StringBuilder();
                while (a < b && lines[a].strip().startsWith("~")) {
                    if (!sb.isEmpty()) sb.append('\n');
                    sb.append(lines[a].strip().substring(1).strip());
                    a++;
                }
                out.add(ScriptElement.of(ElementType.LYRICS, emphasis(sb.toString()), lineNo));
            } else if (b - a >= 2 && isCue(t)) {
                a = dialogue(lines, a, b);
            } else {
                action(lines, a, b);
                a = b;
            }
        }
    }

    private static boolean isHeading(String t) {
        return HEADING.matcher(t).find();
    }

    private static boolean isTransition(String t) {
        return t.endsWith("TO:") && t.equals(t.toUpperCase(Locale.ROOT)) && !t.startsWith("!");
    }

    /** A character cue: forced with @, or in capitals (extensions in parentheses aside) with at least one letter. */
    private static boolean isCue(String t) {
        if (t.startsWith("@")) return t.length() > 1;
        if (t.startsWith("!")) return false;
        String name = EXTENSION.matcher(t).replaceAll("");
        if (name.endsWith("^")) name = name.substring(0, name.length() - 1);
        name = name.strip();
        if (name.isEmpty() || !name.codePoints().anyMatch(Character::isLetter)) return false;
        return name.equals(name.toUpperCase(Locale.ROOT));
    }

    /** A cue and its parentheticals, dialogue and lyrics, to the end of the paragraph. */
    private int dialogue(String[] lines, int a, int b) {
        String cue = lines[a].strip();
        if (cue.startsWith("@")) cue = cue.substring(1);
        boolean dual = cue.endsWith("^");
        if (dual) {
            cue = cue.substring(0, cue.length() - 1).strip();
            for (int k = out.size() - 1; k >= 0; k--) { // the first speaker's side: back to the previous cue
                out.set(k, out.get(k).asDual());
                if (out.get(k).type() == ElementType.CHARACTER) break;
            }
        }
        int start = out.size();
        out.add(ScriptElement.of(ElementType.CHARACTER, cue, a + 1));
        a++;
        StringBuilder speech = new StringBuilder();
        int speechLine = 0;
        for (; a < b; a++) {
            String t = lines[a].strip();
            boolean paren = (t.startsWith("(") && t.endsWith(")")) || (t.startsWith("（") && t.endsWith("）"));
            boolean lyric = t.startsWith("~");
            if (paren || lyric) {
                if (!speech.isEmpty()) out.add(ScriptElement.of(ElementType.DIALOGUE, emphasis(speech.toString()),
                    speechLine));
                speech.setLength(0);
                out.add(ScriptElement.of(paren ? ElementType.PARENTHETICAL : ElementType.LYRICS,
                    emphasis(paren ? t : t.substring(1).strip()), a + 1));
            } else {
                if (speech.isEmpty()) speechLine = a + 1;
                else speech.append('\n');
                speech.append(t);
            }
        }
        if (!speech.isEmpty()) out.add(ScriptElement.of(ElementType.DIALOGUE, emphasis(speech.toString()),
            speechLine));
        if (dual) for (int k = start; k < out.size(); k++) out.set(k, out.get(k).asDual());
        return a;
    }

    private void action(String[] lines, int a, int b) {
        StringBuilder sb = new StringBuilder();
        for (int k = a; k < b; k++) {
            String line = lines[k].stripTrailing();
            if (k == a && line.strip().startsWith("!")) line = line.strip().substring(1);
            if (!sb.isEmpty()) sb.append('\n');
            sb.append(line);
        }
        out.add(ScriptElement.of(ElementType.ACTION, emphasis(sb.toString()), a + 1));
    }

    /** Removes Fountain emphasis markers (*italic*, **bold**, ***both***, _underline_) and their escapes. */
    static String emphasis(String s) {
        if (s.indexOf('*') < 0 && s.indexOf('_') < 0 && s.indexOf('\\') < 0) return s;
        String prev;
        do {
            prev = s;
            s = EMPHASIS.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(2)));
            s = UNDERLINE.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        } while (!s.equals(prev));
        return s.replace("\\*", "*").replace("\\_", "_");
    }
}
