package org.cinestack.render;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.cinestack.film.BadInputException;
import org.cinestack.film.Film;
import org.cinestack.film.Problem;
import org.cinestack.plan.ShotSpec;
import org.cinestack.shoot.Backend;
import org.cinestack.shoot.TakeStore;
import org.cinestack.shoot.comfyui.ComfyUiBackend;
import org.cinestack.shoot.comfyui.ComfyWorkflow;
import org.cinestack.shoot.hosted.HostedBackends;
import org.cinestack.shoot.hosted.MissingKeyException;
import org.cinestack.shoot.previs.PrevisBackend;
import org.cinestack.shoot.remote.Budget;
import org.cinestack.shoot.remote.Ledger;
import org.cinestack.shoot.remote.RemoteBackend;

/**
 * The backends of one render, opened when a shot first needs them and shared by all its shots: one ledger, one
 * budget. A backend that cannot be opened (no key, no server) is remembered with the reason, and a shot goes to the
 * next backend of its chain with a warning; when none is left, the render stops before anything is submitted.
 */
final class Backends {
    private final Film film;
    private final Path project;
    private final Path cache;
    private final FilmRender.Options o;
    private final PrevisBackend previs;
    private final TakeStore store;
    private final String override;
    private final Ledger ledger;
    private final Budget budget;
    private final Map<String, Backend> open = new HashMap<>();
    private final Map<String, String> unavailable = new LinkedHashMap<>();

    Backends(Film film, Path project, Path cache, FilmRender.Options o, PrevisBackend previs, TakeStore store,
             String override) {
        this.film = film;
        this.project = project;
        this.cache = cache;
        this.o = o;
        this.previs = previs;
        this.store = store;
        this.override = override;
        this.ledger = new Ledger(cache);
        this.budget = new Budget(o.shoot().budgetUsd());
    }

    /**
     * @param route the shot's route
     * @param warn  told when the shot falls back
     * @return the first backend of the chain that can be opened
     * @throws BadInputException when none can
     */
    Backend forShot(Routing.Route route, Consumer<String> warn) {
        List<String> why = new ArrayList<>();
        for (String id : route.chain()) {
            Optional<Backend> b = get(id);
            if (b.isPresent()) {
                if (!why.isEmpty()) {
                    warn.accept("shot " + route.shotId() + " (" + route.kind() + "): " + String.join("; ", why)
                        + "; it is made on " + id);
                }
                return b.get();
            }
            why.add(unavailable.get(id));
        }
        String where = override.isEmpty() ? "film.yaml shoot:" : "--backend " + override;
        throw new BadInputException(List.of(new Problem(where, 0, 0, "shot " + route.shotId() + " (" + route.kind()
            + ") has no backend it can use: " + String.join("; ", why) + (override.isEmpty() ? "; add a backend "
            + "that is set up, or previs, to shoot.fallback" : "") + "; nothing was submitted")));
    }

    private Optional<Backend> get(String id) {
        if (open.containsKey(id)) return Optional.of(open.get(id));
        if (unavailable.containsKey(id)) return Optional.empty();
        try {
            Backend b = make(id);
            if (b instanceof RemoteBackend r) {
                r.draft(o.shoot().quality() == FilmRender.Quality.DRAFT);
                r.referencesFrom(this::stills);
            }
            open.put(id, b);
            return Optional.of(b);
        } catch (MissingKeyException | Unavailable | IllegalArgumentException e) {
            // the render says once, at the end, that nothing was submitted
            unavailable.put(id, e.getMessage().replaceFirst("; nothing was submitted$", ""));
            return Optional.empty();
        }
    }

