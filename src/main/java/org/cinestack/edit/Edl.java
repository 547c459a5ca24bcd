package org.cinestack.edit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cinestack.film.BadInputException;
import org.cinestack.film.Problem;

/**
 * CMX 3600 edit decision lists: written from a {@link Timeline}'s first video track, and read back (ours and other
 * tools': Avid, Premiere, Nucoda, Resolve dialects).
 * <p>
 * Format (CMX 3600 manual; the conventions of the OpenTimelineIO cmx_3600 adapter): a {@code TITLE:} line, {@code FCM:
 * NON-DROP FRAME}, then events {@code NNN  REEL  CHANNELS  TRANSITION [DURATION]  SRC_IN SRC_OUT REC_IN REC_OUT}, times
 * as {@code HH:MM:SS:FF} with out points exclusive; comments after an event ({@code * FROM CLIP NAME:},
 * {@code * SOURCE FILE:}) name its clip and file. We write the reel {@code AX} (a file that is not on tape), the clip
 * name and the take's path, source times from the take's first frame (00:00:00:00) and record times from 01:00:00:00.
 * <p>
 * Reading: video events ({@code V}) become clips of the timeline in record order, empty record time between them
 * becomes a gap; a dissolve or wipe ({@code D}, {@code Wnnn}) is read as a cut at its start, with a warning; audio
 * events, motion effects ({@code M2}) and other notes are kept as warnings, not lost silently. Drop-frame timecode is
 * not supported (the reader says so).
 */
public final class Edl {
    private static final String TC = "(\\d{1,2}:\\d{2}:\\d{2}[:;.]\\d{2})";
    private static final Pattern EVENT = Pattern.compile("^(\\d{1,6})\\s+(\\S+)\\s+(\\S+)\\s+(C|D|W\\d{3}|K\\s*[BO]?)"
        + "\\s+(?:(\\d{1,4})\\s+)?" + TC + "\\s+" + TC + "\\s+" + TC + "\\s+" + TC + "\\s*$");
    private static final int RECORD_START_HOURS = 1;

    /**
     * One event.
     *
     * @param number      event number
     * @param reel        reel (source tape or {@code AX}, {@code BL} for black)
     * @param channels    {@code V}, {@code A}, {@code A2}, {@code AA}, {@code B} (video and audio)...
     * @param transition  {@code C}, {@code D}, {@code Wnnn}, {@code K}
     * @param transitionFrames the transition's length, frames (0 for a cut)
     * @param sourceIn    source in, frames since 00:00:00:00
     * @param sourceOut   source out (exclusive)
     * @param recordIn    record in
     * @param recordOut   record out (exclusive)
     * @param clipName    from {@code FROM CLIP NAME}, or the reel
     * @param sourceFile  from {@code SOURCE FILE}, or empty
     * @param line        where the event is in the file
     */
    public record Event(int number, String reel, String channels, String transition, int transitionFrames,
                        int sourceIn, int sourceOut, int recordIn, int recordOut, String clipName, String sourceFile,
                        int line) {
        /** @return true when the event has picture */
        public boolean video() {
            return channels.startsWith("V") || channels.equals("B");
        }
    }

    /**
     * What was read.
     *
     * @param title    the TITLE
     * @param events   every event, in file order
     * @param timeline the video events as one track (clips and gaps in record order)
     * @param warnings what the timeline leaves out, each with its line
     */
    public record Imported(String title, List<Event> events, Timeline timeline, List<String> warnings) {
    }

    private Edl() {
    }

    // ---- writing ---------------------------------------------------------------------------------------------------

    /**
     * @param t the timeline; its first video track is written (gaps become black, reel {@code BL})
     * @return the EDL text, lines ending in CRLF as CMX systems expect
     */
    public static String text(Timeline t) {
        StringBuilder sb = new StringBuilder();
        sb.append("TITLE: ").append(t.name().replaceAll("[\\r\\n]", " ")).append("\r\n");
        sb.append("FCM: NON-DROP FRAME\r\n\r\n");
        Track v = t.tracks().stream().filter(tr -> tr.kind().equals("Video")).findFirst().orElseThrow(() ->
            new IllegalArgumentException("the timeline has no video track"));
        int rec = RECORD_START_HOURS * 3600 * t.fps(), n = 1;
        for (Clip c : v.clips()) {
            int src = c.isGap() ? 0 : c.sourceStartFrame();
            sb.append(String.format(Locale.ROOT, "%03d  %-8s V     C        %s %s %s %s\r\n", n++,
                c.isGap() ? "BL" : "AX", tc(src, t.fps()), tc(src + c.durationFrames(), t.fps()), tc(rec, t.fps()),
                tc(rec + c.durationFrames(), t.fps())));
            if (!c.isGap()) {
                sb.append("* FROM CLIP NAME: ").append(c.name()).append("\r\n");
                sb.append("* SOURCE FILE: ").append(c.media().toString().replace('\\', '/')).append("\r\n");
            }
            rec += c.durationFrames();
        }
        return sb.toString();
    }

    /**
     * @param t    the timeline
     * @param file the .edl to write
     * @throws IOException when it cannot be written
     */
    public static void write(Timeline t, Path file) throws IOException {
        Files.writeString(file, text(t), StandardCharsets.US_ASCII);
    }

