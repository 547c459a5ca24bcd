package org.cinestack.render;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cinestack.film.Film;
import org.cinestack.mix.Soundtrack;
import org.cinestack.plan.ShotSpec;
import org.cinestack.render.graph.GraphRun;
import org.cinestack.render.graph.Job;
import org.cinestack.render.graph.JobGraph;
import org.cinestack.render.graph.JobKind;
import org.cinestack.render.graph.Lane;
import org.cinestack.shoot.Backend;
import org.cinestack.shoot.Take;
import org.cinestack.shoot.TakeStore;
import org.cinestack.shoot.remote.RemoteBackend;
import org.cinestack.shoot.remote.ShootException;

/**
 * The job graph of one render of a film:
 * <pre>
 *   shoot s1 --> dailies s1 --\
 *   shoot s2 --> dailies s2 ---+--> cut --> mix --+--> master ---------+--> interchange --> provenance
 *   ...      --> ...        --/     |             +--> deliverable web -+
 *                                   |             +--> deliverable ... -/
 *                                   \--> report (and every dailies job)
 * </pre>
 * Job ids, the digests of each job's inputs, are defined here, in one place:
 * <ul>
 *   <li>shoot: SHA-256 of the shot's take digest ({@link TakeStore#digest}: the spec's canonical JSON, the backend's
 *       id and version; its takes' folder in {@code .cinestack/takes/}), the number of takes wanted and the take the
 *       director circled in film.lock (0 for none);</li>
 *   <li>dailies: SHA-256 of its shoot's id and the retakes allowed;</li>
 *   <li>every film job: SHA-256 of its kind, its subject, the film file's digest, the render's delivery options (the
 *       loudness target, the edit's digest, the output folder) and the ids of the jobs it needs. The master's and
 *       deliverables' own cache keys ({@link FilmRender#masterKey}: the takes' media digests, the grade, the sound,
 *       the delivery) are known only once the takes are, so the cut computes them; segments are named by everything
 *       their pictures depend on ({@code deliver.Master}).</li>
 * </ul>
 * Shooting on another service waits ({@link Lane#WAITING}); previs, the mix and encoding use every core
 * ({@link Lane#MACHINE}, one at a time, in this order: so the progress line reads as the render goes); the cut, the
 * interchange files and the provenance are light.
 *
 * A render of some shots ({@link FilmRender.Options#shots()}) holds the others as they are in the take store (their
 * jobs only find their takes, and their dailies jobs retake nothing, so their ids differ); when some of those have no
 * takes yet, the graph is only the named shots' shoot and dailies jobs, and nothing is cut.
 *
 * @param graph       the jobs
 * @param shoots      the shoot jobs' ids, in the plan's order
 * @param cut         the cut's id, or null when nothing is cut
 * @param interchange the interchange job's id (its result: the master in {@code out/}), or null
 * @param provenance  the provenance job's id (its result: the provenance file), or null
 */
