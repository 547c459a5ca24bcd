package org.cinestack.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

import org.cinestack.media.VideoWriter;

/**
 * Our MLT XML is valid against MLT's DTD (shared/material/mlt) and renders with Debian's {@code melt} to the expected
 * frame count and cut points (measured on the decoded frames: each clip is one solid colour, gaps are black).
 */
class MltTest {
    static final Path DTD = Path.of(System.getProperty("cinestack.shared", "../shared"), "material", "mlt",
        "mlt-xml.dtd");
    static final int W = 128, H = 72;

    static Path solid(Path file, int r, int g, int b, int frames) {
        try (VideoWriter v = new VideoWriter(file, W, H, 24, false, VideoWriter.Settings.TAKE)) {
            byte[] bgr = new byte[W * H * 3];
            for (int i = 0; i < bgr.length; i += 3) {
                bgr[i] = (byte) b;
                bgr[i + 1] = (byte) g;
                bgr[i + 2] = (byte) r;
            }
            for (int f = 0; f < frames; f++) v.write(bgr);
        }
        return file;
    }

    Timeline timeline(Path dir) {
        Path red = solid(dir.resolve("red.mp4"), 220, 30, 30, 20);
        Path green = solid(dir.resolve("green.mp4"), 30, 220, 30, 30);
        Path blue = solid(dir.resolve("blue.mp4"), 30, 30, 220, 20);
        return new Timeline("Colours & cuts", 24, List.of(new Track("V1", "Video", List.of(
            new Clip("a", red, 0, 10, 20, ""), Clip.gap(5), new Clip("b", green, 5, 15, 30, ""),
            new Clip("c", blue, 0, 12, 20, "")))));
    }

    @Test
    void isValidAgainstMltsDtd(@TempDir Path dir) throws Exception {
        assumeTrue(Files.exists(DTD), DTD + " is absent: skipping");
        // MLT's DTD declares "<!ELEMENT properties property >", a content model without parentheses that a strict
        // XML parser rejects (line 34); it is read with that one declaration written "(property)*"
        Path dtd = dir.resolve("mlt-xml.dtd");
        Files.writeString(dtd, Files.readString(DTD).replace("<!ELEMENT properties property >",
            "<!ELEMENT properties (property)* >"));
        String xml = MltWriter.xml(timeline(dir), W, H).replaceFirst("\\?>\n", "?>\n<!DOCTYPE mlt SYSTEM \""
            + dtd.toUri() + "\">\n");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setValidating(true);
        var builder = f.newDocumentBuilder();
        List<String> errors = new ArrayList<>();
        builder.setErrorHandler(new ErrorHandler() {
            @Override public void warning(SAXParseException e) { errors.add("warning: " + e.getMessage()); }
            @Override public void error(SAXParseException e) { errors.add(e.getLineNumber() + ": " + e.getMessage()); }
            @Override public void fatalError(SAXParseException e) throws SAXParseException { throw e; }
        });
        builder.parse(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(errors).isEmpty();
    }

    @Test
    void meltRendersTheCutWithItsFramesAndCutPoints(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("melt"), "melt is not installed (Debian package melt): skipping");
        Path mlt = dir.resolve("cut.mlt");
        MltWriter.write(timeline(dir), W, H, mlt);
        Path out = dir.resolve("out.mp4");
        Process p = new ProcessBuilder("melt", "-quiet", mlt.toString(), "-consumer", "avformat:" + out, "vcodec=libx264",
            "an=1", "crf=10").redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(log).isZero();
        byte[] rgb = frames(out);
        int n = rgb.length / (W * H * 3);
        assertThat(n).as("frames").isEqualTo(42);
        char[] seen = new char[n];
        for (int f = 0; f < n; f++) {
            int i = f * W * H * 3 + (H / 2 * W + W / 2) * 3;
            int r = rgb[i] & 255, g = rgb[i + 1] & 255, b = rgb[i + 2] & 255;
            seen[f] = r > 150 && g < 90 ? 'R' : g > 150 && r < 90 ? 'G' : b > 150 && r < 90 ? 'B'
                : r < 40 && g < 40 && b < 40 ? '.' : '?';
        }
        char[] want = new char[42];
        Arrays.fill(want, 0, 10, 'R');
        Arrays.fill(want, 10, 15, '.');
        Arrays.fill(want, 15, 30, 'G');
        Arrays.fill(want, 30, 42, 'B');
        assertThat(new String(seen)).isEqualTo(new String(want));
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) return true;
        }
        return false;
    }

    static byte[] frames(Path video) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-i", video.toString(), "-f", "rawvideo", "-pix_fmt",
            "rgb24", "-").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        assertThat(p.waitFor()).isZero();
        return out;
    }
}
