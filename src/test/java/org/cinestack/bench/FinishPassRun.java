package org.cinestack.bench;

import java.util.Optional;

import org.cinestack.finish.FinishPass;
import org.cinestack.finish.Grade;
import org.cinestack.finish.Grain;
import org.cinestack.finish.YCbCr;

/**
 * The finishing pass as a whole process, for a side-by-side run against FFmpeg's filter chain on the same machine:
 * {@code frames} pictures of 1920x804 (a gradient with noise, made once) through the grade's 33^3 LUT, the letterbox
 * into 1920x1080 and 500T grain, nothing encoded or written. The FFmpeg counterpart (see bench/README.md):
 * {@code ffmpeg -f lavfi -i testsrc2=s=1920x1080:r=24 -frames:v N -vf format=bgr24,crop=1920:804:0:138,
 * lut3d=file=grade.cube:interp=tetrahedral,noise=alls=12:allf=t,pad=1920:1080:0:138 -f null -}.
 * <p>
 * With {@code yuv} as the second argument the same picture, converted once to planar Y'CbCr 4:2:0 (BT.601, limited
 * range, as decoded takes arrive), goes through the 4:2:0 pass ({@link FinishPass#applyYuv420}) into a 4:2:0 frame,
 * as the master's segments are made; its FFmpeg counterpart starts from yuv420p and ends in yuv420p.
 * Usage: {@code FinishPassRun <frames> [yuv | <write the grade's .cube here>]}.
 */
public final class FinishPassRun {
    private FinishPassRun() {
    }

    /**
     * @param args frame count, and optionally a path to write the grade's LUT to (for FFmpeg)
     * @throws Exception when the LUT cannot be written
     */
    public static void main(String[] args) throws Exception {
        int frames = Integer.parseInt(args[0]);
        int w = 1920, h = 1080, pw = 1920, ph = 804;
        var lut = new Grade(0.3, 0.5, 0.7, Optional.empty(), Optional.of(Grade.Preset.TEAL_ORANGE), Optional.empty())
            .compile(33);
        boolean yuv = args.length > 1 && args[1].equals("yuv");
        if (args.length > 1 && !yuv) {
            lut.write(java.nio.file.Path.of(args[1]));
            return;
        }
        byte[] picture = FinishBenchmark.picture(pw, ph);
        Grain grain = new Grain(0.3, 7, Grain.Stock.VISION3_500T);
        FinishPass pass = yuv ? FinishPass.yuv420(Optional.of(lut), YCbCr.BT601, YCbCr.BT601, grain, pw, ph, w, h)
            : new FinishPass(Optional.of(lut), grain, pw, ph, w, h);
        if (yuv) picture = YCbCr.BT601.fromBgr24(picture, pw, ph);
        byte[] frame = yuv ? FinishPass.blackYuv420(w, h) : new byte[w * h * 3];
        long t0 = System.nanoTime();
        int sum = 0;
        for (int f = 0; f < frames; f++) {
            if (yuv) pass.applyYuv420(picture, frame, f);
            else pass.apply(picture, frame, f);
            sum += frame[(f * 7919) % frame.length];
        }
        System.out.printf("%d frames in %.2f s (%d)%n", frames, (System.nanoTime() - t0) / 1e9, sum);
    }
}
