package org.cinestack.shoot.previs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

import org.cinestack.media.VideoWriter;
import org.cinestack.plan.ShotSpec;
import org.cinestack.shoot.Backend;
import org.cinestack.shoot.TakeRecord;

/**
 * The built-in previs backend: renders each take with {@link PrevisRenderer} and encodes {@code take.mp4} (H.264,
 * near-lossless) and {@code depth.mp4} (the depth pass as grey video, near is white). Records the subject's measured
 * bounding box per frame.
 *
 * <p>Frames render side by side, one lane per thread of the pool, each lane with its own renderer and buffers; the
 * calling thread encodes them in order while the other lanes go on rendering. Frames are independent, so the take's
 * bytes do not depend on the number of lanes.
 */
public final class PrevisBackend implements Backend {
    /** The backend's id, in take records, the ledger and film.yaml's {@code shoot:} section. */
    public static final String ID = "previs";
    private final ForkJoinPool pool;

    /** @param pool the threads frames are rendered on, one lane each */
    public PrevisBackend(ForkJoinPool pool) {
        this.pool = pool;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String version() {
        return "1";
    }

    /** Previs draws no words: the prompt is left out of its takes' digest. */
    @Override
    public String digestInput(ShotSpec spec) {
        return spec.withPrompt(org.cinestack.plan.ShotPrompt.NONE).canonicalJson();
    }

    @Override
    public TakeRecord.Made shoot(ShotSpec spec, Path folder, Progress progress) {
        int frames = spec.frameCount(), lanes = Math.max(1, Math.min(pool.getParallelism(), frames));
        PrevisRenderer[] renderers = new PrevisRenderer[lanes];
        PrevisFrame[] buffers = new PrevisFrame[lanes];
        ForkJoinTask<?>[] pending = new ForkJoinTask<?>[lanes];
        for (int k = 0; k < lanes; k++) {
            renderers[k] = new PrevisRenderer(spec, null);
            buffers[k] = new PrevisFrame(spec.pictureWidth(), spec.pictureHeight());
        }
        List<int[]> subject = new ArrayList<>(), head = new ArrayList<>();
        try (VideoWriter video = new VideoWriter(folder.resolve("take.mp4"), spec.pictureWidth(),
                spec.pictureHeight(), spec.fps(), false, VideoWriter.Settings.TAKE);
             VideoWriter depth = new VideoWriter(folder.resolve("depth.mp4"), spec.pictureWidth(),
                spec.pictureHeight(), spec.fps(), true, VideoWriter.Settings.DEPTH)) {
            for (int k = 0; k < lanes; k++) pending[k] = submit(renderers[k], k, buffers[k]);
            for (int i = 0; i < frames; i++) {
                int lane = i % lanes;
                PrevisFrame frame = buffers[lane];
                pending[lane].join();
                video.write(frame.bgr);
                depth.write(frame.depth);
                subject.add(frame.subjectBox.clone());
                head.add(frame.headBox.clone());
                if (i + lanes < frames) pending[lane] = submit(renderers[lane], i + lanes, frame);
                progress.frames(i + 1, frames);
            }
        } finally {
            for (ForkJoinTask<?> f : pending) if (f != null) f.quietlyJoin(); // no lane writes after we return
        }
        return TakeRecord.Made.previs("gray8 = 255 * min(1, 0.5 m / depth along the lens axis); sky = 0", subject,
            head);
    }

    private ForkJoinTask<?> submit(PrevisRenderer renderer, int index, PrevisFrame frame) {
        return pool.submit(() -> renderer.render(index, frame));
    }
}