    /** @return HH:MM:SS:FF of a frame count */
    static String tc(int frames, int fps) {
        int f = frames % fps, s = frames / fps;
        return String.format(Locale.ROOT, "%02d:%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60, f);
    }

    // ---- reading ---------------------------------------------------------------------------------------------------

    /**
     * Reads an EDL.
     *
     * @param file the .edl
     * @param fps  the timecode's frame rate (EDLs do not say it)
     * @return the events, the timeline and warnings
     * @throws BadInputException naming the line when it is not a readable EDL
     */
    public static Imported read(Path file, int fps) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new BadInputException(List.of(new Problem(file.toString(), 0, 0, "cannot be read: "
                + e.getMessage())));
        }
        return parse(text, file.toString(), fps, file.toAbsolutePath().getParent());
    }

    /**
     * @param text the EDL's text
     * @param name its name, for messages
     * @param fps  frame rate
     * @param base the folder relative source files are under, or null
     * @return what was read
     */
    public static Imported parse(String text, String name, int fps, Path base) {
        String title = "";
        List<Event> events = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int ln = 1; ln <= lines.length; ln++) {
            String line = lines[ln - 1].strip();
            if (line.isEmpty()) continue;
            if (line.startsWith("TITLE:")) {
                title = line.substring(6).strip();
                continue;
            }
            if (line.startsWith("FCM:")) {
                if (line.contains("DROP") && !line.contains("NON-DROP")) {
                    throw bad(name, ln, "drop-frame timecode is not supported; export the EDL as NON-DROP FRAME");
                }
                continue;
            }
            Matcher m = EVENT.matcher(line);
            if (m.matches()) {
                String tr = m.group(4).replaceAll("\\s", "");
                events.add(new Event(Integer.parseInt(m.group(1)), m.group(2), m.group(3), tr,
                    m.group(5) == null ? 0 : Integer.parseInt(m.group(5)), frames(m.group(6), fps, name, ln),
                    frames(m.group(7), fps, name, ln), frames(m.group(8), fps, name, ln),
                    frames(m.group(9), fps, name, ln), m.group(2), "", ln));
                continue;
            }
            if (Character.isDigit(line.charAt(0)) && line.matches("^\\d{1,6}\\s.*")) {
                throw bad(name, ln, "an event line needs: number, reel, channels, transition (C, D, Wnnn, K), "
                    + "optional duration, then four timecodes HH:MM:SS:FF; found '" + line + "'");
            }
            String comment = line.startsWith("*") ? line.substring(1).strip() : line;
            if (comment.startsWith("FROM CLIP NAME:") && !events.isEmpty()) {
                events.set(events.size() - 1, withName(events.getLast(), comment.substring(15).strip()));
            } else if (comment.startsWith("SOURCE FILE:") && !events.isEmpty()) {
                events.set(events.size() - 1, withFile(events.getLast(), comment.substring(12).strip()));
            } else if (line.startsWith("M2")) {
                warnings.add(name + ":" + ln + ": a motion effect (M2, speed change) is not applied: " + line);
            }
        }
        if (events.isEmpty()) throw bad(name, 1, "has no events; is it a CMX 3600 EDL?");
        List<Clip> clips = new ArrayList<>();
        int at = -1;
        for (Event e : events) {
            if (!e.video()) {
                warnings.add(name + ":" + e.line() + ": audio event " + e.number() + " (" + e.channels()
                    + ") is not in the picture timeline");
                continue;
            }
            int len = e.recordOut() - e.recordIn();
            if (len <= 0) continue;
            if (!e.transition().equals("C")) {
                warnings.add(name + ":" + e.line() + ": event " + e.number() + "'s " + (e.transition().startsWith("W")
                    ? "wipe" : e.transition().equals("D") ? "dissolve" : "key") + " of " + e.transitionFrames()
                    + " frames is read as a cut");
            }
            if (at < 0) at = e.recordIn();
            if (e.recordIn() > at) clips.add(Clip.gap(e.recordIn() - at));
            if (e.recordIn() < at) {
                warnings.add(name + ":" + e.line() + ": event " + e.number() + " overlaps the one before by "
                    + (at - e.recordIn()) + " frames; it starts where that one ends");
            }
            int start = Math.max(at, e.recordIn());
            int use = e.recordOut() - start;
            if (use <= 0) continue;
            if (e.reel().equals("BL")) {
                clips.add(Clip.gap(use));
            } else {
                Path media = e.sourceFile().isEmpty() ? Path.of(e.reel()) : Path.of(e.sourceFile());
                if (base != null && !media.isAbsolute()) media = base.resolve(media);
                int srcIn = e.sourceIn() + (start - e.recordIn());
                clips.add(new Clip(e.clipName(), media, srcIn, use, srcIn + use, ""));
            }
            at = e.recordOut();
        }
        Timeline t = new Timeline(title, fps, List.of(new Track("V1", "Video", clips)));
        return new Imported(title, events, t, warnings);
    }

    private static Event withName(Event e, String n) {
        return new Event(e.number(), e.reel(), e.channels(), e.transition(), e.transitionFrames(), e.sourceIn(),
            e.sourceOut(), e.recordIn(), e.recordOut(), n, e.sourceFile(), e.line());
    }

    private static Event withFile(Event e, String f) {
        return new Event(e.number(), e.reel(), e.channels(), e.transition(), e.transitionFrames(), e.sourceIn(),
            e.sourceOut(), e.recordIn(), e.recordOut(), e.clipName(), f, e.line());
    }

    private static int frames(String tc, int fps, String name, int ln) {
        String[] p = tc.split("[:;.]");
        int h = Integer.parseInt(p[0]), m = Integer.parseInt(p[1]), s = Integer.parseInt(p[2]),
            f = Integer.parseInt(p[3]);
        if (m > 59 || s > 59 || f >= fps) {
            throw bad(name, ln, "timecode " + tc + " is not valid at " + fps + " fps" + (f >= fps ? " (frame " + f
                + " of " + fps + "; is the rate right? pass --fps)" : ""));
        }
        return ((h * 60 + m) * 60 + s) * fps + f;
    }

    private static BadInputException bad(String name, int line, String message) {
        return new BadInputException(List.of(new Problem(name, line, 0, message)));
    }
}
