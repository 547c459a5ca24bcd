package org.cinestack.render.farm;

import org.jobrunr.jobs.lambdas.JobRequestHandler;

/**
 * Runs a {@link FarmTask} on the worker that JobRunr handed it to ({@link FarmWorker} makes one a worker).
 */
public final class FarmTaskHandler implements JobRequestHandler<FarmTask> {
    private final FarmWorker worker;

    FarmTaskHandler(FarmWorker worker) {
        this.worker = worker;
    }

    @Override
    public void run(FarmTask task) throws Exception {
        worker.run(task);
    }
}
