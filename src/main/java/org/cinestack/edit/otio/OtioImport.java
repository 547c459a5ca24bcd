package org.cinestack.edit.otio;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

import org.cinestack.film.Problem;

/**
 * Brings an OpenTimelineIO timeline into our {@link org.cinestack.edit.Timeline}, so an edit made elsewhere comes
 * back: each track of the timeline's stack becomes a track of clips and gaps, cut to cut, at one frame rate. What our
 * timeline cannot hold is said in a warning, never dropped silently:
 * <ul>
 * <li>Frame rate: the rate most clips and gaps are counted in (their {@code source_range}, or their media's available
 * range). Items at other rates are converted to it and rounded to whole frames, with a warning naming the rates; a
 * rate that is not a whole number (23.976) is counted as the nearest whole one, frame counts kept.</li>
 * <li>Clips: {@code sourceStartFrame} is the clip's start in its media's frames, counted from the first frame of the
 * media's available range (from zero when the reference gives none, so a timecode-based source keeps its timecode's
 * frame number); {@code availableFrames} is the available range's length (else the clip's end). Media comes from an
 * ExternalReference's {@code target_url}: {@code file:} URLs and absolute paths as they are, relative paths resolved
 * against the .otio file's folder. A clip without a local file (a MissingReference, a generator, an image sequence,
 * a remote URL) keeps its name and range without media, with a warning: our timeline plays it as a gap until it is
 * relinked. The take digest comes from {@code metadata.cinestack.take_digest}, as {@code OtioWriter} puts it.</li>
 * <li>Gaps stay gaps, one per OTIO gap. A switched-off item ({@code enabled} false) becomes a gap of its length; a
 * switched-off top-level track is left out.</li>
 * <li>Nested stacks and tracks inside a track are flattened: at each frame, the top visible layer is what the clip
 * shows.</li>
 * <li>Transitions are read as cuts (they take no time in OTIO, so nothing moves); effects (speed changes, freeze
 * frames, tools' filters) are not applied; markers are not kept; each is reported.</li>
 * </ul>
 */
public final class OtioImport {

    /**
     * An imported edit.
     *
     * @param timeline the edit in our terms
     * @param warnings what it does not hold of the OTIO timeline, in timeline order
     */
    public record Imported(org.cinestack.edit.Timeline timeline, List<String> warnings) {
        public Imported {
            warnings = List.copyOf(warnings);
        }
    }

    private OtioImport() {
    }

    /**
     * Reads a .otio file and imports its timeline.
     *
     * @param file the .otio file
     * @return the edit, with the reader's warnings first
     * @throws IOException         when it cannot be read
     * @throws OtioFormatException when it is not OTIO JSON, or holds no Timeline.1 at its top
     */
    public static Imported read(Path file) throws IOException, OtioFormatException {
        OtioReader.Document d = OtioReader.read(file);
        if (!(d.root() instanceof Timeline t)) {
            throw new OtioFormatException(List.of(new Problem(file.toString(), 1, 1, "holds a " + d.root().schema()
                + ", not a Timeline.1; export the edit itself (a timeline) from the editing tool")));
        }
        Imported i = toTimeline(t, file.toAbsolutePath().getParent());
        return new Imported(i.timeline(), Stream.concat(d.warnings().stream(), i.warnings().stream()).toList());
    }

    /**
     * @param otio   the OTIO timeline
     * @param folder the folder of the .otio file, which relative media paths are resolved against; null keeps them
     *               relative
     * @return the edit and what it leaves out
     */
    public static Imported toTimeline(Timeline otio, Path folder) {
        return new Importer(otio, folder).run();
    }

    /** One import: the chosen rate, and the warnings so far. */
    private static final class Importer {
        private static final double WHOLE = 1e-6;
        private final Timeline otio;
        private final Path folder;
        private final Set<String> warnings = new LinkedHashSet<>(); // a time is measured more than once, said once
        private double rate;

