package org.cinestack.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.cinestack.dailies.FilmLock;
import org.cinestack.plan.Planner;
import org.cinestack.plan.ShotSpec;
import org.cinestack.shoot.remote.Ledger;

/**
 * What generative backends cost a film, summed from its ledger ({@code .cinestack/ledger.jsonl}): requests by
 * outcome, spend by backend (and model), by shot and by take, in all, and on the takes the cut uses. The command line
 * ({@code cinestack ledger}) and the studio's ledger page read this same summary.
 *
 * @param file       the ledger file
 * @param requests   requests by outcome (lower case: submitted, succeeded, failed ...)
 * @param byBackend  US dollars by "backend (model)"
 * @param byShot     US dollars by shot id
 * @param byTake     US dollars by "shot take n (backend, spec digest's first 8 characters)"
 * @param totalUsd   everything the ledger records as spent, US dollars
 * @param onCutUsd   spent on the takes the cut uses: each shot still in the film, its take in film.lock (take 1
 *                   when the film has none), succeeded, US dollars
 */
public record LedgerSummary(java.nio.file.Path file, Map<String, Long> requests, Map<String, Double> byBackend,
                            Map<String, Double> byShot, Map<String, Double> byTake, double totalUsd, double onCutUsd) {
    /**
     * @param project a film's project
     * @return its ledger summed (all empty and zero when nothing was generated)
     * @throws org.cinestack.film.BadInputException when the film or its film.lock cannot be read
     */
    public static LedgerSummary of(Project project) {
        Ledger ledger = project.ledger();
        List<Ledger.Entry> all = ledger.entries();
        Map<String, Long> requests = new TreeMap<>();
        for (Ledger.Entry e : all) requests.merge(e.outcome().name().toLowerCase(Locale.ROOT), 1L, Long::sum);
        Map<String, Double> byTake = Ledger.spend(all, e -> e.shot() + " take " + e.take() + " (" + e.backend()
            + (e.specDigest().isEmpty() ? "" : ", " + e.specDigest().substring(0, Math.min(8,
            e.specDigest().length()))) + ")");
        Map<String, Integer> used = new LinkedHashMap<>(); // shot to the take its cut uses
        if (!all.isEmpty()) {
            FilmLock lock = FilmLock.read(project.folder());
            for (ShotSpec s : Planner.plan(project.film()).specs()) {
                used.put(s.shotId(), lock.get(s.shotId()).map(FilmLock.Entry::take).orElse(1));
            }
        }
        Set<String> shots = used.keySet();
        double onCut = Ledger.spend(all.stream().filter(e -> shots.contains(e.shot()) && e.take() == used.get(e.shot())
            && e.outcome() == Ledger.Outcome.SUCCEEDED).toList(), e -> "cut").getOrDefault("cut", 0.0);
        return new LedgerSummary(ledger.file(), requests, Ledger.spend(all, e -> e.backend() + " (" + e.model()
            + ")"), Ledger.spend(all, Ledger.Entry::shot), byTake, ledger.spentUsd(), onCut);
    }

    /** @return true when the ledger records no request */
    public boolean empty() {
        return requests.isEmpty();
    }
}
