package org.cinestack.edit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import org.cinestack.media.Staging;

/**
 * Writes a {@link Timeline} as OpenTimelineIO JSON: Timeline.1 holding a Stack.1 of Track.1, each with Clip.2 whose
 * {@code media_references} map holds one ExternalReference.1 under {@code DEFAULT_MEDIA}; times as RationalTime.1 and
 * TimeRange.1 (OpenTimelineIO file format, schema versions as written by OTIO 0.15 and later).
 */
public final class OtioWriter {
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private OtioWriter() {
    }

    /**
     * @param timeline the edit
     * @param file     the .otio file; media paths are written relative to its folder when they can be
     * @throws IOException when the file cannot be written
     */
    public static void write(Timeline timeline, Path file) throws IOException {
        Staging.writeString(file, toJson(timeline, file.toAbsolutePath().getParent()));
    }

    /** @return the OTIO JSON text; media URLs relative to {@code base} when given */
    public static String toJson(Timeline t, Path base) {
        Map<String, Object> tl = obj("Timeline.1");
        tl.put("metadata", Map.of("cinestack", Map.of("fps", t.fps())));
        tl.put("name", t.name());
        tl.put("global_start_time", time(0, t.fps()));
        Map<String, Object> stack = obj("Stack.1");
        stack.put("metadata", Map.of());
        stack.put("name", "tracks");
        stack.put("source_range", null);
        stack.put("effects", List.of());
        stack.put("markers", List.of());
        stack.put("enabled", true);
        stack.put("children", t.tracks().stream().map(tr -> track(tr, t.fps(), base)).toList());
        tl.put("tracks", stack);
        return JSON.writeValueAsString(tl);
    }

    private static Map<String, Object> track(Track tr, int fps, Path base) {
        Map<String, Object> m = obj("Track.1");
        m.put("metadata", Map.of());
        m.put("name", tr.name());
        m.put("source_range", null);
        m.put("effects", List.of());
        m.put("markers", List.of());
        m.put("enabled", true);
        m.put("kind", tr.kind());
        m.put("children", tr.clips().stream().map(c -> clip(c, fps, base)).toList());
        return m;
    }

    private static Map<String, Object> clip(Clip c, int fps, Path base) {
        if (c.isGap()) {
            Map<String, Object> g = obj("Gap.1");
            g.put("metadata", Map.of());
            g.put("name", "");
            g.put("source_range", range(0, c.durationFrames(), fps));
            g.put("effects", List.of());
            g.put("markers", List.of());
            g.put("enabled", true);
            return g;
        }
        Map<String, Object> ref = obj("ExternalReference.1");
        ref.put("metadata", Map.of());
        ref.put("name", c.media().getFileName().toString());
        ref.put("available_range", range(0, c.availableFrames(), fps));
        ref.put("available_image_bounds", null);
        Path media = c.media().toAbsolutePath();
        String url = base != null ? base.relativize(media).toString().replace('\\', '/') : media.toUri().toString();
        ref.put("target_url", url);
        Map<String, Object> m = obj("Clip.2");
        m.put("metadata", Map.of("cinestack", Map.of("take_digest", c.takeDigest())));
        m.put("name", c.name());
        m.put("source_range", range(c.sourceStartFrame(), c.durationFrames(), fps));
        m.put("effects", List.of());
        m.put("markers", List.of());
        m.put("enabled", true);
        m.put("media_references", Map.of("DEFAULT_MEDIA", ref));
        m.put("active_media_reference_key", "DEFAULT_MEDIA");
        return m;
    }

    private static Map<String, Object> range(int start, int duration, int fps) {
        Map<String, Object> r = obj("TimeRange.1");
        r.put("duration", time(duration, fps));
        r.put("start_time", time(start, fps));
        return r;
    }

    private static Map<String, Object> time(int value, int fps) {
        Map<String, Object> t = obj("RationalTime.1");
        t.put("rate", (double) fps);
        t.put("value", (double) value);
        return t;
    }

    private static Map<String, Object> obj(String schema) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("OTIO_SCHEMA", schema);
        return m;
    }
}
