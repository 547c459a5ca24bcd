package org.cinestack.deliver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

import org.cinestack.edit.Clip;
import org.cinestack.edit.Timeline;
import org.cinestack.edit.Track;
import org.cinestack.finish.CubeLut;
import org.cinestack.finish.Grain;
import org.cinestack.finish.FinishPass;
import org.cinestack.finish.YCbCr;
import org.cinestack.media.Concat;
import org.cinestack.media.MediaException;
import org.cinestack.media.MediaInfo;
import org.cinestack.media.VideoReader;
import org.cinestack.media.Sealed;
import org.cinestack.media.Staging;
import org.cinestack.media.VideoWriter;

/**
 * Encodes the master: every clip of the timeline's first video track decoded, graded with its own LUT, letterboxed
 * (or pillarboxed) into the delivery frame, grained, and encoded as H.264 High 4:2:0, with the mix as AAC 48 kHz
 * stereo, {@code +faststart}. The result is probed afterwards; anything but H.264 High is an error.
 * <p>
 * The master's pictures stay in the takes' own Y'CbCr 4:2:0 from decoder to encoder ({@link FinishPass#yuv420}): the
 * grade is compiled from the take's matrix to BT.601 (what the stream is tagged), the grain goes on Y' alone.
 * <p>
 * Segment cache: each clip is encoded on its own into a segment file named by the digest of everything its pictures
 * depend on (the take's media digest, the range used, the frame size, the grade's table, the grain, the encoder
 * settings). The master is the segments joined by stream copy ({@link Concat}) with the sound, so changing one shot's
 * grade re-encodes that shot alone. Segments that cannot be joined by copy (their streams differ) are decoded and
 * encoded again into one file instead.
 */
public final class Master {
    /** Changes when what a segment holds changes for the same inputs (grain, letterbox, encoder use). */
    static final String SEGMENT_VERSION = "segment-2";
    /** The same for the web and ProRes versions' segments (made through the BGR24 pass, scaled and marked). */
    static final String WEB_SEGMENT_VERSION = "web-1";

    /**
     * What {@link #encode} did.
     *
     * @param info          the probed master
     * @param encodedShots  segments encoded in this call
     * @param reusedShots   segments found in the cache
     * @param streamCopied  true when the master was joined by stream copy, false when it was encoded again
     * @param segments      the segment files the master is made of, in order
     */
    public record Result(MediaInfo info, int encodedShots, int reusedShots, boolean streamCopied,
                         List<Path> segments) {
    }

    private Master() {
    }

    /**
     * @param timeline the edit; its first track's clips are the pictures (gaps are black)
     * @param width    delivery width
     * @param height   delivery height
     * @param grades   per clip of the first track, in order, its grade's LUT (empty for none)
     * @param grain    the film's grain; each clip gets its own pattern ({@link Grain#forShot})
     * @param stereo   the mix, interleaved stereo at 48 kHz
     * @param out      the .mp4 to write
     * @param segments the segment cache folder (created when missing)
     * @param progress told the frames done so far (cached segments count at once)
     * @return what was done, with the probed facts of the written file
     * @throws MediaException when a take is shorter than its clip, larger than the frame, or encoding fails
     * @throws IOException    when the cache cannot be written
     */
    public static Result encode(Timeline timeline, int width, int height, List<Optional<CubeLut>> grades, Grain grain,
                                float[] stereo, Path out, Path segments, IntConsumer progress) throws IOException {
        Track video = timeline.tracks().getFirst();
        if (grades.size() != video.clips().size()) {
            throw new IllegalArgumentException(grades.size() + " grades for " + video.clips().size() + " clips");
        }
        List<Clip> clips = video.clips();
        Segments made = segments(clips, segments, c -> segmentKey(clips.get(c), width, height, grades.get(c), grain,
            timeline.fps()), ".mp4", (c, into, framesDone) -> encodeClip(clips.get(c), width, height, timeline.fps(),
            grades.get(c), grain, into, framesDone), progress);
        List<Path> files = made.files();
        int encoded = made.encoded(), reused = made.reused();
        boolean copied = join(files, width, height, timeline.fps(), stereo, out, VideoWriter.Settings.MASTER);
        MediaInfo info = MediaInfo.header(out); // its frames are decoded once, by the check that keeps it
        if (!"h264".equals(info.videoCodec()) || info.videoProfile() != MediaInfo.H264_HIGH) {
            throw new MediaException("the master " + out + " came out as " + info.videoCodec() + " profile "
                + info.videoProfile() + ", not H.264 High; check the FFmpeg build (libx264)", null);
        }
        return new Result(info, encoded, reused, copied, files);
    }