record RenderGraph(JobGraph graph, List<String> shoots, String cut, String interchange, String provenance) {
    /**
     * @param film   the film
     * @param file   its film.yaml (or screenplay)
     * @param o      the render's options
     * @param specs  its shots, planned
     * @param perShot each shot's backend
     * @param wanted takes wanted per shot
     * @param jobs   the work
     * @param cut    true to cut and master the film; false to make only the shots not held ({@link FilmJobs#held})
     * @return the graph
     */
    static RenderGraph of(Film film, Path file, FilmRender.Options o, List<ShotSpec> specs, List<Backend> perShot,
                          int wanted, FilmJobs jobs, boolean cut) {
        JobGraph g = new JobGraph();
        String filmDigest;
        try {
            filmDigest = TakeStore.sha256(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String options = o.delivery() + "\n" + o.edit().map(Path::toString).orElse("") + "\n" + o.out();
        List<String> shoots = new ArrayList<>();
        List<Integer> shots = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) if (cut || !jobs.held.contains(i)) shots.add(i);
        for (int i : shots) {
            int shot = i;
            Backend backend = perShot.get(i);
            String id = ShotSpec.sha256("shoot\n" + TakeStore.digest(specs.get(i), backend) + "\n" + wanted + "\n"
                + jobs.dailies.directorTake(i));
            shoots.add(g.add(new Job(id, JobKind.SHOOT, specs.get(i).shotId(), List.of(),
                backend instanceof RemoteBackend ? Lane.WAITING : Lane.MACHINE, c -> jobs.shoot(shot, wanted, c::cached))).id());
        }
        List<String> dailies = new ArrayList<>();
        for (int k = 0; k < shots.size(); k++) {
            int i = shots.get(k), shot = i;
            String shootId = shoots.get(k);
            // a retake shoots where the shot's takes are shot
            Lane lane = perShot.get(i) instanceof RemoteBackend ? Lane.WAITING : Lane.MACHINE;
            dailies.add(g.add(new Job(ShotSpec.sha256("dailies\n" + shootId + "\n" + jobs.dailies.retakes(i)),
                JobKind.DAILIES, specs.get(i).shotId(), List.of(shootId), lane, c -> {
                    @SuppressWarnings("unchecked")
                    List<Take> t = c.result(shootId, List.class);
                    return jobs.dailies.dailies(shot, wanted, t, c::cached);
                })).id());
        }
        if (!cut) return new RenderGraph(g, List.copyOf(shoots), null, null, null);
        Job cutJob = g.add(film(JobKind.CUT, film.slug(), filmDigest, options, dailies, Lane.LIGHT, c -> {
            List<DailiesJobs.Dailied> takes = new ArrayList<>();
            for (String d : dailies) takes.add(c.result(d, DailiesJobs.Dailied.class));
            return jobs.cut(takes);
        }));
        Job mix = g.add(film(JobKind.MIX, film.slug(), filmDigest, options, List.of(cutJob.id()), Lane.MACHINE, c -> {
            Soundtrack.Mix m = jobs.mix(c.result(cutJob.id(), FilmJobs.Cut.class));
            if (m == null) c.cached();
            return m;
        }));
        List<String> made = new ArrayList<>();
        made.add(g.add(film(JobKind.MASTER, film.slug(), filmDigest, options, List.of(cutJob.id(), mix.id()),
            Lane.MACHINE, c -> {
                FilmJobs.Cut k = c.result(cutJob.id(), FilmJobs.Cut.class);
                if (k.reused()) c.cached();
                jobs.master(k, c.result(mix.id(), Soundtrack.Mix.class));
                return null;
            })).id());
        for (String profile : film.deliver()) {
            made.add(g.add(film(JobKind.DELIVERABLE, profile, filmDigest, options, List.of(cutJob.id(), mix.id()),
                Lane.MACHINE, c -> {
                    FilmJobs.Cut k = c.result(cutJob.id(), FilmJobs.Cut.class);
                    if (!k.missing().contains(profile)) {
                        c.cached();
                        return null;
                    }
                    jobs.deliverable(k, c.result(mix.id(), Soundtrack.Mix.class), profile);
                    return null;
                })).id());
        }
        List<String> all = new ArrayList<>(made);
        all.add(cutJob.id());
        Job interchange = g.add(film(JobKind.INTERCHANGE, film.slug(), filmDigest, options, all, Lane.LIGHT,
            c -> jobs.interchange(c.result(cutJob.id(), FilmJobs.Cut.class))));
        Job provenance = g.add(film(JobKind.PROVENANCE, film.slug(), filmDigest, options,
            List.of(cutJob.id(), interchange.id()), Lane.LIGHT, c -> jobs.provenance(c.result(cutJob.id(),
                FilmJobs.Cut.class), c.result(interchange.id(), Path.class))));
        List<String> reportNeeds = new ArrayList<>(dailies);
        reportNeeds.add(cutJob.id());
        g.add(film(JobKind.REPORT, film.slug(), filmDigest, options, reportNeeds, Lane.LIGHT, c -> {
            List<DailiesJobs.Dailied> each = new ArrayList<>();
            for (String d : dailies) each.add(c.result(d, DailiesJobs.Dailied.class));
            return jobs.report(each);
        }));
        return new RenderGraph(g, List.copyOf(shoots), cutJob.id(), interchange.id(), provenance.id());
    }

    private static Job film(JobKind kind, String subject, String filmDigest, String options, List<String> needs,
                            Lane lane, Job.Work work) {
        String id = ShotSpec.sha256(kind.word() + "\n" + subject + "\n" + filmDigest + "\n" + options + "\n"
            + String.join("\n", needs));
        return new Job(id, kind, subject, needs, lane, work);
    }

    /**
     * The failure a render that did not finish reports: when shots failed, every failed take's reason first and what
     * was kept (as before the graph); otherwise the first job that failed itself, as it was thrown, so a user's
     * mistake stays bad input and a missing library stays an environment problem. Either way the lines after the
     * first name every other job that failed and why.
     *
     * @param run       the run
     * @param generated takes made in it
     * @return the exception to throw
     */
    RuntimeException failure(GraphRun run, int generated) {
        List<GraphRun.Failed> own = run.failures().stream().filter(f -> f.cause() != null).toList();
        List<RuntimeException> takes = new ArrayList<>();
        for (GraphRun.Failed f : own) {
            if (f.job().kind() != JobKind.SHOOT) continue;
            if (f.cause() instanceof FilmJobs.ShotFailed s) takes.addAll(s.takes());
            else if (f.cause() instanceof RuntimeException r) takes.add(r);
        }
        if (!takes.isEmpty()) {
            ShootException e = FilmRender.shootFailed(takes, generated);
            List<String> others = own.stream().filter(f -> f.job().kind() == JobKind.SHOOT).skip(1)
                .map(f -> "  " + f.job().label() + ": " + f.reason()).toList();
            if (others.isEmpty()) return e;
            return new ShootException(e.getMessage() + "\nalso failed:\n" + String.join("\n", others), e.getCause());
        }
        Throwable first = own.getFirst().cause();
        if (first instanceof RuntimeException r) return r;
        if (first instanceof Error err) throw err;
        if (first instanceof java.io.IOException io) return new java.io.UncheckedIOException(io);
        return new IllegalStateException(own.getFirst().job().label() + ": " + own.getFirst().reason(), first);
    }
}
