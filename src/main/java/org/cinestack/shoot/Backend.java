package org.cinestack.shoot;

import java.nio.file.Path;

import org.cinestack.plan.ShotSpec;

/**
 * A generation backend: turns a {@link ShotSpec} into the media of one take. Implementations: {@code previs} (built
 * in, deterministic, no GPU, no network); generative backends plug in behind the same interface.
 */
public interface Backend {

    /** @return the backend's id as used on the command line, for example {@code previs} */
    String id();

    /** @return the backend's version; part of every take's digest, so a new version makes new takes */
    String version();

    /**
     * What of a spec the backend's pictures depend on, as text; its digest names the takes. All of the spec by
     * default; a backend that reads no words leaves the prompt out, so rewording a shot remakes no take.
     *
     * @param spec the shot
     * @return canonical text
     */
    default String digestInput(ShotSpec spec) {
        return spec.canonicalJson();
    }

    /**
     * Makes one take into an empty folder: at least {@code take.mp4}; the store writes {@code take.json}.
     *
     * @param spec     the shot, with the seed of this take
     * @param folder   an empty folder to write into (a temporary folder the store moves into place afterwards)
     * @param progress told after each frame
     * @return what the backend records of the take in take.json beside the spec (for example per-frame subject boxes)
     */
    TakeRecord.Made shoot(ShotSpec spec, Path folder, Progress progress);

    /**
     * Makes take number {@code take} of a shot; backends that keep accounts of their jobs (the ledger) record the
     * number. By default the same as {@link #shoot(ShotSpec, Path, Progress)}.
     *
     * @param spec     the shot, with the seed of this take
     * @param folder   an empty folder to write into
     * @param take     the take's number, from 1
     * @param progress told after each frame
     * @return what the backend records of the take in take.json
     */
    default TakeRecord.Made shoot(ShotSpec spec, Path folder, int take, Progress progress) {
        return shoot(spec, folder, progress);
    }

    /** Receives progress of a take. */
    @FunctionalInterface
    interface Progress {
        /**
         * @param framesDone frames finished so far
         * @param frames     frames in the take
         */
        void frames(int framesDone, int frames);
    }
}
