package org.cinestack.render.farm;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

import javax.sql.DataSource;

import org.cinestack.render.graph.Job;

/**
 * The farm's record of each render job, one row a job id in the table {@code cinestack_farm_jobs}: its state, its
 * attempt, how far it is, the worker running it and why it failed. JobRunr queues and hands out the work; this table
 * is what a render follows and what a worker reads to know whether a job's needs are done.
 * <p>
 * A job id is the digest of the job's inputs, so a row that is {@link State#DONE} or {@link State#CACHED} stays done:
 * rendering the same film again queues none of its finished work. A {@link State#FAILED} job is tried again, as a new
 * attempt, the next time a render plans it. Every change names the attempt it is about, so a worker still running an
 * older attempt changes nothing.
 */
public final class JobTable {
    /** Where a job is. */
    public enum State {
        /** Planned by a render, waiting for what it needs. */
        PLANNED,
        /** Handed to the queue; a worker will take it. */
        QUEUED,
        /** A worker runs it. */
        RUNNING,
        /** It made its result. */
        DONE,
        /** Its result was in the cache: nothing was made. */
        CACHED,
        /** It failed; {@link Row#reason()} says why. */
        FAILED;

        /** @return true for {@link #DONE} and {@link #CACHED} */
        public boolean succeeded() {
            return this == DONE || this == CACHED;
        }

        /** @return true for a job that has ended, well or not */
        public boolean ended() {
            return succeeded() || this == FAILED;
        }
    }

    /**
     * One job's row.
     *
     * @param jobId     the job's id
     * @param label     "shoot s1-tower"
     * @param state     where it is
     * @param attempt   its attempt, from 1
     * @param done      units done (frames), as its worker last said
     * @param total     units in all
     * @param worker    the worker running or that ran it, or null
     * @param reason    why it failed, or null
     * @param startedAt when its worker started it, or null
     * @param updatedAt when its row last changed
     */
    public record Row(String jobId, String label, State state, int attempt, long done, long total, String worker,
                      String reason, Instant startedAt, Instant updatedAt) {
    }

    private final DataSource data;
    private final Farm farm;

