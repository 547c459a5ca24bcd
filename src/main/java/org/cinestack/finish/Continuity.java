package org.cinestack.finish;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cinestack.media.VideoReader;

/**
 * Colour continuity across cuts: for each cut, the CIEDE2000 difference between the mean CIELAB colour of the last
 * frames of the outgoing shot and of the first frames of the incoming one ("one shot pulls cyan, the other
 * magenta"), before and after harmonising the incoming shot to the outgoing one.
 */
public final class Continuity {
    /** Frames sampled on each side of a cut. */
    public static final int FRAMES = 6;

    /**
     * One cut.
     *
     * @param from        the outgoing shot
     * @param to          the incoming shot
     * @param before      ΔE00 of the mean colours as cut
     * @param afterMkl    ΔE00 after matching the incoming frames to the outgoing ones (Monge-Kantorovitch)
     * @param afterReinhard ΔE00 after Reinhard's transfer in CIELAB
     * @param sameScene   true when both shots are in one scene (a cut between scenes may change colour on purpose)
     * @param flagged     true when {@code before} is above the threshold within a scene
     */
    public record Cut(String from, String to, double before, double afterMkl, double afterReinhard, boolean sameScene,
                      boolean flagged) {
    }

    private Continuity() {
    }

    /**
     * Measures every cut of a master.
     *
     * @param master     the film's master video
     * @param shots      shot ids in cut order
     * @param scenes     each shot's scene id, in order
     * @param frames     each shot's frame count, in order (the master is their concatenation)
     * @param picture    the picture area inside the frame: x, y, width, height (outside it are bars)
     * @param threshold  ΔE00 above which a cut is flagged
     * @return the cuts, in order
     */
    public static List<Cut> measure(Path master, List<String> shots, List<String> scenes, int[] frames, int[] picture,
                                    double threshold) {
        int cuts = shots.size() - 1;
        List<List<Double>> tails = new ArrayList<>(), heads = new ArrayList<>();
        for (int i = 0; i < cuts; i++) {
            tails.add(new ArrayList<>());
            heads.add(new ArrayList<>());
        }
        int[] starts = new int[frames.length + 1];
        for (int i = 0; i < frames.length; i++) starts[i + 1] = starts[i] + frames[i];
        try (VideoReader r = new VideoReader(master)) {
            byte[] bgr = new byte[r.width() * r.height() * 3];
            int f = 0, shot = 0;
            while (r.next(bgr) && shot < frames.length) {
                while (shot < frames.length && f >= starts[shot + 1]) shot++;
                if (shot >= frames.length) break;
                int intoShot = f - starts[shot], left = starts[shot + 1] - f;
                if (shot < cuts && left <= FRAMES) sample(bgr, r.width(), picture, 4, tails.get(shot));
                if (shot > 0 && intoShot < FRAMES) sample(bgr, r.width(), picture, 4, heads.get(shot - 1));
                f++;
            }
        }
        List<Cut> out = new ArrayList<>();
        for (int i = 0; i < cuts; i++) {
            double[] a = toArray(tails.get(i)), b = toArray(heads.get(i));
            if (a.length == 0 || b.length == 0) continue;
            double before = meanDifference(a, b);
            double mkl = meanDifference(a, ColourMatch.mkl(b, a).applyAll(b));
            double reinhard = meanDifference(a, ColourMatch.reinhard(b, a).applyAll(b));
            boolean same = scenes.get(i).equals(scenes.get(i + 1));
            out.add(new Cut(shots.get(i), shots.get(i + 1), before, mkl, reinhard, same, same && before > threshold));
        }
        return out;
    }

    /**
     * Colours of a shot, for harmonisation: every 8th pixel of every 8th row of 8 frames spread evenly over the first
     * {@code frames} frames of a video.
     *
     * @param video  the take
     * @param frames frames of it the cut uses, from the first
     * @return sRGB 0..1, {@code n * 3}
     * @throws org.cinestack.media.MediaException when the video cannot be read
     */
    public static double[] pixels(Path video, int frames) {
        List<Double> into = new ArrayList<>();
        java.util.Set<Integer> wanted = new java.util.HashSet<>();
        for (int k = 0; k < 8; k++) wanted.add((int) ((long) Math.max(1, frames) * (2 * k + 1) / 16));
        try (VideoReader r = new VideoReader(video)) {
            int w = r.width(), h = r.height();
            byte[] bgr = new byte[w * h * 3];
            for (int f = 0; f < frames && r.next(bgr); f++) {
                if (wanted.contains(f)) sample(bgr, w, new int[] {4, 4, w - 4, h - 4}, 8, into);
            }
        }
        return toArray(into);
    }

    /** Every {@code step}th pixel of every {@code step}th row of an area {x, y, w, h}, as sRGB 0..1. */
    private static void sample(byte[] bgr, int width, int[] pic, int step, List<Double> into) {
        for (int y = pic[1]; y < pic[1] + pic[3]; y += step) {
            for (int x = pic[0]; x < pic[0] + pic[2]; x += step) {
                int i = (y * width + x) * 3;
                into.add((bgr[i + 2] & 0xff) / 255.0);
                into.add((bgr[i + 1] & 0xff) / 255.0);
                into.add((bgr[i] & 0xff) / 255.0);
            }
        }
    }

    private static double[] toArray(List<Double> l) {
        double[] a = new double[l.size()];
        for (int i = 0; i < a.length; i++) a[i] = l.get(i);
        return a;
    }

    /**
     * @param a sRGB pixels, {@code n * 3}
     * @param b sRGB pixels
     * @return ΔE00 between their mean CIELAB colours
     */
    public static double meanDifference(double[] a, double[] b) {
        double[] la = ColourMatch.Stats.of(ColourMatch.lab(a)).mean(), lb = ColourMatch.Stats.of(ColourMatch.lab(b))
            .mean();
        return ColourDifference.ciede2000(la[0], la[1], la[2], lb[0], lb[1], lb[2]);
    }
}