        /** A piece of a track: a clip or gap of ours, and whether it is seen (a clip, even without media) or not. */
        private record Span(org.cinestack.edit.Clip clip, boolean visible) {
            static Span gap(long frames) {
                return new Span(org.cinestack.edit.Clip.gap((int) frames), false);
            }

            long frames() {
                return clip.durationFrames();
            }

            /** @return the part of this span from {@code offset}, {@code frames} long */
            Span cut(long offset, long frames) {
                if (!visible) return gap(frames);
                org.cinestack.edit.Clip c = clip;
                return new Span(new org.cinestack.edit.Clip(c.name(), c.media(), (int) (c.sourceStartFrame() + offset),
                    (int) frames, c.availableFrames(), c.takeDigest()), true);
            }
        }

        Importer(Timeline otio, Path folder) {
            this.otio = otio;
            this.folder = folder;
        }

        Imported run() {
            int fps = chooseRate();
            Stack stack = otio.tracks();
            List<org.cinestack.edit.Track> tracks = new ArrayList<>();
            if (stack != null) {
                notes(stack, "the timeline's stack");
                for (int i = 0; i < stack.children().size(); i++) {
                    Composable c = stack.children().get(i);
                    String where = c.name() == null || c.name().isEmpty() ? describe(c) + " " + (i + 1) : describe(c);
                    if (!(c instanceof Track t)) {
                        warn(where, "stands in the timeline's stack, not in a track: left out");
                        continue;
                    }
                    notes(t, where);
                    if (!t.enabled()) {
                        warn(where, "is switched off (enabled false): left out");
                        continue;
                    }
                    long[] range = trimmed(t, where);
                    long content = content(t, where);
                    if (t.sourceRange() != null && (range[0] >= content || range[0] + range[1] <= 0)) {
                        warn(where, "has a source_range (from frame " + range[0] + ", " + range[1] + " frames) that "
                            + "shows none of its " + content + " frames of content: it is ignored, and the whole "
                            + "track imported");
                        range = new long[] {0, content};
                    }
                    List<org.cinestack.edit.Clip> clips = sequence(t.children(), range[0], range[1], where).stream()
                        .map(Span::clip).toList();
                    tracks.add(new org.cinestack.edit.Track(text(t.name()), t.kind() == null ? "Video" : t.kind(),
                        clips));
                }
            }
            return new Imported(new org.cinestack.edit.Timeline(text(otio.name()), fps, tracks), List.copyOf(warnings));
        }

        // ---- frame rate --------------------------------------------------------------------------------------------

        private int chooseRate() {
            Map<Double, List<String>> byRate = new LinkedHashMap<>();
            if (otio.tracks() != null) collectRates(otio.tracks().children(), byRate);
            if (byRate.isEmpty()) {
                JsonNode hint = otio.metadata().path("cinestack").path("fps");
                rate = otio.globalStartTime() != null && otio.globalStartTime().rate() > 0
                    ? otio.globalStartTime().rate() : hint.isNumber() && hint.doubleValue() > 0 ? hint.doubleValue()
                    : 24;
                warn("the timeline", "has no clip or gap with a frame rate; it is taken as " + number(rate)
                    + " fps");
            } else {
                int most = 0;
                for (var e : byRate.entrySet()) { // the rate of most items; on a tie, the first met
                    if (e.getValue().size() > most) {
                        most = e.getValue().size();
                        rate = e.getKey();
                    }
                }
                if (byRate.size() > 1) {
                    warn("the timeline", "mixes frame rates: " + byRate.entrySet().stream()
                        .map(e -> number(e.getKey()) + " fps (" + count(e.getValue().size(), "item")
                            + (e.getKey() == rate ? "" : ": " + sample(e.getValue())) + ")")
                        .collect(Collectors.joining(", ")) + "; all are counted at " + number(rate)
                        + " fps, rounded to whole frames");
                }
            }
            int fps = (int) Math.max(1, Math.round(rate));
            if (Math.abs(rate - fps) > WHOLE) {
                warn("the timeline", "runs at " + number(rate) + " fps; our timeline's rate is a whole number, so it "
                    + "says " + fps + " fps: frame counts are kept, and times run " + String.format(Locale.ROOT,
                    "%.2f", Math.abs(fps / rate - 1) * 100) + "% " + (fps > rate ? "fast" : "slow"));
            }
            if (otio.globalStartTime() != null && otio.globalStartTime().value() != 0) {
                warn("the timeline", "starts at " + number(otio.globalStartTime().value()) + " frames at "
                    + number(otio.globalStartTime().rate()) + " fps (global_start_time); our timeline starts at "
                    + "frame 0");
            }
            return fps;
        }