    JobTable(DataSource data, Farm farm) {
        this.data = data;
        this.farm = farm;
        try (Connection c = data.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                CREATE TABLE IF NOT EXISTS cinestack_farm_jobs (
                  job_id text PRIMARY KEY,
                  label text NOT NULL,
                  state text NOT NULL,
                  attempt integer NOT NULL,
                  done bigint NOT NULL DEFAULT 0,
                  total bigint NOT NULL DEFAULT 0,
                  worker text,
                  reason text,
                  started_at timestamptz,
                  updated_at timestamptz NOT NULL DEFAULT now())""");
        } catch (SQLException e) {
            throw failed("create the farm's job table", e);
        }
    }

    /**
     * Plans a job: a new row, or a new attempt of a job that failed. A job already done, or planned, queued or
     * running (by another render, or one that stopped) is left as it is.
     *
     * @param job the job
     * @return its row after planning
     */
    public Row plan(Job job) {
        try (Connection c = data.getConnection()) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO cinestack_farm_jobs (job_id, label, state, "
                + "attempt) VALUES (?, ?, 'PLANNED', 1) ON CONFLICT (job_id) DO NOTHING")) {
                p.setString(1, job.id());
                p.setString(2, job.label());
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE cinestack_farm_jobs SET state = 'PLANNED', "
                + "attempt = attempt + 1, done = 0, total = 0, worker = NULL, reason = NULL, started_at = NULL, "
                + "updated_at = now() WHERE job_id = ? AND state = 'FAILED'")) {
                p.setString(1, job.id());
                p.executeUpdate();
            }
            return rows(c, java.util.List.of(job.id())).get(job.id());
        } catch (SQLException e) {
            throw failed("plan " + job.label(), e);
        }
    }

    /**
     * @param ids job ids
     * @return the rows of those that have one, by id
     */
    public Map<String, Row> rows(Collection<String> ids) {
        try (Connection c = data.getConnection()) {
            return rows(c, ids);
        } catch (SQLException e) {
            throw failed("read the jobs' states", e);
        }
    }

    private static Map<String, Row> rows(Connection c, Collection<String> ids) throws SQLException {
        Map<String, Row> rows = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT job_id, label, state, attempt, done, total, worker, "
            + "reason, started_at, updated_at FROM cinestack_farm_jobs WHERE job_id = ANY (?)")) {
            p.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    Timestamp started = r.getTimestamp(9);
                    rows.put(r.getString(1), new Row(r.getString(1), r.getString(2), State.valueOf(r.getString(3)),
                        r.getInt(4), r.getLong(5), r.getLong(6), r.getString(7), r.getString(8),
                        started == null ? null : started.toInstant(), r.getTimestamp(10).toInstant()));
                }
            }
        }
        return rows;
    }

    /** @return every row, the most recently changed first, at most {@code limit} */
    public java.util.List<Row> recent(int limit) {
        try (Connection c = data.getConnection(); PreparedStatement p = c.prepareStatement("SELECT job_id FROM "
            + "cinestack_farm_jobs ORDER BY updated_at DESC LIMIT ?")) {
            p.setInt(1, limit);
            java.util.List<String> ids = new java.util.ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) ids.add(r.getString(1));
            }
            Map<String, Row> rows = rows(c, ids);
            return ids.stream().map(rows::get).filter(java.util.Objects::nonNull).toList();
        } catch (SQLException e) {
            throw failed("read the jobs", e);
        }
    }

    /** @return how many jobs are in each state */
    public Map<State, Long> counts() {
        Map<State, Long> counts = new java.util.EnumMap<>(State.class);
        for (State s : State.values()) counts.put(s, 0L);
        try (Connection c = data.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT state, count(*) FROM cinestack_farm_jobs GROUP BY state")) {
            while (r.next()) counts.put(State.valueOf(r.getString(1)), r.getLong(2));
        } catch (SQLException e) {
            throw failed("count the jobs", e);
        }
        return counts;
    }

    /**
     * Moves a planned job to the queue; of everyone who asks at once, one gets it.
     *
     * @param jobId the job
     * @return its attempt when this caller moved it, empty when it was not planned (queued already, or ended)
     */
    OptionalInt claim(String jobId) {
        try (Connection c = data.getConnection(); PreparedStatement p = c.prepareStatement("UPDATE "
            + "cinestack_farm_jobs SET state = 'QUEUED', updated_at = now() WHERE job_id = ? AND state = 'PLANNED' "
            + "RETURNING attempt")) {
            p.setString(1, jobId);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? OptionalInt.of(r.getInt(1)) : OptionalInt.empty();
            }
        } catch (SQLException e) {
            throw failed("queue job " + jobId, e);
        }
    }

    /**
     * A worker starts a job's attempt (again, when the worker before it stopped).
     *
     * @return false when the attempt is no longer the job's, or it has ended: the worker then leaves it
     */
    boolean start(String jobId, int attempt, String worker) {
        return update("start job " + jobId, "UPDATE cinestack_farm_jobs SET state = 'RUNNING', worker = ?, done = 0, "
            + "started_at = now(), updated_at = now() WHERE job_id = ? AND attempt = ? AND state IN ('QUEUED', "
            + "'RUNNING')", worker, jobId, attempt) == 1;
    }

    /** Says how far a running attempt is. */
    void progress(String jobId, int attempt, long done, long total) {
        update("record progress of job " + jobId, "UPDATE cinestack_farm_jobs SET done = ?, total = ?, "
            + "updated_at = now() WHERE job_id = ? AND attempt = ? AND state = 'RUNNING'", done, total, jobId, attempt);
    }

    /**
     * Ends an attempt.
     *
     * @param state  {@link State#DONE}, {@link State#CACHED} or {@link State#FAILED}
     * @param reason why it failed, or null
     * @return false when the attempt was no longer the job's, or had ended already
     */
    boolean end(String jobId, int attempt, State state, String reason) {
        return update("record the end of job " + jobId, "UPDATE cinestack_farm_jobs SET state = ?, reason = ?, "
            + "updated_at = now() WHERE job_id = ? AND attempt = ? AND state IN ('QUEUED', 'RUNNING')",
            state.name(), reason, jobId, attempt) == 1;
    }

    private int update(String what, String sql, Object... args) {
        try (Connection c = data.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Integer n) p.setInt(i + 1, n);
                else if (args[i] instanceof Long n) p.setLong(i + 1, n);
                else p.setString(i + 1, (String) args[i]);
            }
            return p.executeUpdate();
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    private FarmException failed(String what, SQLException e) {
        return new FarmException("could not " + what + " in the farm's database at " + farm.name() + ": "
            + e.getMessage(), e);
    }
}
