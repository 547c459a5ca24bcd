package org.cinestack.edit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.cinestack.edit.otio.Composable;
import org.cinestack.edit.otio.ExternalReference;
import org.cinestack.edit.otio.Gap;
import org.cinestack.edit.otio.OtioSerializer;
import org.cinestack.edit.otio.RationalTime;
import org.cinestack.edit.otio.Stack;
import org.cinestack.edit.otio.TimeRange;
import org.cinestack.media.Staging;

/**
 * Writes a {@link Timeline} as OpenTimelineIO JSON, through the OTIO model ({@code edit.otio}) and its serializer:
 * Timeline.1 holding a Stack.1 of Track.1, each with Clip.2 whose {@code media_references} map holds one
 * ExternalReference.1 under {@code DEFAULT_MEDIA}; times as RationalTime.1 and TimeRange.1 (OpenTimelineIO file
 * format, schema versions as written by OTIO 0.15 and later). One path writes every .otio file Cinestack makes.
 */
public final class OtioWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

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
        return OtioSerializer.toJson(toOtio(t, base));
    }

    /**
     * @param t    the edit
     * @param base the folder media URLs are made relative to, or null for {@code file:} URLs
     * @return the edit as the OTIO model
     */
    public static org.cinestack.edit.otio.Timeline toOtio(Timeline t, Path base) {
        ObjectNode meta = NODES.objectNode();
        meta.putObject("cinestack").put("fps", t.fps());
        List<Composable> tracks = new ArrayList<>();
        for (Track tr : t.tracks()) tracks.add(track(tr, t.fps(), base));
        Stack stack = new Stack("Stack.1", "tracks", NODES.objectNode(), null, List.of(), List.of(), true, tracks,
            Map.of());
        return new org.cinestack.edit.otio.Timeline("Timeline.1", t.name(), meta, time(0, t.fps()), stack, Map.of());
    }

    private static org.cinestack.edit.otio.Track track(Track tr, int fps, Path base) {
        List<Composable> children = new ArrayList<>();
        for (Clip c : tr.clips()) children.add(clip(c, fps, base));
        return new org.cinestack.edit.otio.Track("Track.1", tr.name(), NODES.objectNode(), null, List.of(), List.of(),
            true, tr.kind(), children, Map.of());
    }

    private static Composable clip(Clip c, int fps, Path base) {
        if (c.isGap()) {
            return new Gap("Gap.1", "", NODES.objectNode(), range(0, c.durationFrames(), fps), List.of(), List.of(),
                true, Map.of());
        }
        Path media = c.media().toAbsolutePath();
        String url = base != null ? base.relativize(media).toString().replace('\\', '/') : media.toUri().toString();
        ExternalReference ref = new ExternalReference("ExternalReference.1", c.media().getFileName().toString(),
            NODES.objectNode(), range(0, c.availableFrames(), fps), null, url, Map.of());
        ObjectNode meta = NODES.objectNode();
        meta.putObject("cinestack").put("take_digest", c.takeDigest());
        return new org.cinestack.edit.otio.Clip("Clip.2", c.name(), meta, range(c.sourceStartFrame(),
            c.durationFrames(), fps), List.of(), List.of(), true,
            Map.of(org.cinestack.edit.otio.Clip.DEFAULT_MEDIA, ref), org.cinestack.edit.otio.Clip.DEFAULT_MEDIA,
            Map.of());
    }

    private static TimeRange range(int start, int duration, int fps) {
        return new TimeRange(time(start, fps), time(duration, fps));
    }

    private static RationalTime time(int value, int fps) {
        return new RationalTime(value, fps);
    }
}
