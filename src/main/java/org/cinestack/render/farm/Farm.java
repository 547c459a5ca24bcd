package org.cinestack.render.farm;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.common.SqlStorageProviderFactory;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson3.Jackson3JsonMapper;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A render farm: a PostgreSQL database that JobRunr queues the render's jobs in, and that workers on any number of
 * machines take them from. It holds JobRunr's own tables (created on first use) and {@link JobTable}, the farm's
 * record of each render job.
 * <p>
 * The URL is a JDBC URL, {@code jdbc:postgresql://host:5432/database?user=name}; a password is read by the driver
 * from the URL or from {@code PGPASSWORD}-style settings the user gives, and is never printed: errors name the
 * database by {@link #describe}.
 */
public final class Farm implements AutoCloseable {
    /** The PostgreSQL channel a job's queueing is announced on ({@code LISTEN}/{@code NOTIFY}), waking idle workers. */
    static final String WAKE_CHANNEL = "cinestack_farm_jobs";
    /** Retries of a job whose worker stopped (killed, or lost its machine) before the job ended. */
    public static final int RETRIES_WHEN_A_WORKER_STOPS = 3;

    private final String url;
    private final HikariDataSource data;
    private final StorageProvider storage;
    private final JsonMapper json = new Jackson3JsonMapper();
    private final JobRequestScheduler scheduler;
    private final JobTable table;

    private Farm(String url, HikariDataSource data) {
        this.url = url;
        this.data = data;
        try {
            this.storage = SqlStorageProviderFactory.using(data);
            storage.setJobMapper(new JobMapper(json));
            this.scheduler = new JobRequestScheduler(storage);
            this.table = new JobTable(data, this);
        } catch (RuntimeException e) {
            data.close();
            throw new FarmException("the farm's database at " + describe(url) + " could not be set up: "
                + rootMessage(e) + "; the database user needs to be allowed to create tables", e);
        }
    }

    /**
     * Connects to a farm, creating its tables on first use.
     *
     * @param url         a JDBC URL of a PostgreSQL database
     * @param connections the most connections to hold open (a worker: its worker threads and a few more)
     * @return the farm
     * @throws FarmException when the URL is not a PostgreSQL JDBC URL, or the database cannot be reached or used
     */
    public static Farm connect(String url, int connections) {
        if (url == null || !url.startsWith("jdbc:postgresql://")) {
            throw new FarmException("the farm's database must be a PostgreSQL JDBC URL such as "
                + "jdbc:postgresql://127.0.0.1:5432/cinestack?user=cinestack, not '" + describe(url) + "'", null);
        }
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setMaximumPoolSize(Math.max(2, connections));
        c.setConnectionTimeout(5_000);
        c.setInitializationFailTimeout(5_000);
        c.setPoolName("cinestack-farm");
        HikariDataSource data;
        try {
            data = new HikariDataSource(c);
        } catch (RuntimeException e) {
            throw new FarmException("cannot reach the farm's database at " + describe(url) + ": " + rootMessage(e)
                + "; start PostgreSQL there, or give --farm the URL of one that runs", e);
        }
        return new Farm(url, data);
    }

    /**
     * @param url a JDBC URL
     * @return the URL without its password or any other query parameter but the user, to name it in messages
     */
    public static String describe(String url) {
        if (url == null) return "";
        String s = url.replaceAll("//[^/@]*@", "//"); // user:password@ is not JDBC's form, but may be typed
        int q = s.indexOf('?');
        if (q < 0) return s;
        String user = null;
        for (String p : s.substring(q + 1).split("&")) {
            if (p.toLowerCase(Locale.ROOT).startsWith("user=")) user = p;
        }
        return s.substring(0, q) + (user == null ? "" : "?" + user);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.strip(); // the driver's messages name the host and port, never the password
    }

    /**
     * The id JobRunr knows a job's attempt by: the same job and attempt always give the same id, so enqueuing it
     * twice makes one job.
     *
     * @param jobId   the render job's id (the digest of its inputs)
     * @param attempt its attempt, from 1
     * @return a name-based UUID
     */
    public static UUID queueId(String jobId, int attempt) {
        return UUID.nameUUIDFromBytes(("cinestack job " + jobId + " attempt " + attempt)
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Queues a planned job once what it needs is done: of the render and the workers that ask at once, one queues it.
     *
     * @param render the render, as workers rebuild it
     * @param job    the job
     * @return true when this caller queued it
     */
    boolean enqueue(RenderRequest render, org.cinestack.render.graph.Job job) {
        java.util.OptionalInt attempt = table.claim(job.id());
        if (attempt.isEmpty()) return false;
        submit(render, job.id(), job.label(), attempt.getAsInt());
        return true;
    }

    /**
     * Hands an attempt of a job to JobRunr; an attempt already handed over is not handed again (its id is the same).
     * A job whose worker stops before it ends is retried up to {@link #RETRIES_WHEN_A_WORKER_STOPS} times.
     */
    void submit(RenderRequest render, String jobId, String label, int attempt) {
        scheduler.create(org.jobrunr.scheduling.JobBuilder.aJob().withId(queueId(jobId, attempt)).withName(label)
            .withAmountOfRetries(RETRIES_WHEN_A_WORKER_STOPS).withJobRequest(new FarmTask(render, jobId, attempt)));
        try (Connection c = data.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("NOTIFY " + WAKE_CHANNEL); // idle workers take it now, not at their next poll
        } catch (SQLException e) {
            // the workers find it at their next poll
        }
    }

    /** @return the URL, as given (it may hold a password: never print it, use {@link #describe}) */
    String url() {
        return url;
    }

    /** @return the URL as messages name it */
    public String name() {
        return describe(url);
    }

    /** @return JobRunr's storage in this database */
    StorageProvider storage() {
        return storage;
    }

    /** @return the JSON mapper JobRunr stores jobs with */
    JsonMapper json() {
        return json;
    }

    /** @return JobRunr's scheduler on this database */
    JobRequestScheduler scheduler() {
        return scheduler;
    }

    /** @return the farm's record of each render job */
    public JobTable table() {
        return table;
    }

    /** @return a connection from the pool */
    Connection connection() throws SQLException {
        return data.getConnection();
    }

    /** @return the pool */
    DataSource dataSource() {
        return data;
    }

    @Override
    public void close() {
        try {
            storage.close();
        } finally {
            data.close();
        }
    }
}
