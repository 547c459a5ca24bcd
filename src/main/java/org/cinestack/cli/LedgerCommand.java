package org.cinestack.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import org.cinestack.render.LedgerSummary;
import org.cinestack.render.Project;

/** The {@code cinestack ledger} command; what it does is its description below. */
@Command(name = "ledger", mixinStandardHelpOptions = true,
    description = {"Summarise what generative backends cost this film, from .cinestack/ledger.jsonl: spend per "
        + "backend, per shot, and on the takes the film uses."})
final class LedgerCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILM", description = "a film.yaml or screenplay, or a folder holding one")
    Path film;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        LedgerSummary ledger = LedgerSummary.of(Project.of(film));
        PrintWriter o = commandSpec.commandLine().getOut();
        if (ledger.empty()) {
            o.println("no generative jobs yet (" + ledger.file() + " is empty or absent)");
            o.flush();
            return 0;
        }
        o.println("requests: " + ledger.requests());
        o.println("by backend:");
        ledger.byBackend().forEach((k, v) -> o.printf(Locale.ROOT, "  %-40s $%10.2f%n", k, v));
        o.println("by shot:");
        ledger.byShot().forEach((k, v) -> o.printf(Locale.ROOT, "  %-40s $%10.2f%n", k, v));
        o.println("by take:");
        ledger.byTake().forEach((k, v) -> o.printf(Locale.ROOT, "  %-40s $%10.2f%n", k, v));
        o.printf(Locale.ROOT, "total spent: $%.2f; on the takes the cut uses (each shot's circled take): $%.2f%n",
            ledger.totalUsd(), ledger.onCutUsd());
        o.flush();
        return 0;
    }
}
