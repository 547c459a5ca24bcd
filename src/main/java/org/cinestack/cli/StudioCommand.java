package org.cinestack.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.cinestack.studio.Studio;

/** The {@code cinestack studio} command; what it does is its description below. */
@Command(name = "studio", mixinStandardHelpOptions = true,
    description = {"Serve the films in a folder as a local web studio and REST API: the board of every shot, each "
        + "shot's takes and dailies, circling a take. Listens on 127.0.0.1; any other address needs a token (given, "
        + "or made and printed once). Stop it with Ctrl-C."})
final class StudioCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FOLDER", arity = "0..1", defaultValue = ".", description = "the folder whose films "
        + "(film.yaml, .fountain, .fdx) it serves; the current folder by default")
    Path folder;
    @Option(names = "--port", defaultValue = "8700", description = "the port (default ${DEFAULT-VALUE}; 0 for any "
        + "free one)")
    int port;
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "the address to listen on (default "
        + "${DEFAULT-VALUE}); another needs a token")
    String host;
    @Option(names = "--budget-usd", paramLabel = "N", description = "what each film may spend on generative "
        + "takes in all, US dollars: the ledger page shows what is left, and a render started in the studio may spend "
        + "only that (default: no limit)")
    Double budgetUsd;
    @Option(names = "--token", description = "the token to ask for (else one is made when --host is not loopback)")
    String token;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() throws InterruptedException {
        Studio started;
        try {
            if (budgetUsd != null && !(budgetUsd >= 0)) {
                throw new org.cinestack.film.BadInputException(java.util.List.of(new org.cinestack.film.Problem(
                    "--budget-usd", 0, 0, "the budget must be 0 or more US dollars")));
            }
            started = Studio.start(folder, host, port, Optional.ofNullable(token), budgetUsd == null
                ? Double.POSITIVE_INFINITY : budgetUsd);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.net.BindException) {
                    throw new org.cinestack.film.BadInputException(java.util.List.of(new org.cinestack.film.Problem(
                        "--port", 0, 0, host + ":" + port + " cannot be listened on (" + t.getMessage() + "); "
                            + "choose another with --port, or --port 0 for any free one")));
                }
            }
            throw e;
        }
        try (Studio studio = started) {
            var out = commandSpec.commandLine().getOut();
            out.println("studio: " + studio.films().all().size() + " film(s) in " + studio.films().root());
            out.println("open " + studio.loginUrl());
            out.flush();
            Thread.currentThread().join();
        }
        return 0;
    }
}
