package org.cinestack.edit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a {@link Timeline} as Final Cut Pro XML 1.8 (which DaVinci Resolve and Premiere also import): a {@code format}
 * and one {@code asset} per media file under {@code resources}, then {@code library/event/project/sequence/spine} with
 * an {@code asset-clip} per clip and a {@code gap} per gap, in the elements and attributes of Apple's FCPXML
 * reference ("FCPXML Reference", developer.apple.com, version 1.8) as Final Cut Pro exports them. Times are rational
 * seconds in 1/2400 s units ({@code frameDuration="100/2400s"} at 24 fps), the timebase Final Cut Pro writes.
 * Only the first video track is written (FCPXML's primary storyline).
 */
public final class FcpxmlWriter {
    private FcpxmlWriter() {
    }

    /**
     * @param t      the timeline
     * @param width  frame width
     * @param height frame height
     * @return the XML text
     */
    public static String xml(Timeline t, int width, int height) {
        int fps = t.fps();
        Track v = t.tracks().stream().filter(tr -> tr.kind().equals("Video")).findFirst().orElseThrow(() ->
            new IllegalArgumentException("the timeline has no video track"));
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE fcpxml>\n\n");
        sb.append("<fcpxml version=\"1.8\">\n  <resources>\n");
        sb.append("    <format id=\"r1\" name=\"FFVideoFormat").append(height).append('p').append(fps)
            .append("\" frameDuration=\"").append(time(1, fps)).append("\" width=\"").append(width)
            .append("\" height=\"").append(height).append("\" colorSpace=\"1-1-1 (Rec. 709)\"/>\n");
        Map<Path, String> assets = new LinkedHashMap<>();
        Map<Path, Integer> lengths = new LinkedHashMap<>();
        for (Clip c : v.clips()) {
            if (c.isGap()) continue;
            Path m = c.media().toAbsolutePath();
            assets.putIfAbsent(m, "r" + (assets.size() + 2));
            lengths.merge(m, Math.max(c.availableFrames(), c.sourceStartFrame() + c.durationFrames()), Math::max);
        }
        for (Map.Entry<Path, String> a : assets.entrySet()) {
            sb.append("    <asset id=\"").append(a.getValue()).append("\" name=\"")
                .append(esc(a.getKey().getParent() == null ? a.getKey().getFileName().toString()
                    : a.getKey().getParent().getFileName() + "-" + a.getKey().getFileName()))
                .append("\" start=\"0s\" duration=\"").append(time(lengths.get(a.getKey()), fps))
                .append("\" hasVideo=\"1\" format=\"r1\" src=\"").append(esc(a.getKey().toUri().toString()))
                .append("\"/>\n");
        }
        sb.append("  </resources>\n  <library>\n    <event name=\"").append(esc(t.name())).append("\">\n");
        sb.append("      <project name=\"").append(esc(t.name())).append("\">\n");
        sb.append("        <sequence format=\"r1\" duration=\"").append(time(v.durationFrames(), fps))
            .append("\" tcStart=\"0s\" tcFormat=\"NDF\">\n          <spine>\n");
        int at = 0;
        for (Clip c : v.clips()) {
            if (c.isGap()) {
                sb.append("            <gap name=\"Gap\" offset=\"").append(time(at, fps)).append("\" start=\"0s\" "
                    + "duration=\"").append(time(c.durationFrames(), fps)).append("\"/>\n");
            } else {
                sb.append("            <asset-clip name=\"").append(esc(c.name())).append("\" ref=\"")
                    .append(assets.get(c.media().toAbsolutePath())).append("\" offset=\"").append(time(at, fps))
                    .append("\" start=\"").append(time(c.sourceStartFrame(), fps)).append("\" duration=\"")
                    .append(time(c.durationFrames(), fps)).append("\" tcFormat=\"NDF\"/>\n");
            }
            at += c.durationFrames();
        }
        sb.append("          </spine>\n        </sequence>\n      </project>\n    </event>\n  </library>\n</fcpxml>\n");
        return sb.toString();
    }

    /**
     * @param t      the timeline
     * @param width  frame width
     * @param height frame height
     * @param file   the .fcpxml file
     * @throws IOException when it cannot be written
     */
    public static void write(Timeline t, int width, int height, Path file) throws IOException {
        Files.writeString(file, xml(t, width, height), StandardCharsets.UTF_8);
    }

    /** @return frames as rational seconds in 1/(100 fps) units, {@code 0s} for zero */
    static String time(int frames, int fps) {
        return frames == 0 ? "0s" : (frames * 100L) + "/" + (fps * 100L) + "s";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
