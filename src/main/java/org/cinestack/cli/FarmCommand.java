package org.cinestack.cli;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.cinestack.film.BadInputException;
import org.cinestack.film.Problem;
import org.cinestack.render.farm.Farm;
import org.cinestack.render.farm.FarmStatus;
import org.cinestack.render.farm.JobTable;

/** The {@code cinestack farm} command and its {@code status}; what they do is their description below. */
@Command(name = "farm", mixinStandardHelpOptions = true, description = {"A render farm's state."},
    subcommands = {FarmCommand.Status.class, FarmCommand.Dashboard.class})
final class FarmCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        commandSpec.commandLine().usage(commandSpec.commandLine().getOut());
        return 0;
    }

    /**
     * @param given the --farm option, or null
     * @return it, or $CINESTACK_FARM
     * @throws BadInputException when neither is set
     */
    static String url(String given) {
        String url = given != null ? given : System.getenv("CINESTACK_FARM");
        if (url == null || url.isBlank()) {
            throw new BadInputException(java.util.List.of(new Problem("--farm", 0, 0, "name the farm's PostgreSQL "
                + "database with --farm jdbc:postgresql://host:5432/db?user=name, or set CINESTACK_FARM")));
        }
        return url;
    }

    /** {@code cinestack farm dashboard}. */
    @Command(name = "dashboard", mixinStandardHelpOptions = true, description = {"Serve JobRunr's dashboard of the "
        + "farm (every job, its state and history, the workers) on 127.0.0.1, until stopped with Ctrl-C."})
    static final class Dashboard implements Callable<Integer> {
        @Option(names = "--farm", paramLabel = "JDBC-URL", description = "the farm's PostgreSQL database (default: "
            + "$CINESTACK_FARM)")
        String farm;
        @Option(names = "--port", defaultValue = "8000", description = "the port on 127.0.0.1 (default "
            + "${DEFAULT-VALUE}; 0 for any free one)")
        int port;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec commandSpec;

        @Override
        public Integer call() throws Exception {
            try (Farm f = Farm.connect(url(farm), 4)) {
                serve(f, port, commandSpec.commandLine().getOut());
            }
            return 0;
        }

        /** Serves the farm's dashboard on 127.0.0.1 until the process is stopped. */
        static void serve(Farm f, int port, java.io.PrintWriter out) throws Exception {
            org.cinestack.render.farm.FarmDashboard d;
            try {
                d = org.cinestack.render.farm.FarmDashboard.start(f, port);
            } catch (java.net.BindException e) {
                throw new BadInputException(java.util.List.of(new Problem("--port", 0, 0, "127.0.0.1:" + port
                    + " cannot be listened on (" + e.getMessage() + "); choose another with --port, or 0")));
            }
            try (d) {
                out.println("farm dashboard of " + f.name() + ": open " + d.url());
                out.flush();
                Thread.currentThread().join();
            }
        }
    }

    /** {@code cinestack farm status}. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = {"List the farm's workers (alive or "
        + "not, jobs at once, last heard from) and its render jobs: how many are planned, queued, running, done and "
        + "failed, then each running and failed job with its worker or reason."})
    static final class Status implements Callable<Integer> {
        @Option(names = "--farm", paramLabel = "JDBC-URL", description = "the farm's PostgreSQL database (default: "
            + "$CINESTACK_FARM)")
        String farm;
        @Option(names = "--dashboard", description = "then serve JobRunr's dashboard on 127.0.0.1, as "
            + "`cinestack farm dashboard` does, until stopped with Ctrl-C")
        boolean dashboard;
        @Option(names = "--port", defaultValue = "8000", description = "the dashboard's port on 127.0.0.1 (default "
            + "${DEFAULT-VALUE}; 0 for any free one)")
        int port;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec commandSpec;

        @Override
        public Integer call() throws Exception {
            var out = commandSpec.commandLine().getOut();
            try (Farm f = Farm.connect(url(farm), dashboard ? 4 : 2)) {
                FarmStatus s = FarmStatus.of(f);
                out.println("farm " + f.name());
                out.println("workers: " + s.workers().size());
                for (FarmStatus.Worker w : s.workers()) {
                    out.printf(Locale.ROOT, "  %-32s %s, %d at once, last heard %d s ago%n", w.name(),
                        w.alive() ? "running" : "stopped", w.threads(), w.secondsSinceHeard());
                }
                StringBuilder counts = new StringBuilder("jobs:");
                for (Map.Entry<JobTable.State, Long> e : s.counts().entrySet()) {
                    counts.append(' ').append(e.getValue()).append(' ').append(e.getKey().name()
                        .toLowerCase(Locale.ROOT)).append(',');
                }
                out.println(counts.substring(0, counts.length() - 1));
                for (JobTable.Row r : s.notable()) {
                    out.println("  " + r.state().name().toLowerCase(Locale.ROOT) + " " + r.label()
                        + (r.state() == JobTable.State.RUNNING ? " on " + r.worker() + (r.total() > 0 ? " ("
                        + r.done() + "/" + r.total() + ")" : "") : "")
                        + (r.reason() != null ? ": " + r.reason() : ""));
                }
                out.flush();
                if (dashboard) Dashboard.serve(f, port, out);
            }
            return 0;
        }
    }
}
