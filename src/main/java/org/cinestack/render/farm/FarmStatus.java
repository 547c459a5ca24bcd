package org.cinestack.render.farm;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jobrunr.storage.BackgroundJobServerStatus;

/**
 * A farm's state at one moment: its workers, as JobRunr's heartbeats know them, and its render jobs by state.
 *
 * @param workers every worker that announced itself and has not been cleared away
 * @param counts  render jobs in each state
 * @param notable the running and failed jobs, the most recently changed first (at most 50)
 */
public record FarmStatus(List<Worker> workers, Map<JobTable.State, Long> counts, List<JobTable.Row> notable) {
    /**
     * One worker.
     *
     * @param name              "host/pid"
     * @param alive             true while it runs
     * @param threads           jobs it runs at once
     * @param secondsSinceHeard seconds since its last heartbeat
     */
    public record Worker(String name, boolean alive, int threads, long secondsSinceHeard) {
    }

    /**
     * @param farm the farm
     * @return its state now
     */
    public static FarmStatus of(Farm farm) {
        Instant now = Instant.now();
        List<Worker> workers = farm.storage().getBackgroundJobServers().stream()
            .map((BackgroundJobServerStatus s) -> new Worker(s.getName(), s.isRunning(), s.getWorkerPoolSize(),
                Duration.between(s.getLastHeartbeat(), now).toSeconds())).toList();
        List<JobTable.Row> notable = farm.table().recent(500).stream()
            .filter(r -> r.state() == JobTable.State.RUNNING || r.state() == JobTable.State.FAILED).limit(50).toList();
        return new FarmStatus(workers, farm.table().counts(), notable);
    }
}
