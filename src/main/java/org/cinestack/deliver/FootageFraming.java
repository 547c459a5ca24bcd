package org.cinestack.deliver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cinestack.finish.Reframe;
import org.cinestack.media.Faces;
import org.cinestack.media.VideoReader;

/**
 * Where a vertical or square crop sits in footage Cinestack did not make, which has no subject boxes: a first pass
 * finds faces ({@link Faces}, every {@link #EVERY}th frame) and the cuts, then each shot between cuts gets the same
 * smoothed crop path as our own takes ({@link Reframe#path}), a box 1.4 faces wide around the face taken as the head
 * and one three faces wide from the head down as the subject (both centred on the face, and cut the same on both
 * sides at the picture's edge). Frames between detections take the nearest detection in the same shot; a shot
 * without any face is centred.
 * <p>
 * Cuts: the mean absolute difference of 32x18 grey thumbnails of consecutive frames above {@link #CUT_DIFFERENCE}
 * (of 255) starts a new shot.
 */
final class FootageFraming {
    /** Faces are looked for on every this many frames. */
    static final int EVERY = 3;
    /** Thumbnail difference that counts as a cut, in 8-bit code values. */
    static final double CUT_DIFFERENCE = 30;

    /**
     * The framing of some footage.
     *
     * @param left       per frame the crop window's left edge
     * @param faces      per frame the face followed ({x, y, w, h}), or null where none is known
     * @param shots      the first frame of each shot found
     * @param faceFrames frames on which a face was detected
     */
    record Framing(int[] left, int[][] faces, List<Integer> shots, int faceFrames) {
    }

    private FootageFraming() {
    }

    /**
     * @param in        the footage
     * @param cropWidth the window's width in picture pixels
     * @param fps       frame rate
     * @return the window per frame and what it followed
     */
    static Framing of(Path in, int cropWidth, int fps) {
        List<int[]> detected = new ArrayList<>();
        List<Integer> shots = new ArrayList<>(List.of(0));
        int pw, ph, frames = 0, found = 0;
        try (VideoReader r = new VideoReader(in); Faces faces = new Faces()) {
            pw = r.width();
            ph = r.height();
            byte[] picture = new byte[pw * ph * 3];
            int[] thumb = null;
            while (r.next(picture)) {
                int[] t = thumbnail(picture, pw, ph);
                if (thumb != null && difference(thumb, t) > CUT_DIFFERENCE) shots.add(frames);
                thumb = t;
                int[] face = null;
                if (frames % EVERY == 0) {
                    List<int[]> f = faces.detect(picture, pw, ph);
                    if (!f.isEmpty()) {
                        face = f.getFirst();
                        found++;
                    }
                }
                detected.add(face);
                frames++;
            }
        }
        int[] left = new int[frames];
        int[][] followed = new int[frames][];
        for (int s = 0; s < shots.size(); s++) {
            int from = shots.get(s), to = s + 1 < shots.size() ? shots.get(s + 1) : frames;
            List<int[]> subjects = new ArrayList<>(), heads = new ArrayList<>();
            int[][] near = nearest(detected, from, to);
            for (int f = from; f < to; f++) {
                int[] face = near[f - from];
                followed[f] = face;
                if (face == null) {
                    subjects.add(new int[4]); // width 0: no subject, the window is centred
                    heads.add(new int[4]);
                    continue;
                }
                // boxes centred on the face, cut the same on both sides at the picture's edge so their centre stays
                int cx = face[0] + face[2] / 2, hy = Math.max(0, face[1] - face[3] * 9 / 20);
                int headHalf = Math.min(face[2] * 7 / 10, Math.min(cx, pw - cx));
                int subjectHalf = Math.min(face[2] * 3 / 2, Math.min(cx, pw - cx));
                heads.add(new int[] {cx - headHalf, hy, 2 * headHalf, Math.min(ph - hy, face[3] * 7 / 4)});
                subjects.add(new int[] {cx - subjectHalf, hy, 2 * subjectHalf, ph - hy});
            }
            int[] path = Reframe.path(pw, cropWidth, subjects, heads, to - from, fps);
            System.arraycopy(path, 0, left, from, to - from);
        }
        return new Framing(left, followed, shots, found);
    }

    /**
     * @return for each frame of [from, to) the detection nearest to it within the shot (the earlier one on a tie),
     *         or null when the shot has none; two sweeps
     */
    private static int[][] nearest(List<int[]> detected, int from, int to) {
        int n = to - from;
        int[] before = new int[n], after = new int[n]; // the index of the last detection at or before, first at/after
        for (int i = 0, last = -1; i < n; i++) {
            if (detected.get(from + i) != null) last = i;
            before[i] = last;
        }
        for (int i = n - 1, next = -1; i >= 0; i--) {
            if (detected.get(from + i) != null) next = i;
            after[i] = next;
        }
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            int b = before[i], a = after[i];
            int pick = b < 0 ? a : a < 0 ? b : i - b <= a - i ? b : a;
            out[i] = pick < 0 ? null : detected.get(from + pick);
        }
        return out;
    }

    /** A 32x18 grey thumbnail: the mean of each block. */
    static int[] thumbnail(byte[] bgr, int w, int h) {
        int[] sum = new int[32 * 18], n = new int[32 * 18];
        for (int y = 0; y < h; y += 2) {
            int ty = y * 18 / h;
            for (int x = 0; x < w; x += 2) {
                int i = (y * w + x) * 3, t = ty * 32 + x * 32 / w;
                sum[t] += (bgr[i] & 255) + (bgr[i + 1] & 255) * 2 + (bgr[i + 2] & 255);
                n[t] += 4;
            }
        }
        for (int t = 0; t < sum.length; t++) sum[t] = n[t] == 0 ? 0 : sum[t] / n[t];
        return sum;
    }

    private static double difference(int[] a, int[] b) {
        long d = 0;
        for (int i = 0; i < a.length; i++) d += Math.abs(a[i] - b[i]);
        return (double) d / a.length;
    }
}