        private void collectRates(List<Composable> children, Map<Double, List<String>> byRate) {
            for (Composable c : children) {
                if (!(c instanceof Item item)) continue;
                TimeRange r = item.sourceRange() != null ? item.sourceRange() : item instanceof Clip clip
                    && clip.mediaReference() != null ? clip.mediaReference().availableRange() : null;
                if (r != null && r.duration() != null && r.duration().rate() > 0) {
                    byRate.computeIfAbsent(r.duration().rate(), k -> new ArrayList<>()).add(describe(item));
                }
                if (item instanceof Composition comp) collectRates(comp.children(), byRate);
            }
        }

        /** @return a time in frames of the timeline's rate, rounded, with a warning when it is not whole */
        private long frames(RationalTime t, String where) {
            if (t == null) return 0;
            if (!(t.rate() > 0) || !Double.isFinite(t.value())) {
                warn(where, "has a time of " + t.value() + " at rate " + t.rate() + ", which is no time: read as 0");
                return 0;
            }
            double f = t.valueAt(rate);
            long whole = Math.round(f);
            if (Math.abs(f - whole) > WHOLE) {
                warn(where, "has a time of " + number(t.value()) + " frames at " + number(t.rate()) + " fps, "
                    + number(f) + " frames at " + number(rate) + " fps: rounded to " + whole);
            }
            if (Math.abs(whole) > Integer.MAX_VALUE / 2) {
                warn(where, "has a time of " + whole + " frames, more than a timeline holds: read as 0");
                return 0;
            }
            return whole;
        }

        // ---- tracks, stacks and clips ------------------------------------------------------------------------------

        /** @return where an item's used part starts in its own time and how long it is, in frames; null if unknown */
        private long[] trimmed(Item item, String where) {
            TimeRange r = item.sourceRange();
            if (r == null && item instanceof Clip clip && clip.mediaReference() != null) {
                r = clip.mediaReference().availableRange();
            }
            if (r != null) return new long[] {frames(r.startTime(), where), frames(r.duration(), where)};
            return switch (item) {
                case Composition c -> new long[] {0, content(c, where)};
                case Clip c -> {
                    warn(where, "has neither a source_range nor a media reference with an available range, so no "
                        + "length: left out");
                    yield null;
                }
                case Gap g -> {
                    warn(where, "has no source_range, so no length: left out");
                    yield null;
                }
            };
        }

        /** @return a composition's length without its source_range: a track's items end to end, a stack's longest */
        private long content(Composition c, String where) {
            var lengths = c.children().stream().filter(Item.class::isInstance).mapToLong(i -> {
                long[] r = trimmed((Item) i, where + " > " + describe(i));
                return r == null ? 0 : r[1];
            });
            return c instanceof Track ? lengths.sum() : lengths.max().orElse(0);
        }