    /**
     * The segments of a deliverable, one a clip.
     *
     * @param files    the segment files, in clip order
     * @param encoded  how many were encoded in this call
     * @param reused   how many were found in the cache
     */
    record Segments(List<Path> files, int encoded, int reused) {
    }

    /** Encodes one clip's pictures into a file. */
    @FunctionalInterface
    interface ClipEncoder {
        /**
         * @param clip       the clip's index
         * @param into       the file to write
         * @param framesDone told the clip's frames done so far
         */
        void encode(int clip, Path into, IntConsumer framesDone);
    }

    /**
     * Makes sure every clip has its segment in the cache, encoding the missing ones.
     *
     * @param clips     the clips
     * @param folder    the segment cache folder (created when missing)
     * @param key       per clip index, the digest naming its segment (everything its pictures depend on)
     * @param extension the segments' file extension: {@code .mp4}, or {@code .mov} for ProRes
     * @param encoder   encodes a missing segment
     * @param progress  told the frames done over all clips (cached segments count at once)
     * @return the segments, and how many were encoded and reused
     * @throws IOException when the cache cannot be written
     */
    static Segments segments(List<Clip> clips, Path folder, java.util.function.IntFunction<String> key,
                             String extension, ClipEncoder encoder, IntConsumer progress) throws IOException {
        Files.createDirectories(folder);
        List<Path> files = new ArrayList<>();
        int done = 0, encoded = 0, reused = 0;
        for (int c = 0; c < clips.size(); c++) {
            Path segment = folder.resolve(key.apply(c) + extension);
            int base = done, n = c;
            int frames = clips.get(c).durationFrames();
            if (segment(segment, frames, tmp -> encoder.encode(n, tmp, f -> progress.accept(base + f)))) {
                reused++;
            } else {
                encoded++;
            }
            done += clips.get(c).durationFrames();
            progress.accept(done);
            files.add(segment);
        }
        return new Segments(List.copyOf(files), encoded, reused);
    }

