package org.cinestack.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.cinestack.media.VideoReader;

/**
 * What a render's pictures decode to, as digests: one line a master frame and one a take (all its frames), so a
 * change to how the render is put together can be held to the same pictures as before it. Recorded with
 * {@code -Dcinestack.recordFrames=true}.
 */
final class FrameHashes {
    private FrameHashes() {
    }

    /** @return SHA-256 (first 16 hex digits) of each decoded frame, BGR24 */
    static List<String> frames(Path video) throws Exception {
        List<String> out = new ArrayList<>();
        try (VideoReader r = new VideoReader(video)) {
            byte[] bgr = new byte[r.width() * r.height() * 3];
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            while (r.next(bgr)) out.add(HexFormat.of().formatHex(sha.digest(bgr)).substring(0, 16));
        }
        return out;
    }

    /** @return per shot id, the digest of the frames of each take under a cache folder, in take order */
    static Map<String, String> takes(Path cache) throws Exception {
        Map<String, String> out = new TreeMap<>();
        List<Path> jsons;
        try (Stream<Path> s = Files.walk(cache.resolve("takes"))) {
            jsons = s.filter(p -> p.getFileName().toString().equals("take.json")).sorted().toList();
        }
        for (Path j : jsons) {
            JsonNode n = JsonMapper.builder().build().readTree(j.toFile());
            String key = n.at("/spec/shotId").asString() + "#" + n.get("take").asInt();
            out.put(key, ShotDigest.of(frames(j.resolveSibling("take.mp4"))));
        }
        return out;
    }

    /** @return the lines: "take <shot>#<n> <digest>" then "master <frame> <digest>" */
    static List<String> lines(Path master, Path cache) throws Exception {
        List<String> out = new ArrayList<>();
        takes(cache).forEach((k, v) -> out.add("take " + k + " " + v));
        List<String> m = frames(master);
        for (int i = 0; i < m.size(); i++) out.add("master " + i + " " + m.get(i));
        return out;
    }

    /** Digest of a list of frame digests. */
    private static final class ShotDigest {
        static String of(List<String> frames) throws Exception {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(String.join("\n", frames)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 16);
        }
    }

    /** Writes the lines to a resource, or compares with it. */
    static List<String> recordOrRead(Path resource, List<String> now) throws IOException {
        if (Boolean.getBoolean("cinestack.recordFrames")) {
            Files.write(resource, now);
            return now;
        }
        return Files.readAllLines(resource);
    }
}
