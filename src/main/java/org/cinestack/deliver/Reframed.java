package org.cinestack.deliver;

import java.io.IOException;
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
import org.cinestack.finish.Reframe;
import org.cinestack.media.MediaException;
import org.cinestack.media.VideoReader;
import org.cinestack.media.VideoWriter;

/**
 * A reframed deliverable (vertical 9:16, square 1:1): every clip's picture graded, cropped to a window of the
 * delivery's aspect and the picture's full height that follows the subject ({@link Reframe}), scaled to the delivery
 * frame (bilinear), grained, and encoded as H.264 (CRF 18, veryfast) with the mix.
 */
public final class Reframed {
    /**
     * The crop of one shot.
     *
     * @param shot      the clip's name
     * @param cropWidth the window's width in picture pixels
     * @param left      per frame the window's left edge
     * @param subject   per frame the subject's box {x, y, w, h}, or null when the take has none
     * @param kept      per frame the box the window keeps inside: the subject's, or its head's where the subject is
     *                  wider than the window; null when the take has no boxes
     */
    public record Crop(String shot, int cropWidth, int[] left, int[][] subject, int[][] kept) {
    }

    private Reframed() {
    }

    /**
     * What {@link #encode} did.
     *
     * @param crops        every clip's crop, in order
     * @param encodedShots segments encoded in this call
     * @param reusedShots  segments found in the cache
     * @param segments     the segment files the deliverable is made of, in order
     */
    public record Result(List<Crop> crops, int encodedShots, int reusedShots, List<Path> segments) {
    }

    /**
     * Writes a version's crop path beside it: a JSON array of {@link Crop}s, one a clip.
     *
     * @param crops the crops
     * @param file  the {@code .crops.json} file
     * @throws IOException when it cannot be written
     */
    public static void writeCrops(List<Crop> crops, Path file) throws IOException {
        org.cinestack.media.Staging.writeString(file, tools.jackson.databind.json.JsonMapper.builder().build()
            .writeValueAsString(crops));
    }

    /** Changes when what a reframed segment holds changes for the same inputs. */
    static final String SEGMENT_VERSION = "reframed-1";

    /**
     * Encodes the deliverable from segments, one a clip, cached like the master's ({@link Master}): a segment is
     * named by the digest of everything its pictures depend on (the take, the range used, the crop path, the frame
     * size, the grade's table, the grain, the watermark, the encoder settings), so changing one shot's grade
     * re-encodes that shot's segment alone; the segments are joined with the sound by stream copy.
     *
     * @param timeline  the cut
     * @param boxes     per clip, the subject's box per frame of the take ({x, y, w, h}), or null when unknown
     * @param heads     per clip, the subject's head box per frame, or null
     * @param width     delivery width
     * @param height    delivery height
     * @param grades    per clip, its grade's LUT (empty for none)
     * @param grain     the film's grain; each clip gets its own pattern ({@link Grain#forShot})
     * @param stereo    the mix, interleaved stereo at 48 kHz
     * @param watermark text burnt into the corner ({@link org.cinestack.finish.Watermark}), or empty for none
     * @param out       the .mp4 to write
     * @param segments  the segment cache folder (created when missing)
     * @param progress  told the frames done (cached segments count at once)
     * @return every shot's crop, and what was encoded
     * @throws MediaException when a take is shorter than its clip or encoding fails
     * @throws IOException    when the cache cannot be written
     */
    public static Result encode(Timeline timeline, List<List<int[]>> boxes, List<List<int[]>> heads, int width,
                                int height, List<Optional<CubeLut>> grades, Grain grain, float[] stereo,
                                String watermark, Path out, Path segments, IntConsumer progress) throws IOException {
        Track video = timeline.tracks().getFirst();
        int fps = timeline.fps();
        Optional<org.cinestack.finish.Watermark> mark = watermark.isBlank() ? Optional.empty()
            : Optional.of(new org.cinestack.finish.Watermark(watermark, width, height));
        List<Clip> clips = video.clips();
        List<Crop> crops = new ArrayList<>();
        for (int c = 0; c < clips.size(); c++) crops.add(crop(clips.get(c), boxes.get(c), heads.get(c), width, height, fps));
        Master.Segments made = Master.segments(clips, segments, c -> segmentKey(clips.get(c), crops.get(c), width,
            height, grades.get(c), grain, watermark, fps), ".mp4", (c, into, framesDone) -> encodeClip(clips.get(c),
            crops.get(c), width, height, fps, grades.get(c), grain, mark, into, framesDone), progress);
        List<Path> files = made.files();
        Master.join(files, width, height, fps, stereo, out, VideoWriter.Settings.SOCIAL);
        return new Result(crops, made.encoded(), made.reused(), files);
    }

    /** The crop of one clip: nothing for a gap, otherwise the window's path over the take's boxes. */
    private static Crop crop(Clip clip, List<int[]> boxes, List<int[]> heads, int width, int height, int fps) {
        if (clip.isGap()) return new Crop("gap", 0, new int[clip.durationFrames()], null, null);
        int pw, ph;
        try (VideoReader reader = new VideoReader(clip.media())) {
            pw = reader.width();
            ph = reader.height();
        }
        int cw = (int) Math.min(pw, Math.round(ph * (double) width / height));
        List<int[]> subject = from(boxes, clip), head = from(heads, clip);
        int[] left = Reframe.path(pw, cw, subject, head, clip.durationFrames(), fps);
        int[][] subj = null, kept = null;
        if (subject != null && !subject.isEmpty()) {
            subj = new int[clip.durationFrames()][];
            kept = new int[clip.durationFrames()][];
            for (int i = 0; i < subj.length; i++) {
                subj[i] = subject.get(Math.min(i, subject.size() - 1));
                kept[i] = Reframe.kept(subject, head, i, cw);
            }
        }
        return new Crop(clip.name(), cw, left, subj, kept);
    }

