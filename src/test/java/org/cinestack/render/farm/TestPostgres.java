package org.cinestack.render.farm;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;

/**
 * Throwaway PostgreSQL clusters for the farm's tests: Debian's {@code postgresql} package ({@code initdb} into a
 * temporary folder, {@code pg_ctl start} on 127.0.0.1 and a free port, no fsync), stopped when the JVM ends. As root,
 * the server runs as the {@code postgres} user (PostgreSQL refuses root). The shared cluster of {@link #freshDatabase}
 * is started once a JVM; with {@code CINESTACK_TEST_FARM} set to a JDBC URL, that server is used instead. Tests skip
 * when neither is there ({@code run-tests} installs the package).
 */
public final class TestPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static String base;

    private TestPostgres() {
    }

    /** @return the JDBC URL of a new, empty database on the shared test cluster */
    public static synchronized String freshDatabase() throws Exception {
        if (base == null) {
            String given = System.getenv("CINESTACK_TEST_FARM");
            base = given != null && !given.isBlank() ? given : Cluster.start().url();
        }
        String name = "farm_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return base.replaceFirst("/postgres\\?", "/" + name + "?");
    }

    /** A cluster of its own, for a test that stops and starts it. */
    public static final class Cluster {
        private final Path bin, dir, data;
        private final int port;
        private final boolean root;

        private Cluster(Path bin, Path dir, int port, boolean root) {
            this.bin = bin;
            this.dir = dir;
            this.data = dir.resolve("data");
            this.port = port;
            this.root = root;
        }

        /** @return a new cluster, running; it is stopped and removed when the JVM ends */
        public static Cluster start() throws Exception {
            Path bin = null;
            try (var dirs = Files.list(Path.of("/usr/lib/postgresql"))) {
                bin = dirs.map(d -> d.resolve("bin")).filter(d -> Files.isExecutable(d.resolve("initdb")))
                    .sorted().reduce((a, b) -> b).orElse(null);
            } catch (IOException e) {
                // not installed
            }
            Assumptions.assumeTrue(bin != null, "PostgreSQL is not installed (sudo apt-get install postgresql)");
            boolean root = "root".equals(System.getProperty("user.name"));
            Path dir = Files.createTempDirectory("cinestack-pg-");
            if (root) run(List.of("chown", "postgres:postgres", dir.toString()), false);
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Cluster c = new Cluster(bin, dir, port, root);
            run(List.of(bin.resolve("initdb").toString(), "-D", c.data.toString(), "-A", "trust", "-U", "cinestack",
                "-E", "UTF8", "--no-sync"), root);
            c.resume();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    c.halt();
                    run(List.of("rm", "-rf", dir.toString()), false);
                } catch (Exception e) {
                    // the temporary folder is left
                }
            }));
            return c;
        }

        /** @return the JDBC URL of its {@code postgres} database */
        public String url() {
            return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=cinestack";
        }

        /** Starts it (again), waiting until it takes connections. */
        public void resume() throws Exception {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(),
                "-w", "-o", "-c listen_addresses=127.0.0.1 -p " + port + " -k " + dir + " -c fsync=off "
                    + "-c max_connections=200", "start"), root);
        }

        /** Stops it at once, as a database that goes away does (running connections are cut). */
        public void halt() throws Exception {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop"), root);
        }
    }

    private static void run(List<String> command, boolean asPostgres) throws Exception {
        List<String> c = new ArrayList<>();
        if (asPostgres) c.addAll(List.of("runuser", "-u", "postgres", "--"));
        c.addAll(command);
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", c) + " failed: " + out);
        }
    }
}
