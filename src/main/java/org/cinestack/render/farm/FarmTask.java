package org.cinestack.render.farm;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * One attempt of one render job, as JobRunr queues it: what a worker needs to rebuild the render and find the job.
 *
 * @param render  the render, as workers rebuild it
 * @param jobId   the job's id in the render's graph
 * @param attempt the attempt, from 1 ({@link JobTable})
 */
public record FarmTask(RenderRequest render, String jobId, int attempt) implements JobRequest {
    @Override
    public Class<FarmTaskHandler> getJobRequestHandler() {
        return FarmTaskHandler.class;
    }
}
