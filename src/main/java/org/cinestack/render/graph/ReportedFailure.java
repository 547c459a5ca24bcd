package org.cinestack.render.graph;

/**
 * A job's failure reported in full where the job ran (another process: a farm's worker). Its message is the whole
 * account, what was kept included, and is passed on as it is: nothing is added to it a second time.
 */
public class ReportedFailure extends RuntimeException {
    /** @param reason the account of the failure, as the process that ran the job wrote it */
    public ReportedFailure(String reason) {
        super(reason);
    }
}
