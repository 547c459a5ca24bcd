package org.cinestack.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.cinestack.film.BadInputException;
import org.cinestack.film.Problem;
import org.cinestack.render.farm.Farm;
import org.cinestack.render.farm.FarmWorker;

/** The {@code cinestack worker} command; what it does is its description below. */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = {"Run render jobs from a farm: take the jobs that `cinestack render --farm` queued in a PostgreSQL "
        + "database and run them on this machine, until stopped with Ctrl-C. The machine must see each project "
        + "folder at the same path as the render that queued it (a shared filesystem): takes, segments and out/ are "
        + "written there. Keys for hosted models are read from this machine's environment."})
final class WorkerCommand implements Callable<Integer> {
    @Option(names = "--farm", paramLabel = "JDBC-URL", description = "the farm's PostgreSQL database, "
        + "jdbc:postgresql://host:5432/db?user=name (default: $CINESTACK_FARM)")
    String farm;
    @Option(names = "--workers", paramLabel = "N", defaultValue = "1", description = "jobs run at once (default "
        + "${DEFAULT-VALUE}: previs and encoding use every core; raise it for hosted models, which mostly wait)")
    int workers;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() throws InterruptedException {
        String url = FarmCommand.url(farm);
        if (workers < 1 || workers > 256) {
            throw new BadInputException(java.util.List.of(new Problem("--workers", 0, 0, "workers must be 1..256")));
        }
        org.cinestack.media.Natives.load(); // before the first job, not in it
        try (Farm f = Farm.connect(url, workers + 6); FarmWorker w = FarmWorker.start(f, workers, m -> {
            var err = commandSpec.commandLine().getErr();
            err.println(m);
            err.flush();
        })) {
            var out = commandSpec.commandLine().getOut();
            out.println("worker " + w.name() + ": taking render jobs from " + f.name() + ", " + workers
                + " at once; Ctrl-C to stop");
            out.flush();
            Thread stop = new Thread(w::close);
            Runtime.getRuntime().addShutdownHook(stop);
            Thread.currentThread().join();
        }
        return 0;
    }
}
