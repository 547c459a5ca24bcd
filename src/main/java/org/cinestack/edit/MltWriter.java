package org.cinestack.edit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link Timeline} as MLT XML, which {@code melt}, Kdenlive and Shotcut open: a profile for the frame, one
 * {@code avformat} producer per media file, a playlist per track (entries with inclusive {@code in}/{@code out} frames,
 * black for gaps on a video track, since melt shows a bare {@code blank} as white, and {@code blank}s on audio
 * tracks) and a tractor stacking the tracks. The structure follows MLT's DTD (mlt-xml.dtd, MLT 7)
 * and the MLT XML documentation (mltframework.org/docs/mltxml).
 */
public final class MltWriter {
    private MltWriter() {
    }

    /**
     * @param t      the timeline
     * @param width  frame width
     * @param height frame height
     * @return the XML text
     */
    public static String xml(Timeline t, int width, int height) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        sb.append("<mlt LC_NUMERIC=\"C\" version=\"7.12.0\" title=\"").append(esc(t.name()))
            .append("\" producer=\"main\">\n");
        int g = gcd(width, height);
        sb.append(String.format(Locale.ROOT, "  <profile description=\"%dx%d %d fps\" width=\"%d\" height=\"%d\" "
            + "progressive=\"1\" sample_aspect_num=\"1\" sample_aspect_den=\"1\" display_aspect_num=\"%d\" "
            + "display_aspect_den=\"%d\" frame_rate_num=\"%d\" frame_rate_den=\"1\" colorspace=\"709\"/>\n", width,
            height, t.fps(), width, height, width / g, height / g, t.fps()));
        Map<Path, String> producers = new LinkedHashMap<>();
        Map<Path, Integer> lengths = new LinkedHashMap<>();
        for (Track tr : t.tracks()) {
            for (Clip c : tr.clips()) {
                if (c.isGap()) continue;
                Path m = c.media().toAbsolutePath();
                producers.putIfAbsent(m, "producer" + producers.size());
                lengths.merge(m, Math.max(c.availableFrames(), c.sourceStartFrame() + c.durationFrames()), Math::max);
            }
        }
        for (Map.Entry<Path, String> p : producers.entrySet()) {
            int len = lengths.get(p.getKey());
            sb.append("  <producer id=\"").append(p.getValue()).append("\" in=\"0\" out=\"").append(len - 1)
                .append("\">\n");
            sb.append("    <property name=\"length\">").append(len).append("</property>\n");
            sb.append("    <property name=\"resource\">").append(esc(p.getKey().toString())).append("</property>\n");
            sb.append("    <property name=\"mlt_service\">avformat</property>\n");
            sb.append("  </producer>\n");
        }
        boolean gaps = t.tracks().stream().anyMatch(tr -> tr.kind().equals("Video") && tr.clips().stream()
            .anyMatch(Clip::isGap));
        if (gaps) {
            int total = t.tracks().stream().mapToInt(Track::durationFrames).max().orElse(1);
            sb.append("  <producer id=\"black\" in=\"0\" out=\"").append(total - 1).append("\">\n");
            sb.append("    <property name=\"length\">").append(total).append("</property>\n");
            sb.append("    <property name=\"resource\">0x000000ff</property>\n");
            sb.append("    <property name=\"mlt_service\">color</property>\n");
            sb.append("  </producer>\n");
        }
        int longest = 0;
        for (int i = 0; i < t.tracks().size(); i++) {
            Track tr = t.tracks().get(i);
            sb.append("  <playlist id=\"playlist").append(i).append("\">\n");
            sb.append("    <property name=\"cinestack:track\">").append(esc(tr.name())).append("</property>\n");
            for (Clip c : tr.clips()) {
                if (c.isGap() && tr.kind().equals("Video")) {
                    sb.append("    <entry producer=\"black\" in=\"0\" out=\"").append(c.durationFrames() - 1)
                        .append("\"/>\n");
                } else if (c.isGap()) {
                    sb.append("    <blank length=\"").append(c.durationFrames()).append("\"/>\n");
                } else {
                    sb.append("    <entry producer=\"").append(producers.get(c.media().toAbsolutePath()))
                        .append("\" in=\"").append(c.sourceStartFrame()).append("\" out=\"")
                        .append(c.sourceStartFrame() + c.durationFrames() - 1).append("\">\n");
                    sb.append("      <property name=\"cinestack:shot\">").append(esc(c.name())).append("</property>\n");
                    sb.append("    </entry>\n");
                }
            }
            sb.append("  </playlist>\n");
            longest = Math.max(longest, tr.durationFrames());
        }
        sb.append("  <tractor id=\"main\" in=\"0\" out=\"").append(Math.max(0, longest - 1)).append("\">\n");
        for (int i = 0; i < t.tracks().size(); i++) {
            sb.append("    <track producer=\"playlist").append(i).append('"')
                .append(t.tracks().get(i).kind().equals("Audio") ? " hide=\"video\"" : "").append("/>\n");
        }
        sb.append("  </tractor>\n</mlt>\n");
        return sb.toString();
    }

    /**
     * @param t      the timeline
     * @param width  frame width
     * @param height frame height
     * @param file   the .mlt file
     * @throws IOException when it cannot be written
     */
    public static void write(Timeline t, int width, int height, Path file) throws IOException {
        Files.writeString(file, xml(t, width, height), StandardCharsets.UTF_8);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
