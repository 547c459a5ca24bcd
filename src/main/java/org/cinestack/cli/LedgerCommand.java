package org.cinestack.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import org.cinestack.film.Film;
import org.cinestack.plan.Planner;
import org.cinestack.plan.ShotSpec;
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
        Project project = Project.of(film);
        org.cinestack.shoot.remote.Ledger ledger = project.ledger();
        java.util.List<org.cinestack.shoot.remote.Ledger.Entry> all = ledger.entries();
        PrintWriter o = commandSpec.commandLine().getOut();
        if (all.isEmpty()) {
            o.println("no generative jobs yet (" + ledger.file() + " is empty or absent)");
            o.flush();
            return 0;
        }
        java.util.Map<String, Long> outcomes = new java.util.TreeMap<>();
        for (var e : all) outcomes.merge(e.outcome().name().toLowerCase(Locale.ROOT), 1L, Long::sum);
        o.println("requests: " + outcomes);
        o.println("by backend:");
        org.cinestack.shoot.remote.Ledger.spend(all, e -> e.backend() + " (" + e.model() + ")")
            .forEach((k, v) -> o.printf(Locale.ROOT, "  %-40s $%10.2f%n", k, v));
        o.println("by shot:");
        org.cinestack.shoot.remote.Ledger.spend(all, org.cinestack.shoot.remote.Ledger.Entry::shot)
            .forEach((k, v) -> o.printf(Locale.ROOT, "  %-40s $%10.2f%n", k, v));
        o.println("by take:");
        org.cinestack.shoot.remote.Ledger.spend(all, e -> e.shot() + " take " + e.take() + " (" + e.backend()
            + (e.specDigest().isEmpty() ? "" : ", " + e.specDigest().substring(0, Math.min(8,
            e.specDigest().length()))) + ")").forEach((k, v) -> o.printf(Locale.ROOT, "  %-40s $%10.2f%n", k, v));
        // the takes the cut uses: the circled take (take 1) of each shot still in the film
        Film f = project.film();
        java.util.Set<String> used = new java.util.HashSet<>();
        for (ShotSpec s : Planner.plan(f).specs()) used.add(s.shotId());
        double accepted = org.cinestack.shoot.remote.Ledger.spend(all.stream().filter(e -> used.contains(e.shot())
            && e.take() == 1 && e.outcome() == org.cinestack.shoot.remote.Ledger.Outcome.SUCCEEDED).toList(),
            e -> "x").getOrDefault("x", 0.0);
        o.printf(Locale.ROOT, "total spent: $%.2f; on the takes the cut uses (take 1 of each shot): $%.2f%n",
            ledger.spentUsd(), accepted);
        o.flush();
        return 0;
    }
}