    /** @return the digest naming a clip's reframed segment */
    static String segmentKey(Clip clip, Crop crop, int width, int height, Optional<CubeLut> grade, Grain grain,
                             String watermark, int fps) {
        StringBuilder sb = new StringBuilder(SEGMENT_VERSION).append('\n');
        sb.append(clip.isGap() ? "gap" : clip.takeDigest() + " " + clip.name()).append(' ')
            .append(clip.sourceStartFrame()).append(' ').append(clip.durationFrames()).append('\n');
        sb.append(width).append('x').append(height).append('@').append(fps).append(' ')
            .append(VideoWriter.Settings.SOCIAL).append('\n');
        sb.append(crop.cropWidth()).append(' ').append(java.util.Arrays.toString(crop.left())).append('\n');
        sb.append(grade.map(CubeLut::text).orElse("no grade")).append('\n');
        sb.append(grain.describe()).append('\n').append("watermark ").append(watermark).append('\n');
        return org.cinestack.plan.ShotSpec.sha256(sb.toString());
    }

    /** Encodes one clip's reframed pictures, without sound: black for a gap. */
    private static void encodeClip(Clip clip, Crop crop, int width, int height, int fps, Optional<CubeLut> lut,
                                   Grain film, Optional<org.cinestack.finish.Watermark> mark, Path out,
                                   IntConsumer progress) {
        byte[] frame = new byte[width * height * 3];
        byte[] marked = mark.isPresent() ? new byte[frame.length] : null;
        try (VideoWriter writer = new VideoWriter(out, width, height, fps, false,
            VideoWriter.Settings.SOCIAL.withoutAudio())) {
            if (clip.isGap()) {
                for (int i = 0; i < clip.durationFrames(); i++) {
                    writer.write(mark.isPresent() ? mark.get().over(frame, marked) : frame);
                    progress.accept(i + 1);
                }
                return;
            }
            try (VideoReader reader = new VideoReader(clip.media())) {
                int pw = reader.width(), ph = reader.height();
                byte[] picture = new byte[pw * ph * 3];
                Optional<org.cinestack.finish.Lut8> grade = lut.map(org.cinestack.finish.Lut8::of);
                Grain grain = film.forShot(clip.name());
                for (int i = 0; i < clip.sourceStartFrame(); i++) reader.next(picture);
                for (int i = 0; i < clip.durationFrames(); i++) {
                    if (!reader.next(picture)) {
                        throw new MediaException(clip.media() + " ended after " + (clip.sourceStartFrame() + i)
                            + " frames", null);
                    }
                    if (grade.isPresent()) grade.get().applyBgr24(picture, pw * ph);
                    scale(picture, pw, crop.left()[i], crop.cropWidth(), ph, frame, width, height);
                    grain.apply(frame, width, 0, 0, width, height, i);
                    writer.write(mark.isPresent() ? mark.get().over(frame, marked) : frame);
                    progress.accept(i + 1);
                }
            }
        }
    }

    private static List<int[]> from(List<int[]> perFrame, Clip clip) {
        if (perFrame == null) return null;
        return perFrame.subList(Math.min(clip.sourceStartFrame(), perFrame.size()), perFrame.size());
    }

    /** Bilinear scaling of the window [x0, x0 + cw) x [0, ph) of a BGR picture onto the whole frame (8-bit weights). */
    static void scale(byte[] src, int pw, int x0, int cw, int ph, byte[] dst, int dw, int dh) {
        int[] xa = new int[dw], xb = new int[dw], wx = new int[dw];
        double sx = (double) cw / dw, sy = (double) ph / dh;
        for (int x = 0; x < dw; x++) {
            double fx = Math.max(0, (x + 0.5) * sx - 0.5);
            int a = Math.min((int) fx, cw - 1);
            xa[x] = (x0 + a) * 3;
            xb[x] = (x0 + Math.min(a + 1, cw - 1)) * 3;
            wx[x] = (int) Math.round((fx - a) * 256);
        }
        java.util.stream.IntStream.range(0, dh).parallel().forEach(y -> {
            double fy = Math.max(0, (y + 0.5) * sy - 0.5);
            int y0 = Math.min((int) fy, ph - 1), y1 = Math.min(y0 + 1, ph - 1);
            int wy = (int) Math.round((fy - y0) * 256);
            int r0 = y0 * pw * 3, r1 = y1 * pw * 3, o = y * dw * 3;
            for (int x = 0; x < dw; x++, o += 3) {
                int a = r0 + xa[x], b = r0 + xb[x], c = r1 + xa[x], d = r1 + xb[x], w = wx[x];
                for (int k = 0; k < 3; k++) {
                    int top = (src[a + k] & 255) * (256 - w) + (src[b + k] & 255) * w;
                    int bottom = (src[c + k] & 255) * (256 - w) + (src[d + k] & 255) * w;
                    dst[o + k] = (byte) ((top * (256 - wy) + bottom * wy + 32768) >> 16);
                }
            }
        });
    }
}
