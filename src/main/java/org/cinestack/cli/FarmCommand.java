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
    subcommands = {FarmCommand.Status.class})
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

    /** {@code cinestack farm status}. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = {"List the farm's workers (alive or "
        + "not, jobs at once, last heard from) and its render jobs: how many are planned, queued, running, done and "
        + "failed, then each running and failed job with its worker or reason."})
    static final class Status implements Callable<Integer> {
        @Option(names = "--farm", paramLabel = "JDBC-URL", description = "the farm's PostgreSQL database (default: "
            + "$CINESTACK_FARM)")
        String farm;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec commandSpec;

        @Override
        public Integer call() {
            var out = commandSpec.commandLine().getOut();
            try (Farm f = Farm.connect(url(farm), 2)) {
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
            }
            return 0;
        }
    }
}