        /** @return a track's children played one after another, from {@code start} of its time, {@code frames} long */
        private List<Span> sequence(List<Composable> children, long start, long frames, String where) {
            List<Span> out = new ArrayList<>();
            long at = 0, end = start + frames, filled = start;
            for (int i = 0; i < children.size(); i++) {
                Composable c = children.get(i);
                if (c instanceof Transition t) {
                    warn(where + " > " + describe(t), "(" + t.transitionType() + ", " + frames(t.inOffset(), where)
                        + " frames before the cut and " + frames(t.outOffset(), where) + " after) between "
                        + neighbour(children, i, -1) + " and " + neighbour(children, i, 1) + " is read as a cut");
                    continue;
                }
                if (!(c instanceof Item item)) {
                    warn(where + " > " + describe(c), "is not understood here, so it takes no time: left out");
                    continue;
                }
                String here = where + " > " + describe(item);
                long[] r = trimmed(item, here);
                if (r == null) continue;
                long from = Math.max(at, start), to = Math.min(at + r[1], end);
                if (from < to) {
                    if (from > filled) out.add(Span.gap(from - filled));
                    out.addAll(render(item, r[0] + from - at, to - from, here));
                    filled = to;
                }
                at += r[1];
            }
            if (filled < end) out.add(Span.gap(end - filled));
            return out;
        }

        /** @return a stack's layers over each other, top visible layer first seen, over a window of its time */
        private List<Span> layers(List<Composable> children, long start, long frames, String where) {
            List<Span> out = new ArrayList<>(List.of(Span.gap(frames)));
            for (Composable c : children) {
                if (!(c instanceof Item item)) {
                    warn(where + " > " + describe(c), "is not a layer a stack can show: left out");
                    continue;
                }
                String here = where + " > " + describe(item);
                long[] r = trimmed(item, here);
                if (r == null) continue;
                long from = Math.max(0, start), to = Math.min(r[1], start + frames);
                if (from >= to) continue;
                long at = from - start;
                for (Span s : render(item, r[0] + from, to - from, here)) {
                    if (s.visible()) out = paint(out, at, s);
                    at += s.frames();
                }
            }
            return out;
        }

        /** @return the spans with {@code top} laid over them from {@code at} */
        private static List<Span> paint(List<Span> spans, long at, Span top) {
            List<Span> out = new ArrayList<>();
            long pos = 0, end = at + top.frames();
            boolean placed = false;
            for (Span s : spans) {
                long sEnd = pos + s.frames();
                if (pos < at) out.add(s.cut(0, Math.min(sEnd, at) - pos));
                if (!placed && sEnd > at) {
                    out.add(top);
                    placed = true;
                }
                if (sEnd > end) out.add(s.cut(Math.max(pos, end) - pos, sEnd - Math.max(pos, end)));
                pos = sEnd;
            }
            return out;
        }

        /** @return an item's frames from {@code start} of its own time, {@code frames} long */
        private List<Span> render(Item item, long start, long frames, String where) {
            notes(item, where);
            if (!item.enabled()) {
                warn(where, "is switched off (enabled false): read as a gap");
                return List.of(Span.gap(frames));
            }
            return switch (item) {
                case Clip c -> List.of(clip(c, start, frames, where));
                case Gap g -> List.of(Span.gap(frames));
                case Track t -> {
                    warn(where, "is a track inside a track: its clips are placed in the outer track");
                    yield sequence(t.children(), start, frames, where);
                }
                case Stack s -> {
                    warn(where, "is a nested stack: flattened to its top visible layer at each frame");
                    yield layers(s.children(), start, frames, where);
                }
            };
        }

        private Span clip(Clip c, long start, long frames, String where) {
            MediaReference ref = c.mediaReference();
            TimeRange available = ref == null ? null : ref.availableRange();
            long first = available == null ? 0 : frames(available.startTime(), where);
            long[] used = trimmed(c, where);
            long availableFrames = available != null ? frames(available.duration(), where)
                : used == null ? start + frames : used[0] + used[1] - first;
            long from = start - first;
            if (available != null && (from < 0 || from + frames > availableFrames)) {
                warn(where, "uses frames " + from + " to " + (from + frames - 1) + " of media that holds "
                    + availableFrames + " (its available range): a player holds or blacks out the rest");
            }
            JsonNode digest = c.metadata().path("cinestack").path("take_digest");
            return new Span(new org.cinestack.edit.Clip(text(c.name()), media(ref, where), (int) from, (int) frames,
                (int) availableFrames, digest.isString() ? digest.asString() : ""), true);
        }