    /** A backend that cannot be used here, and why. */
    private static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    private Backend make(String id) {
        Map<String, String> env = o.shoot().env();
        return switch (id) {
            case "previs" -> previs;
            case "comfyui" -> {
                List<String> servers = o.shoot().comfyuiServers();
                if (servers.isEmpty()) servers = ComfyUiBackend.servers(env.getOrDefault("COMFYUI_URL", ""));
                if (servers.isEmpty()) {
                    throw new Unavailable("comfyui has no server: pass --comfyui-url http://127.0.0.1:8188 (several, "
                        + "comma-separated) or set COMFYUI_URL");
                }
                Optional<ComfyWorkflow> workflow = o.shoot().workflow().map(w -> ComfyWorkflow.read(w,
                    o.shoot().workflowMap()));
                if (workflow.isEmpty() && film.shoot().workflow().isPresent()) {
                    workflow = Optional.of(ComfyWorkflow.read(project.resolve(film.shoot().workflow().get()),
                        film.shoot().workflowMap()));
                }
                Function<ShotSpec, Optional<Path>> control = spec -> Optional.empty();
                if (o.shoot().previsControl()) control = spec -> Optional.of(FilmRender.previsDepth(store, previs,
                    spec));
                ComfyUiBackend.Settings cs = ComfyUiBackend.Settings.of(servers);
                yield new ComfyUiBackend(cache, ledger, budget, new ComfyUiBackend.Settings(cs.servers(), workflow,
                    cs.nativeFps(), cs.pixels(), cs.jobTimeout(), o.shoot().pollEvery(), cs.retry()), control);
            }
            default -> {
                HostedBackends.Options d = HostedBackends.Options.DEFAULT;
                // enough for every job in flight to be polled twice an interval, and never under the default
                double rate = Math.max(d.requestsPerSecond(), 2.0 * d.maxConcurrent()
                    / Math.max(1e-3, o.shoot().pollEvery().toMillis() / 1000.0));
                yield HostedBackends.open(id, env, cache, ledger, budget, new HostedBackends.Options(
                    film.shoot().models().getOrDefault(id, ""), o.shoot().pollEvery(), d.jobTimeout(), d.retry(),
                    d.maxConcurrent(), d.kling(), rate));
            }
        };
    }

    /** The extensions a still in {@code assets/} is looked for with, in order. */
    private static final List<String> STILL_EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

    /**
     * Checks that every reference still the film names, or that sits in {@code assets/} under a cast or scene id,
     * decodes as a PNG or JPEG image, before any shot is made or anything is uploaded: a file that is not one (a text
     * file, a password file named .png) is bad input naming the file, never sent.
     *
     * @param film    the film
     * @param project its folder
     * @throws BadInputException listing every reference that is not an image
     */
    static void checkStills(org.cinestack.film.Film film, Path project) {
        List<Path> candidates = new ArrayList<>();
        for (String named : film.shoot().references().values()) candidates.add(project.resolve(named));
        List<String> ids = new ArrayList<>();
        film.cast().forEach(c -> ids.add(c.id()));
        film.scenes().forEach(sc -> ids.add(sc.id()));
        for (String id : ids) {
            for (String ext : STILL_EXTENSIONS) candidates.add(project.resolve("assets").resolve(id + ext));
        }
        List<Problem> problems = new ArrayList<>();
        for (Path p : candidates) {
            if (!Files.isRegularFile(p)) continue; // a missing named one is reported where it is used
            if (!org.cinestack.media.Still.decodes(p)) {
                problems.add(new Problem(p.toString(), 0, 0, "this reference still does not decode as a PNG or JPEG "
                    + "image, so it is not sent to any backend; export the still as PNG or JPEG"));
            }
        }
        if (!problems.isEmpty()) throw new BadInputException(problems);
    }

    /**
     * The reference stills of a shot: each cast member in it, then its scene: the file film.yaml's
     * {@code shoot.references} names, else {@code assets/<id>.png}, {@code .jpg} or {@code .jpeg} when one exists.
     *
     * @param spec the shot
     * @return existing files, cast first
     * @throws BadInputException when film.yaml names a still that does not exist
     */
    List<Path> stills(ShotSpec spec) {
        return stills(film, project, spec);
    }

    /**
     * The reference stills of a shot, as a render sends them ({@link #stills(ShotSpec)}).
     *
     * @param film    the film
     * @param project the folder holding film.yaml
     * @param spec    the shot
     * @return existing files, cast first
     * @throws BadInputException when film.yaml names a still that does not exist
     */
    static List<Path> stills(Film film, Path project, ShotSpec spec) {
        List<Path> out = new ArrayList<>();
        List<String> ids = new ArrayList<>(spec.prompt().castIds());
        ids.add(spec.sceneId());
        for (String id : ids) {
            String named = film.shoot().references().get(id);
            if (named != null) {
                Path p = project.resolve(named);
                if (!Files.isRegularFile(p)) {
                    throw new BadInputException(List.of(new Problem(project.resolve("film.yaml").toString(), 0, 0,
                        "shoot.references: the still for '" + id + "', " + named + ", does not exist; put the image "
                            + "there or fix the path")));
                }
                out.add(p);
                continue;
            }
            for (String ext : STILL_EXTENSIONS) {
                Path p = project.resolve("assets").resolve(id + ext);
                if (Files.isRegularFile(p)) {
                    out.add(p);
                    break;
                }
            }
        }
        return out;
    }
}
