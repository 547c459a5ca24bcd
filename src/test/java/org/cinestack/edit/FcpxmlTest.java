package org.cinestack.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Our FCPXML has the structure of Final Cut Pro's own exports (the OpenTimelineIO FCPXML samples in shared/material):
 * every element sits under a parent it sits under there, with attributes it has there; the spine's offsets run
 * without holes and add up to the sequence's duration.
 */
class FcpxmlTest {
    static final Path SAMPLES = Path.of(System.getProperty("cinestack.shared", "../shared"), "material", "otio",
        "fcpxml");

    static Element parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
    }

    static void paths(Element e, String parent, Map<String, Set<String>> into) {
        String p = parent + "/" + e.getTagName();
        Set<String> attrs = into.computeIfAbsent(p, k -> new HashSet<>());
        NamedNodeMap a = e.getAttributes();
        for (int i = 0; i < a.getLength(); i++) attrs.add(a.item(i).getNodeName());
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element ce) paths(ce, p, into);
        }
    }

    static double seconds(String t) {
        String s = t.substring(0, t.length() - 1);
        if (!s.contains("/")) return Double.parseDouble(s);
        String[] p = s.split("/");
        return Double.parseDouble(p[0]) / Double.parseDouble(p[1]);
    }

    @Test
    void hasTheStructureOfFinalCutProsExports() throws Exception {
        assumeTrue(Files.isDirectory(SAMPLES), "shared/material/otio/fcpxml is absent: skipping");
        Map<String, Set<String>> known = new HashMap<>();
        try (Stream<Path> s = Files.list(SAMPLES)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".fcpxml")).toList()) {
                paths(parse(Files.readAllBytes(f)), "", known);
            }
        }
        Timeline t = new Timeline("The Last Lamp", 24, List.of(new Track("V1", "Video", List.of(
            new Clip("s1-tower", Path.of("/p/a/take.mp4"), 0, 62, 62, ""), Clip.gap(12),
            new Clip("s2-walk", Path.of("/p/b/take.mp4"), 5, 90, 120, "")))));
        String xml = FcpxmlWriter.xml(t, 1920, 1080);
        Element root = parse(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(Double.parseDouble(root.getAttribute("version"))).isGreaterThanOrEqualTo(1.8);
        Map<String, Set<String>> ours = new HashMap<>();
        paths(root, "", ours);
        for (var e : ours.entrySet()) {
            assertThat(known).as("element %s appears in Final Cut Pro's exports", e.getKey()).containsKey(e.getKey());
            assertThat(known.get(e.getKey())).as("attributes of %s", e.getKey()).containsAll(e.getValue());
        }
        Element seq = (Element) root.getElementsByTagName("sequence").item(0);
        Element spine = (Element) seq.getElementsByTagName("spine").item(0);
        double at = 0;
        for (Node c = spine.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (!(c instanceof Element ce)) continue;
            assertThat(seconds(ce.getAttribute("offset"))).isCloseTo(at, org.assertj.core.api.Assertions.within(1e-9));
            at += seconds(ce.getAttribute("duration"));
        }
        assertThat(at).isCloseTo(seconds(seq.getAttribute("duration")), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(at).isCloseTo((62 + 12 + 90) / 24.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(xml).contains("start=\"500/2400s\"").contains("src=\"file:///p/b/take.mp4\"");
    }
}
