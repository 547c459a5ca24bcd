package org.cinestack.render;

import java.util.function.Consumer;

/**
 * Turns a render's progress into {@link RenderEvent}s with the time left.
 * <p>
 * The time left is the work left at the rates measured so far. Work is counted in units of "a previs frame shot" (a
 * take frame rendered and encoded with its depth pass): encoding a finished frame weighs {@link #MASTER_WEIGHT} units
 * for the master, the web and the ProRes versions and {@link #REFRAMED_WEIGHT} for the vertical and square ones, and the
 * mix {@link #MIX_UNITS} units; each finished version is then decoded to check it, {@link #CHECK_SHARE} of its encoding
 * time. The current stage's frames left go at its own rate so far, blended with the rate
 * expected of it as if it had already timed {@link #PRIOR_FRAMES} frames at that rate (a picture's cost per frame
 * varies from shot to shot by a factor of two, so its first shots say little of its last). A picture to come costs
 * what a unit of the latest encoding cost (the same kind of work); before any encoding, what a take frame cost. The
 * weights are the ratios measured on the example film on 2 cores (2026-12-06, four renders: 36-40 s to shoot its 1,020
 * frames, 46-56 s to encode its master, 43-45 s its vertical version, 1.5 s to mix, {@link #TAIL_SECONDS} after).
 * Cached shots and segments go by at once and are counted as done without being timed. {@code ProgressReplayTest}
 * replays two recorded renders of the example against this.
 */
public final class RenderClock implements RenderListener {
    /** Units of encoding one frame of the master (and of the web and ProRes versions). */
    static final double MASTER_WEIGHT = 1.4;
    /** Units of encoding one frame of a reframed version (vertical, square): the crop path and a second scale. */
    static final double REFRAMED_WEIGHT = 1.15;
    /**
     * Time to decode a finished version to check it whole ({@link org.cinestack.media.Sealed}), as a share of the time
     * its frames took to encode (measured: 3.2 s to decode the example's 1,020-frame 1080p master, 46-56 s to encode
     * it).
     */
    static final double CHECK_SHARE = 0.07;
    /** Units of the mix (speech, beds, loudness, the codec's true-peak check). */
    static final double MIX_UNITS = 50;
    /** Frames an encoding stage must have timed for its rate to price the pictures after it. */
    static final int SETTLE_FRAMES = 24;
    /** Weight of the expected rate in the current stage's, in frames of its own timing. */
    static final int PRIOR_FRAMES = 300;
    /** Seconds after the last picture: the interchange files, the provenance, copying to out/ (measured: 0.9 s). */
    static final double TAIL_SECONDS = 1.0;
    /** At most this many progress events a second (stage and shot changes always go out). */
    private static final long MIN_GAP_NANOS = 100_000_000L;

    private final Consumer<RenderEvent> sink;
    private final Consumer<String> warnings;
    private volatile Consumer<org.cinestack.render.graph.JobEvent> jobs = e -> { };
    private final java.util.function.LongSupplier clock;
    private final long start;
    private RenderWork work = new RenderWork(0, false, java.util.List.of());
    private final java.util.Set<String> begun = new java.util.HashSet<>();
    private double stageTimedFrames, stageTimedSeconds; // the current stage, in frames
    private double shootTimedFrames, shootTimedSeconds; // the takes, whose rate prices the stages to come
    private double encodePerUnit = -1; // seconds a unit took in the latest encoding stage, once it settled
    private long shootFramesDone, lastSent;
    private boolean planned, mixDone;
    private String stage = "shoot", shot = "";
    private int shotIndex, shots;
    private boolean cached;
    private long framesDone, framesTotal;
    private long stageStart, unitStart;
    private double stageWeight = 1;
    private long framesCompleteAt = -1; // when the current encoding stage's last frame came, its check since

    /**
     * @param sink     receives every event
     * @param warnings receives warnings
     */
    public RenderClock(Consumer<RenderEvent> sink, Consumer<String> warnings) {
        this(sink, warnings, System::nanoTime);
    }

    /**
     * @param sink     receives every event
     * @param warnings receives warnings
     * @param clock    the time in nanoseconds ({@link System#nanoTime} but in tests)
     */
    public RenderClock(Consumer<RenderEvent> sink, Consumer<String> warnings, java.util.function.LongSupplier clock) {
        this.sink = sink;
        this.warnings = warnings;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.stageStart = start;
        this.unitStart = start;
    }

    static double weight(String stage) {
        return switch (stage) {
            case "shoot" -> 1;
            case "vertical", "square" -> REFRAMED_WEIGHT;
            default -> MASTER_WEIGHT;
        };
    }

    @Override
    public synchronized void planned(RenderWork work) {
        this.work = work;
        planned = true;
    }

    @Override
    public synchronized void stage(String name) {
        if (encoding(stage) && stageTimedFrames >= SETTLE_FRAMES) {
            encodePerUnit = stageTimedSeconds / stageTimedFrames / stageWeight;
        }
        if (stage.equals("mix")) mixDone = true;
        stage = name;
        begun.add(name);
        stageWeight = weight(name);
        stageStart = clock.getAsLong();
        unitStart = stageStart;
        stageTimedFrames = 0;
        stageTimedSeconds = 0;
        framesDone = 0;
        framesCompleteAt = -1;
        framesTotal = work.encodes().stream().filter(e -> e.stage().equals(name)).mapToLong(RenderWork.Encode::frames)
            .findFirst().orElse(0);
        shot = "";
        shotIndex = 0;
        send("stage", true);
    }

