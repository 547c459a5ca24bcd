package org.cinestack.render.graph;

/**
 * Runs a graph of jobs: each once its needs are done, independent ones side by side. A failed job fails the jobs that
 * need it (and theirs), never the others. Implementations: {@link LocalJobRunner} in this process; a farm's runner
 * across machines.
 */
public interface JobRunner {
    /**
     * @param graph    the jobs
     * @param listener hears every job's events
     * @return how each job ended, once every job has
     * @throws InterruptedException when the thread running the graph is interrupted (running jobs are interrupted,
     *                              the rest never start)
     */
    GraphRun run(JobGraph graph, JobListener listener) throws InterruptedException;
}