    /**
     * Makes sure a segment is in the cache: when it is not (or is there without a passed check, or with another size
     * than it was checked at), {@code encode} writes it to a staged file beside it, which is decoded, compared with
     * the frames it must hold and only then takes its name ({@link Sealed}): an interrupted or damaged encode never
     * leaves a segment that is trusted.
     *
     * @param segment the segment's file in the cache
     * @param frames  the frames it must hold
     * @param encode  writes the segment to the path it is given
     * @return true when the segment was already there (its modification time is then set to now: its last use)
     * @throws IOException    when the file cannot be moved into place
     * @throws org.cinestack.media.MediaException when the segment made fails its check
     */
    static boolean segment(Path segment, int frames, java.util.function.Consumer<Path> encode) throws IOException {
        if (Sealed.trusted(segment)) {
            Files.setLastModifiedTime(segment, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
            return true;
        }
        // a name of its own: two renders making the same segment at once must not write into one file
        Path tmp = Staging.beside(segment);
        try {
            encode.accept(tmp);
            Sealed.place(tmp, segment, frames);
        } finally {
            Files.deleteIfExists(tmp); // a failed encode leaves nothing behind
        }
        return false;
    }

    /**
     * Joins segments in order with the sound: by stream copy when their streams allow it, otherwise by decoding them
     * and encoding one file.
     *
     * @param files    the segments, in order, without sound
     * @param width    their width
     * @param height   their height
     * @param fps      their frame rate
     * @param stereo   the mix, interleaved stereo at 48 kHz
     * @param out      the file to write
     * @param settings the encoder settings the segments were made with (their sound part encodes the mix)
     * @return true when joined by stream copy
     * @throws IOException when the sound's temporary file cannot be removed
     */
    static boolean join(List<Path> files, int width, int height, int fps, float[] stereo, Path out,
                        VideoWriter.Settings settings) throws IOException {
        if (!Concat.joinable(files)) {
            reencode(files, width, height, fps, stereo, out, settings);
            return false;
        }
        Path audio = Staging.beside(out.resolveSibling(out.getFileName() + (settings.prores() ? ".audio.mov"
            : ".audio.m4a")));
        try {
            VideoWriter.encodeAudio(audio, stereo, settings);
            Concat.join(files, audio, out);
        } finally {
            Files.deleteIfExists(audio);
        }
        return true;
    }

    /** @return the digest naming a clip's segment: everything its encoded pictures depend on */
    static String segmentKey(Clip clip, int width, int height, Optional<CubeLut> grade, Grain grain, int fps) {
        StringBuilder sb = new StringBuilder(SEGMENT_VERSION).append('\n');
        sb.append(clip.isGap() ? "gap" : clip.takeDigest() + " " + clip.name()).append(' ')
            .append(clip.sourceStartFrame()).append(' ').append(clip.durationFrames()).append('\n');
        sb.append(width).append('x').append(height).append('@').append(fps).append(' ')
            .append(VideoWriter.Settings.MASTER).append('\n');
        sb.append(grade.map(CubeLut::text).orElse("no grade")).append('\n');
        sb.append(grain.describe()).append('\n');
        return org.cinestack.plan.ShotSpec.sha256(sb.toString());
    }

    /** Encodes one clip's pictures, graded, letterboxed and grained, without sound. */
    private static void encodeClip(Clip clip, int width, int height, int fps, Optional<CubeLut> grade, Grain film,
                                   Path out, IntConsumer progress) {
        try (VideoWriter writer = new VideoWriter(out, width, height, fps, false,
            VideoWriter.Settings.MASTER.withoutAudio())) {
            int[] n = {0};
            finishClip(clip, width, height, grade, film, ((width | height) & 1) == 0, (frame, yuv420) -> {
                if (yuv420) writer.writeYuv420(frame);
                else writer.write(frame);
                progress.accept(++n[0]);
            });
        }
    }

    /** Takes a clip's finished frames. */
    @FunctionalInterface
    private interface Frames {
        /**
         * @param frame  the frame, valid until the next call
         * @param yuv420 true for planar Y'CbCr 4:2:0 (BT.601), false for BGR24
         */
        void accept(byte[] frame, boolean yuv420);
    }

    /**
     * Hands over one clip's finished frames in order: black for a gap; otherwise the take's frames graded, placed
     * in the delivery frame and grained with the shot's own grain. In planar Y'CbCr 4:2:0 (BT.601) when
     * {@code prefer420} and the take's size allows it (even), in BGR24 otherwise.
     */
    private static void finishClip(Clip clip, int width, int height, Optional<CubeLut> grade, Grain film,
                                   boolean prefer420, Frames frames) {
        if (clip.isGap()) {
            byte[] black = prefer420 ? FinishPass.blackYuv420(width, height) : new byte[width * height * 3];
            for (int i = 0; i < clip.durationFrames(); i++) frames.accept(black, prefer420);
            return;
        }
        Grain grain = film.forShot(clip.name());
        try (VideoReader reader = prefer420 ? VideoReader.preferring420(clip.media())
            : new VideoReader(clip.media())) {
            boolean yuv = reader.yuv420();
            byte[] frame = yuv ? FinishPass.blackYuv420(width, height) : new byte[width * height * 3];
            int pw = reader.width(), ph = reader.height();
            if (pw > width || ph > height) {
                throw new MediaException(clip.media() + " is " + pw + "x" + ph + ", larger than the delivery "
                    + "frame " + width + "x" + height, null);
            }
            byte[] picture = new byte[yuv ? pw * ph * 3 / 2 : pw * ph * 3];
            FinishPass pass = yuv ? FinishPass.yuv420(grade, YCbCr.of(reader.colourspace()), YCbCr.BT601, grain, pw,
                ph, width, height) : new FinishPass(grade, grain, pw, ph, width, height);
            for (int i = 0; i < clip.sourceStartFrame(); i++) reader.next(picture);
            for (int i = 0; i < clip.durationFrames(); i++) {
                if (!reader.next(picture)) {
                    throw new MediaException(clip.media() + " ended after " + (clip.sourceStartFrame() + i)
                        + " frames; the timeline needs " + (clip.sourceStartFrame() + clip.durationFrames()),
                        null);
                }
                if (yuv) pass.applyYuv420(picture, frame, i);
                else pass.apply(picture, frame, i);
                frames.accept(frame, yuv);
            }
        }
    }

    /**
     * @param width  the master's width
     * @param height the master's height
     * @return the web deliverable's size: the master's, brought down to fit in 1920x1080 (even sizes)
     */
    public static int[] webSize(int width, int height) {
        double fit = Math.min(1, Math.min(1920.0 / width, 1080.0 / height));
        return new int[] {(int) Math.round(width * fit) & ~1, (int) Math.round(height * fit) & ~1};
    }

    /** The web deliverable: H.264 High CRF 20, AAC 48 kHz stereo at 160 kb/s. */
    public static final VideoWriter.Settings WEB = new VideoWriter.Settings(20, "faster", 48_000, 160_000);

    /**
     * Encodes the film in one file with other settings (ProRes 422 HQ, or web H.264), from the takes through the same
     * finishing pass as the master's segments, scaled down to fit in 1920x1080 for {@link #WEB}. Both are made of
     * cached segments like the master (keyed by the master's segment key, their size, their settings and the
     * watermark: .mp4 segments for the web, .mov for ProRes) and joined by stream copy with the sound (AAC, or 24-bit
     * PCM in the .mov).
     *
     * @param timeline  the edit
     * @param width     the master's width
     * @param height    the master's height
     * @param grades    per clip, its grade's LUT
     * @param grain     the film's grain
     * @param stereo    the mix, interleaved stereo at 48 kHz
     * @param out       the file to write (.mov for ProRes, .mp4 otherwise)
     * @param settings  the encoder settings
     * @param watermark text burnt into the corner ({@link org.cinestack.finish.Watermark}), or empty for none
     * @param segments  the segment cache folder
     * @param progress  told the frames done
     * @return the segment files the deliverable is made of, in order
     * @throws MediaException when a take cannot be read or encoding fails
     * @throws IOException    when the cache cannot be written
     */
    public static List<Path> encodeVersion(Timeline timeline, int width, int height, List<Optional<CubeLut>> grades,
                                         Grain grain, float[] stereo, Path out, VideoWriter.Settings settings,
                                         String watermark, Path segments, IntConsumer progress) throws IOException {
        int[] size = settings == WEB ? webSize(width, height) : new int[] {width, height};
        int ow = size[0], oh = size[1], fps = timeline.fps();
        Optional<org.cinestack.finish.Watermark> mark = watermark.isBlank() ? Optional.empty()
            : Optional.of(new org.cinestack.finish.Watermark(watermark, ow, oh));
        List<Clip> clips = timeline.tracks().getFirst().clips();
        List<Path> files = segments(clips, segments, c -> org.cinestack.plan.ShotSpec.sha256(segmentKey(clips.get(c),
            width, height, grades.get(c), grain, fps) + "\n" + WEB_SEGMENT_VERSION + " " + settings + " " + ow + "x" + oh
            + "\nwatermark " + watermark), settings.extension(), (c, into, framesDone) -> {
                try (VideoWriter writer = new VideoWriter(into, ow, oh, fps, false, settings.withoutAudio())) {
                    writeClip(clips.get(c), width, height, ow, oh, grades.get(c), grain, mark, writer, framesDone);
                }
            }, progress).files();
        join(files, ow, oh, fps, stereo, out, settings);
        return files;
    }

    /** Writes one clip's finished frames, scaled to {@code ow x oh} and marked; tells the clip's frames done. */
    private static void writeClip(Clip clip, int width, int height, int ow, int oh, Optional<CubeLut> grade,
                                  Grain grain, Optional<org.cinestack.finish.Watermark> mark, VideoWriter writer,
                                  IntConsumer framesDone) {
        byte[] scaled = ow != width || oh != height ? new byte[ow * oh * 3] : null;
        byte[] marked = mark.isPresent() ? new byte[ow * oh * 3] : null;
        int[] n = {0};
        finishClip(clip, width, height, grade, grain, false, (frame, yuv420) -> {
            if (scaled != null) Reframed.scale(frame, width, 0, width, height, scaled, ow, oh);
            byte[] picture = scaled != null ? scaled : frame;
            writer.write(mark.isPresent() ? mark.get().over(picture, marked) : picture);
            framesDone.accept(++n[0]);
        });
    }

    /** The fallback when segments differ: decodes them in order and encodes one file with the sound. */
    private static void reencode(List<Path> files, int width, int height, int fps, float[] stereo, Path out,
                                 VideoWriter.Settings settings) {
        byte[] frame = new byte[width * height * 3];
        long frameNo = 0;
        try (VideoWriter writer = new VideoWriter(out, width, height, fps, false, settings)) {
            AudioFollow sound = new AudioFollow(writer, stereo, fps);
            for (Path f : files) {
                try (VideoReader reader = new VideoReader(f)) {
                    while (reader.next(frame)) {
                        writer.write(frame);
                        sound.after(++frameNo);
                    }
                }
            }
            sound.finish();
        }
    }
}