    @Override
    public synchronized void shot(int index, int shots, String shotId, int frames, int generate) {
        if (!stage.equals("shoot")) stage("shoot");
        this.shot = shotId;
        this.shotIndex = index + 1;
        this.shots = shots;
        this.cached = generate == 0;
        framesDone = cached ? frames : 0;
        framesTotal = frames;
        unitStart = clock.getAsLong();
        send("shot", true);
    }

    /** A hosted take arrived: said, but not timed (its time is the provider's queue, not this machine's work). */
    @Override
    public synchronized void hostedTake(int done, int takes, String shotId) {
        RenderEvent e = new RenderEvent("take", "shoot", shotId, done + 1, takes, 0, 0, false, 0,
            (clock.getAsLong() - start) / 1e9, eta());
        sink.accept(e);
    }

    @Override
    public synchronized void frames(int done, int total) {
        long step = done >= framesDone ? done - framesDone : done; // a smaller count: the next take of the shot
        if (step > 0) {
            advance(step, false);
            shootFramesDone += step;
        }
        framesDone = done;
        framesTotal = total;
        send("progress", done == total);
    }

    @Override
    public synchronized void master(int done, int total) {
        long step = done - framesDone;
        if (step > 0) {
            // a cached segment goes by at once: counted as done, not timed
            boolean instant = step > 1 && clock.getAsLong() - unitStart < 2_000_000L * step;
            advance(step, instant);
        }
        framesDone = done;
        framesTotal = total;
        if (done >= total && total > 0 && framesCompleteAt < 0) framesCompleteAt = clock.getAsLong();
        send("progress", done == total);
    }

    @Override
    public void warning(String text) {
        warnings.accept(text);
    }

    /**
     * @param sink hears the render's job events (queued, started, progress, cached, done, failed), as they come
     * @return this clock
     */
    public RenderClock hearingJobs(Consumer<org.cinestack.render.graph.JobEvent> sink) {
        this.jobs = sink;
        return this;
    }

    @Override
    public void job(org.cinestack.render.graph.JobEvent event) {
        jobs.accept(event);
    }

    /** The render ended: a last event with no time left. */
    public synchronized void finished() {
        framesDone = framesTotal;
        sink.accept(event("done", 0));
    }

    private void advance(long frames, boolean untimed) {
        long now = clock.getAsLong();
        double seconds = (now - unitStart) / 1e9;
        if (!untimed) {
            stageTimedFrames += frames;
            stageTimedSeconds += seconds;
            if (stage.equals("shoot")) {
                shootTimedFrames += frames;
                shootTimedSeconds += seconds;
            }
        }
        unitStart = now;
    }

    /** @return seconds left, or -1 before anything has been timed or the work is known */
    private double eta() {
        if (!planned) return -1;
        // a unit is a take frame: timed on the takes when they were shot, else on whatever was timed
        // a unit's seconds: from the takes shot, else from the last encoding, else from this encoding once it has
        // timed enough frames; before that nothing is known (the mix's time says nothing of pictures)
        double perUnit = shootTimedFrames >= SETTLE_FRAMES ? shootTimedSeconds / shootTimedFrames
            : encodePerUnit > 0 ? encodePerUnit : encoding(stage) && stageTimedFrames >= SETTLE_FRAMES
            ? stageTimedSeconds / stageTimedFrames / stageWeight : -1;
        if (perUnit < 0) return -1;
        double left = 0;
        // the current stage: its own rate so far, leaning on the expected rate until it has timed PRIOR_FRAMES frames
        // (a picture's cost per frame varies from shot to shot by a factor of two)
        double expected = stage.equals("shoot") ? perUnit : stageWeight * (encodePerUnit > 0 ? encodePerUnit : perUnit);
        double perFrame = (stageTimedSeconds + PRIOR_FRAMES * expected) / (stageTimedFrames + PRIOR_FRAMES);
        if (stage.equals("shoot")) {
            left += Math.max(0, work.shootFrames() - shootFramesDone) * perFrame;
        } else if (!stage.equals("mix")) {
            left += Math.max(0, framesTotal - framesDone) * perFrame;
            double check = framesTotal * perFrame * CHECK_SHARE; // decoding it whole once its frames are written
            left += framesCompleteAt < 0 ? check : Math.max(0, check - (clock.getAsLong() - framesCompleteAt) / 1e9);
        }
        if (work.mix() && !mixDone) left += (stage.equals("mix") ? Math.max(0, MIX_UNITS * perUnit
            - (clock.getAsLong() - stageStart) / 1e9) : MIX_UNITS * perUnit);
        // pictures to come are priced like the encoding seen last (the same kind of work), else like the takes
        double encodeUnit = encoding(stage) ? perFrame / stageWeight : encodePerUnit > 0 ? encodePerUnit : perUnit;
        for (RenderWork.Encode e : work.encodes()) {
            if (!begun.contains(e.stage())) left += e.frames() * weight(e.stage()) * encodeUnit * (1 + CHECK_SHARE);
        }
        return left + TAIL_SECONDS;
    }

    private static boolean encoding(String stage) {
        return !stage.equals("shoot") && !stage.equals("mix");
    }

    private void send(String kind, boolean always) {
        long now = clock.getAsLong();
        if (!always && now - lastSent < MIN_GAP_NANOS) return;
        lastSent = now;
        sink.accept(event(kind, eta()));
    }

    private RenderEvent event(String kind, double eta) {
        long now = clock.getAsLong();
        // frames made, not frames found in the cache
        double fps = stageTimedSeconds > 0.05 && stageTimedFrames > 0 ? stageTimedFrames / stageTimedSeconds : 0;
        return new RenderEvent(kind, stage, shot, shotIndex, shots, framesDone, framesTotal, cached, fps,
            (now - start) / 1e9, eta);
    }
}
