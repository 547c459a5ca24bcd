package org.cinestack.dailies;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.cinestack.media.Staging;

/**
 * The dailies of one take: its metrics and its defects against the move its shot asked for, kept in {@code qa.json}
 * beside its {@code take.json} with three stills ({@link #STILLS}: its first, middle and last frame), and measured
 * again only when the take's media, its move or the rules change.
 */
public final class Dailies {
    /** Changes when the metrics or the rules change, so every take is measured again. */
    static final String VERSION = "dailies-2";
    /** The stills kept beside qa.json: the first, middle and last frame, JPEG at most 480 pixels wide. */
    public static final List<String> STILLS = List.of("still-first.jpg", "still-middle.jpg", "still-last.jpg");
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Dailies() {
    }

    /**
     * What the dailies found of one take.
     *
     * @param defects   every defect, major first
     * @param score     0..100 ({@link Rules#score})
     * @param sharpness mean variance of the Laplacian of its luma, the tie-break between equal scores
     * @param cached    true when read from {@code qa.json}, not measured now
     */
    public record Verdict(List<Defect> defects, int score, double sharpness, boolean cached) {
        /** @return true when a defect is major: the take did not get what its shot asked for */
        public boolean rejected() {
            return defects.stream().anyMatch(d -> d.severity() == Defect.Severity.MAJOR);
        }
    }

    /**
     * Measures a take, or reads what was measured of it.
     *
     * @param folder      the take's folder ({@code take.mp4}; {@code qa.json} and the stills are written there)
     * @param mediaDigest the SHA-256 of its {@code take.mp4}, as its take.json records it
     * @param move        the move its shot asked for (film.yaml's code)
     * @param fps         its frame rate
     * @param frames      its frames, as its take.json records them (where its middle and last stills are)
     * @return the verdict
     * @throws IOException when qa.json or a still cannot be written
     * @throws org.cinestack.media.MediaException when the take cannot be decoded
     */
    public static Verdict of(Path folder, String mediaDigest, String move, double fps, long frames)
        throws IOException {
        Path qa = folder.resolve("qa.json");
        if (Files.isRegularFile(qa) && STILLS.stream().allMatch(s -> Files.isRegularFile(folder.resolve(s)))) {
            try {
                JsonNode n = JSON.readTree(qa.toFile());
                if (VERSION.equals(n.path("version").asString()) && mediaDigest.equals(n.path("mediaDigest")
                    .asString()) && move.equals(n.path("move").asString())) {
                    List<Defect> defects = new ArrayList<>();
                    for (JsonNode d : n.path("defects")) {
                        defects.add(new Defect(d.path("metric").asString(), Defect.Severity.valueOf(
                            d.path("severity").asString()), d.path("words").asString()));
                    }
                    return new Verdict(List.copyOf(defects), Rules.score(defects), n.path("metrics")
                        .path("sharpness").asDouble(), true);
                }
            } catch (RuntimeException e) {
                // a damaged qa.json is measured again
            }
        }
        int n = (int) Math.max(1, frames);
        List<TakeMetrics.Still> stills = new ArrayList<>();
        TakeMetrics m = TakeMetrics.measure(folder.resolve("take.mp4"), fps, new int[] {0, n / 2, n - 1}, stills);
        for (int i = 0; i < stills.size() && i < STILLS.size(); i++) {
            Staging.writeBytes(folder.resolve(STILLS.get(i)), jpeg(stills.get(i)));
        }
        List<Defect> defects = Rules.judge(m, move);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", VERSION);
        out.put("mediaDigest", mediaDigest);
        out.put("move", move);
        out.put("units", Map.of("motion", "fractions of the frame over the take (right and down positive)",
            "flicker", "8-bit code values", "sharpness", "variance of the Laplacian of luma",
            "colourDrift", "CIEDE2000", "clipped", "% of pixels"));
        out.put("metrics", m);
        out.put("defects", defects);
        out.put("score", Rules.score(defects));
        out.put("rejected", defects.stream().anyMatch(d -> d.severity() == Defect.Severity.MAJOR));
        Staging.writeString(qa, JSON.writeValueAsString(out));
        return new Verdict(defects, Rules.score(defects), m.sharpness(), false);
    }

    /** @return a still as JPEG bytes */
    static byte[] jpeg(TakeMetrics.Still s) throws IOException {
        BufferedImage img = new BufferedImage(s.width(), s.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(s.bgr(), 0, px, 0, px.length);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", b);
        return b.toByteArray();
    }
}
