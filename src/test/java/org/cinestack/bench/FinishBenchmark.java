package org.cinestack.bench;

import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.cinestack.finish.CubeLut;
import org.cinestack.finish.FinishPass;
import org.cinestack.finish.Grade;
import org.cinestack.finish.Grain;
import org.cinestack.finish.Letterbox;

/**
 * The finishing pass on one 1920x804 picture into a 1920x1080 frame, without encoding: the grade's 33^3 LUT
 * (exposure, contrast, teal-orange, skin protection), letterbox, 500T grain, on both cores. The picture is a smooth
 * gradient with noise, like graded footage (random bytes would defeat the branch predictor and caches unfairly).
 * Run with {@code bench/run FinishBenchmark}; compare with {@code ffmpeg -benchmark -f lavfi -i testsrc2=s=1920x804
 * -vf lut3d=...,noise=alls=12:allf=t,pad=1920:1080:0:138 -f null -}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FinishBenchmark {
    private static final int W = 1920, H = 1080, PW = 1920, PH = 804;
    private CubeLut lut;
    private byte[] picture;
    private byte[] work;
    private final byte[] frame = new byte[W * H * 3];
    private final Grain grain = new Grain(0.3, 7, Grain.Stock.VISION3_500T);
    private long frameNo;
    private FinishPass pass;

    @Setup(Level.Trial)
    public void setUp() {
        lut = new Grade(0.3, 0.5, 0.7, Optional.empty(), Optional.of(Grade.Preset.TEAL_ORANGE), Optional.empty())
            .compile(33);
        picture = picture(PW, PH);
        work = picture.clone();
        pass = new FinishPass(Optional.of(lut), grain, PW, PH, W, H);
    }

    /** @return a BGR24 test picture: gradients in the three channels with +-4 of seeded noise */
    static byte[] picture(int pw, int ph) {
        byte[] picture = new byte[pw * ph * 3];
        Random rnd = new Random(1);
        for (int y = 0, i = 0; y < ph; y++) {
            for (int x = 0; x < pw; x++, i += 3) {
                picture[i] = (byte) (x * 255 / pw + rnd.nextInt(9) - 4);
                picture[i + 1] = (byte) (y * 255 / ph + rnd.nextInt(9) - 4);
                picture[i + 2] = (byte) ((x + y) * 255 / (pw + ph) + rnd.nextInt(9) - 4);
            }
        }
        return picture;
    }

    /** @return a byte of the frame, so the work is not discarded: the fused pass the master uses */
    @Benchmark
    public byte finishFrame() {
        pass.apply(picture, frame, frameNo++);
        return frame[W * H * 3 / 2];
    }

    /** @return a byte of the frame: the three steps one after the other, each over the whole frame */
    @Benchmark
    public byte finishFrameInSteps() {
        System.arraycopy(picture, 0, work, 0, work.length);
        lut.applyBgr24(work, PW * PH);
        Letterbox.place(work, PW, PH, frame, W, H);
        int[] o = Letterbox.origin(PW, PH, W, H);
        grain.apply(frame, W, o[0], o[1], PW, PH, frameNo++);
        return frame[W * H * 3 / 2];
    }

    /** @return a byte of the picture: the LUT alone, in place */
    @Benchmark
    public byte lutOnly() {
        lut.applyBgr24(work, PW * PH);
        return work[PW * PH * 3 / 2];
    }

    /** @return a byte of the frame: the grain alone */
    @Benchmark
    public byte grainOnly() {
        grain.apply(frame, W, 0, 138, PW, PH, frameNo++);
        return frame[W * H * 3 / 2];
    }
}
