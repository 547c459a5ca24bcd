package org.cinestack.script;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a {@link Screenplay} as Final Draft XML: each element a {@code Paragraph} of its FDX type (centred text an
 * Action aligned to the centre, lyrics as Dialogue), runs of dual dialogue inside {@code DualDialogue}, scene numbers
 * as {@code Number}, and a title page. Fountain-only elements (sections, synopses, page breaks) have no FDX form and
 * are left out; notes are not written.
 */
public final class FdxWriter {
    private FdxWriter() {
    }

    /**
     * @param play the screenplay
     * @return the document, UTF-8 XML text
     */
    public static String write(Screenplay play) {
        StringWriter sw = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(sw);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("FinalDraft");
            x.writeAttribute("DocumentType", "Script");
            x.writeAttribute("Template", "No");
            x.writeAttribute("Version", "5");
            x.writeCharacters("\n  ");
            x.writeStartElement("Content");
            List<ScriptElement> es = play.elements();
            boolean inDual = false;
            for (ScriptElement e : es) {
                if (e.type().fdxType() == null) continue;
                if (e.dual() != inDual) {
                    if (e.dual()) {
                        x.writeCharacters("\n    ");
                        x.writeStartElement("Paragraph");
                        x.writeStartElement("DualDialogue");
                    } else {
                        x.writeEndElement();
                        x.writeEndElement();
                    }
                    inDual = e.dual();
                }
                x.writeCharacters(inDual ? "\n      " : "\n    ");
                x.writeStartElement("Paragraph");
                if (e.type() == ElementType.CENTERED) x.writeAttribute("Alignment", "Center");
                x.writeAttribute("Type", e.type().fdxType());
                if (!e.sceneNumber().isEmpty()) x.writeAttribute("Number", e.sceneNumber());
                x.writeStartElement("Text");
                x.writeCharacters(e.text());
                x.writeEndElement();
                x.writeEndElement();
            }
            if (inDual) {
                x.writeEndElement();
                x.writeEndElement();
            }
            x.writeCharacters("\n  ");
            x.writeEndElement();
            if (!play.titlePage().isEmpty()) {
                x.writeCharacters("\n  ");
                x.writeStartElement("TitlePage");
                x.writeStartElement("Content");
                for (Map.Entry<String, String> f : play.titlePage().entrySet()) {
                    for (String line : f.getValue().split("\n")) {
                        x.writeStartElement("Paragraph");
                        x.writeAttribute("Alignment", f.getKey().equalsIgnoreCase("Title") ? "Center" : "Left");
                        x.writeStartElement("Text");
                        x.writeCharacters(line);
                        x.writeEndElement();
                        x.writeEndElement();
                    }
                }
                x.writeEndElement();
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing FDX to memory failed", e);
        }
        return sw.toString();
    }
}
