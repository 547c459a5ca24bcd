package org.cinestack.edit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cinestack.edit.otio.OtioFormatException;
import org.cinestack.edit.otio.OtioImport;
import org.cinestack.film.BadInputException;
import org.cinestack.film.Problem;
import org.cinestack.shoot.Take;

/**
 * An edit made elsewhere, brought back: {@code render --edit cut.otio} (or a CMX 3600 {@code .edl}) re-cuts the film
 * the way an editor changed our exported timeline, in Resolve, Premiere, Kdenlive or by hand. Each clip of the edit's
 * first video track names a shot (our exports name clips by shot id: OTIO clip names, the EDL's
 * {@code * FROM CLIP NAME}); its source range is in the frames of that shot's take, as exported. The clips are
 * played from the circled takes, in the edit's order, with the edit's trims; shots may be dropped, repeated or
 * reordered, and gaps stay black.
 * <p>
 * The sound follows the picture as a sync-locked edit would: each clip takes the mix (and each stem) under the same
 * frames of its shot in the film's own cut, so lines stay in sync with lips; the joins get 10 ms fades, and the
 * master is normalised and limited to the delivery target again.
 */
public final class Recut {
    /** Fade at each join of the recut sound, seconds. */
    static final double JOIN_FADE_SECONDS = 0.010;

    /**
     * The edit as read.
     *
     * @param timeline the edit's clips and gaps
     * @param warnings what the reader left out (transitions, effects...)
     * @param file     the file read
     * @param digest   SHA-256 of its bytes as read, for the provenance record
     */
    public record Edit(Timeline timeline, List<String> warnings, Path file, String digest) {
    }

    private Recut() {
    }

    /**
     * @param file an {@code .otio} or {@code .edl} file
     * @param fps  the film's frame rate (an EDL's timecode rate)
     * @return the edit
     * @throws BadInputException when the file is missing, of another kind, or not readable as its kind
     */
    public static Edit read(Path file, int fps) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(List.of(new Problem(file.toString(), 0, 0, "no such file; give the .otio or "
                + ".edl exported from the editing tool")));
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String digest;
        try {
            digest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new BadInputException(List.of(new Problem(file.toString(), 0, 0, "cannot be read: "
                + e.getMessage())));
        }
        if (name.endsWith(".edl")) {
            Edl.Imported e = Edl.read(file, fps);
            return new Edit(e.timeline(), e.warnings(), file, digest);
        }
        if (!name.endsWith(".otio")) {
            throw new BadInputException(List.of(new Problem(file.toString(), 0, 0, "is neither an OpenTimelineIO "
                + "(.otio) nor a CMX 3600 (.edl) file; export the edit in one of those")));
        }
        try {
            OtioImport.Imported i = OtioImport.read(file);
            return new Edit(i.timeline(), i.warnings(), file, digest);
        } catch (OtioFormatException e) {
            throw new BadInputException(e.problems());
        } catch (IOException e) {
            throw new BadInputException(List.of(new Problem(file.toString(), 0, 0, "cannot be read: "
                + e.getMessage())));
        }
    }

    /**
     * The edit played from our takes.
     *
     * @param edit      the edit
     * @param title     the timeline's name (the film's title)
     * @param fps       the film's frame rate
     * @param shotIds   the film's shots in its own order
     * @param takes     the circled take of each shot, same order; null to check the edit alone (before shooting:
     *                  the clips then have no media)
     * @param frames    each shot's frame count in the film's own cut, same order
     * @return a timeline of one video track whose clips are takes (named by shot id) and gaps
     * @throws BadInputException when a clip names no shot or runs past its take, or the edit has no picture
     */
    public static Timeline conform(Edit edit, String title, int fps, List<String> shotIds, List<Take> takes, int[] frames) {
        Path file = edit.file();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < shotIds.size(); i++) index.put(shotIds.get(i), i);
        Track video = edit.timeline().tracks().stream().filter(t -> t.kind().equals("Video")).findFirst()
            .orElse(null);
        List<Problem> problems = new ArrayList<>();
        List<Clip> clips = new ArrayList<>();
        if (video == null || video.clips().stream().allMatch(Clip::isGap)) {
            problems.add(new Problem(file.toString(), 0, 0, "holds no video clips; export the film's edit with its "
                + "picture track"));
        } else {
            for (Clip c : video.clips()) {
                if (c.isGap() && !index.containsKey(c.name())) {
                    clips.add(Clip.gap(c.durationFrames()));
                    continue;
                }
                Integer shot = index.get(c.name());
                if (shot == null) {
                    problems.add(new Problem(file.toString(), 0, 0, "clip '" + c.name() + "' names no shot of the "
                        + "film; clips must keep the shot ids they were exported with (known: "
                        + String.join(", ", shotIds) + ")"));
                    continue;
                }
                int end = c.sourceStartFrame() + c.durationFrames();
                if (c.sourceStartFrame() < 0 || end > frames[shot]) {
                    problems.add(new Problem(file.toString(), 0, 0, String.format(Locale.ROOT, "clip '%s' uses frames "
                        + "%d..%d of its take, which has %d; extend the shot's duration in film.yaml or trim the clip",
                        c.name(), c.sourceStartFrame(), end - 1, frames[shot])));
                    continue;
                }
                Take t = takes == null ? null : takes.get(shot);
                clips.add(new Clip(c.name(), t == null ? null : t.media(), c.sourceStartFrame(), c.durationFrames(),
                    frames[shot], t == null ? "" : t.mediaDigest()));
            }
        }
        if (!problems.isEmpty()) throw new BadInputException(problems);
        return new Timeline(title, fps, List.of(new Track("V1", "Video", clips)));
    }

    /**
     * Cuts a sound made for the film's own cut to the edit.
     *
     * @param stereo  interleaved stereo for the film's own cut
     * @param cut     the recut timeline ({@link #conform})
     * @param shotIds the film's shots in its own order
     * @param frames  each shot's frame count in the film's own cut
     * @param fps     frame rate
     * @param rate    the sound's sample rate, Hz
     * @return interleaved stereo for the recut, as long as its picture
     */
    public static float[] sound(float[] stereo, Timeline cut, List<String> shotIds, int[] frames, int fps, int rate) {
        long[] start = new long[frames.length]; // each shot's first frame in the film's own cut
        for (int i = 1; i < frames.length; i++) start[i] = start[i - 1] + frames[i - 1];
        Track video = cut.tracks().getFirst();
        float[] out = new float[(int) (2L * video.durationFrames() * rate / fps)];
        int fade = (int) Math.round(JOIN_FADE_SECONDS * rate);
        long at = 0;
        for (Clip c : video.clips()) {
            long from = at * rate / fps, to = (at + c.durationFrames()) * rate / fps;
            at += c.durationFrames();
            if (c.isGap()) continue;
            long source = (start[shotIds.indexOf(c.name())] + c.sourceStartFrame()) * rate / fps;
            int n = (int) (to - from);
            for (int k = 0; k < n; k++) {
                long s = source + k;
                if (2 * s + 1 >= stereo.length) break;
                float g = (float) Math.min(1.0, Math.min((k + 0.5) / fade, (n - k - 0.5) / fade));
                out[(int) (2 * (from + k))] = stereo[(int) (2 * s)] * g;
                out[(int) (2 * (from + k) + 1)] = stereo[(int) (2 * s + 1)] * g;
            }
        }
        return out;
    }
}
