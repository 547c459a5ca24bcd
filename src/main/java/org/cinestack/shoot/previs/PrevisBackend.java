package org.cinestack.shoot.previs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

import org.cinestack.media.VideoWriter;
import org.cinestack.plan.ShotSpec;
import org.cinestack.shoot.Backend;

/**
 * The built-in previs backend: renders each take with {@link PrevisRenderer} and encodes {@code take.mp4} (H.264,
 * near-lossless) and {@code depth.mp4} (the depth pass as grey video, near is white). Records the subject's measured
 * bounding box per frame.
 */
public final class PrevisBackend implements Backend {
    private final ForkJoinPool pool;

    /** @param pool the threads each frame's rows are split over */
    public PrevisBackend(ForkJoinPool pool) {
        this.pool = pool;
    }

    @Override
    public String id() {
        return "previs";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public Map<String, Object> shoot(ShotSpec spec, Path folder, Progress progress) {
        PrevisRenderer renderer = new PrevisRenderer(spec, pool);
        PrevisFrame frame = new PrevisFrame(spec.pictureWidth(), spec.pictureHeight());
        List<int[]> subject = new ArrayList<>(), head = new ArrayList<>();
        try (VideoWriter video = new VideoWriter(folder.resolve("take.mp4"), frame.width, frame.height, spec.fps(),
                false, VideoWriter.Settings.TAKE);
             VideoWriter depth = new VideoWriter(folder.resolve("depth.mp4"), frame.width, frame.height, spec.fps(),
                true, VideoWriter.Settings.DEPTH)) {
            for (int i = 0; i < spec.frameCount(); i++) {
                renderer.render(i, frame);
                video.write(frame.bgr);
                depth.write(frame.depth);
                subject.add(frame.subjectBox.clone());
                head.add(frame.headBox.clone());
                progress.frames(i + 1, spec.frameCount());
            }
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("frames", spec.frameCount());
        extra.put("depthEncoding", "gray8 = 255 * min(1, 0.5 m / depth along the lens axis); sky = 0");
        extra.put("subjectBoxes", subject);
        extra.put("headBoxes", head);
        return extra;
    }
}
