package org.cinestack.script;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import org.cinestack.film.BadInputException;
import org.cinestack.film.Problem;

/**
 * Reads Final Draft XML ({@code .fdx}): the {@code Paragraph} elements of {@code Content} in order, by their
 * {@code Type} (Scene Heading, Action, Character, Parenthetical, Dialogue, Transition, Shot, General; an Action
 * aligned to the centre is centred text; types outside the screenplay grammar, such as Cast List or New Act, are
 * read as General), {@code DualDialogue} groups, scene numbers ({@code Number}), {@code ScriptNote}s and the title
 * page. An element's line is the paragraph's ordinal in the body. Uses the JDK's XML parser with DTDs and external
 * entities switched off.
 */
public final class FdxReader {
    private FdxReader() {
    }

    /**
     * @param bytes the file's bytes
     * @param file  its name for messages
     * @return the screenplay
     * @throws BadInputException when the bytes are not XML or not a Final Draft document, with the line and column
     */
    public static Screenplay read(byte[] bytes, String file) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            doc = b.parse(new ByteArrayInputStream(bytes));
        } catch (SAXParseException e) {
            throw new BadInputException(List.of(new Problem(file, Math.max(0, e.getLineNumber()),
                Math.max(0, e.getColumnNumber()), "not a readable Final Draft (.fdx) file: the XML is broken ("
                + e.getMessage() + "); export it again from Final Draft, or save the script as Fountain")));
        } catch (SAXException | java.io.IOException | ParserConfigurationException e) {
            throw new BadInputException(List.of(new Problem(file, 0, 0, "not a readable Final Draft (.fdx) file: "
                + e.getMessage())));
        }
        Element root = doc.getDocumentElement();
        if (!root.getTagName().equals("FinalDraft")) {
            throw new BadInputException(List.of(new Problem(file, 1, 1, "an XML file but not Final Draft: its root "
                + "element is <" + root.getTagName() + ">, expected <FinalDraft>")));
        }
        List<ScriptElement> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Element content = child(root, "Content");
        if (content != null) paragraphs(content, false, out, notes);
        Map<String, String> title = new LinkedHashMap<>();
        Element titlePage = child(root, "TitlePage");
        if (titlePage != null && child(titlePage, "Content") != null) {
            List<String> lines = new ArrayList<>();
            for (Element p : children(child(titlePage, "Content"), "Paragraph")) {
                String t = text(p, notes).strip();
                if (!t.isEmpty()) lines.add(t);
            }
            if (!lines.isEmpty()) title.put("Title", lines.getFirst());
            if (lines.size() > 1) title.put("Credit", String.join("\n", lines.subList(1, lines.size())));
        }
        return new Screenplay(file, title, List.copyOf(out), List.copyOf(notes), List.of());
    }

    private static void paragraphs(Element parent, boolean dual, List<ScriptElement> out, List<String> notes) {
        for (Element p : children(parent, "Paragraph")) {
            Element dd = child(p, "DualDialogue");
            if (dd != null) {
                paragraphs(dd, true, out, notes);
                continue;
            }
            ElementType type = switch (p.getAttribute("Type")) {
                case "Scene Heading" -> ElementType.SCENE_HEADING;
                case "Action" -> "Center".equalsIgnoreCase(p.getAttribute("Alignment")) ? ElementType.CENTERED
                    : ElementType.ACTION;
                case "Character" -> ElementType.CHARACTER;
                case "Parenthetical" -> ElementType.PARENTHETICAL;
                case "Dialogue" -> ElementType.DIALOGUE;
                case "Transition" -> ElementType.TRANSITION;
                case "Shot" -> ElementType.SHOT;
                default -> ElementType.GENERAL;
            };
            String text = text(p, notes);
            out.add(new ScriptElement(type, text, out.size() + 1, dual, p.getAttribute("Number"), 0));
        }
    }

    /** The paragraph's Text runs joined, each line's trailing spaces removed; its ScriptNotes go to notes. */
    private static String text(Element p, List<String> notes) {
        StringBuilder sb = new StringBuilder();
        for (Node n = p.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e)) continue;
            if (e.getTagName().equals("Text")) sb.append(e.getTextContent());
            else if (e.getTagName().equals("ScriptNote")) notes.add(e.getTextContent().strip());
        }
        return sb.toString().replaceAll("[ \\t]+(\r?\n|$)", "$1").replaceAll("\\s+$", "");
    }

    private static Element child(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) return e;
        }
        return null;
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) out.add(e);
        }
        return out;
    }
}