        private Path media(MediaReference ref, String where) {
            String without = ": the clip is kept by name, without media (a gap until it is relinked)";
            switch (ref) {
                case null -> warn(where, "has no media reference" + without);
                case ExternalReference e -> {
                    Path p = e.targetUrl() == null ? null : path(e.targetUrl());
                    if (p == null) warn(where, "has media at \"" + e.targetUrl() + "\", not a local file" + without);
                    return p;
                }
                case MissingReference m -> warn(where, "has missing media (a MissingReference)" + without);
                case GeneratorReference g -> warn(where, "has generated media (" + g.generatorKind() + "), which is "
                    + "not made here" + without);
                case ImageSequenceReference s -> warn(where, "has an image sequence (" + s.targetUrlBase()
                    + s.namePrefix() + "#" + s.nameSuffix() + ") as media, which a timeline clip cannot play"
                    + without);
                case UnknownSchema u -> warn(where, "has media of a schema not understood (" + u.schema() + ")"
                    + without);
            }
            return null;
        }

        /** @return a local path for a target URL: {@code file:} URLs and paths; relative ones against the folder */
        private Path path(String url) {
            try {
                boolean drive = url.matches("^[A-Za-z]:[\\\\/].*");
                if (!drive && url.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
                    if (!url.regionMatches(true, 0, "file:", 0, 5)) return null;
                    URI u = new URI(url.replace(" ", "%20"));
                    String host = u.getHost();
                    if (host != null && !host.isEmpty() && !host.equalsIgnoreCase("localhost")) return null;
                    String p = u.getPath();
                    return Path.of(p.matches("^/[A-Za-z]:/.*") ? p.substring(1) : p);
                }
                Path p = Path.of(url);
                return p.isAbsolute() || folder == null ? p : folder.resolve(p).normalize();
            } catch (URISyntaxException | InvalidPathException e) {
                return null;
            }
        }

        /** Reports what an item carries that our timeline does not: effects and markers. */
        private void notes(Item item, String where) {
            for (Effect e : item.effects()) {
                warn(where, switch (e) {
                    case Effect.LinearTimeWarp w -> "has a speed change (x" + number(w.timeScalar())
                        + "), not applied: it plays at normal speed";
                    case Effect.FreezeFrame f -> "has a freeze frame, not applied: it plays at normal speed";
                    case Effect.Named n -> "has the effect \"" + n.effectName() + "\", not applied";
                    case UnknownSchema u -> "has an effect of a schema not understood (" + u.schema()
                        + "), not applied";
                });
            }
            if (!item.markers().isEmpty()) {
                warn(where, "has " + count(item.markers().size(), "marker") + " ("
                    + sample(item.markers().stream().map(m -> "\"" + text(m.name()) + "\"").toList())
                    + "), which our timeline does not keep");
            }
        }

        private String neighbour(List<Composable> children, int i, int step) {
            for (int j = i + step; j >= 0 && j < children.size(); j += step) {
                if (children.get(j) instanceof Item item) return describe(item);
            }
            return step < 0 ? "the track's start" : "the track's end";
        }

        private void warn(String where, String what) {
            warnings.add(where + " " + what);
        }
    }

    private static String describe(OtioObject o) {
        String kind = switch (o) {
            case Clip c -> "clip";
            case Gap g -> "gap";
            case Stack s -> "stack";
            case Track t -> "track";
            case Transition t -> "transition";
            default -> o.schema();
        };
        return o.name() == null || o.name().isEmpty() ? kind : kind + " \"" + o.name() + "\"";
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    /** @return a number without a needless ".0" */
    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
            : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String sample(List<String> names) {
        return names.size() <= 3 ? String.join(", ", names) : String.join(", ", names.subList(0, 3)) + " and "
            + (names.size() - 3) + " more";
    }
}
