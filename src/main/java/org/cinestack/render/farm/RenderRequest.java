package org.cinestack.render.farm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cinestack.mix.Delivery;
import org.cinestack.render.FilmRender;
import org.cinestack.render.RenderListener;

/**
 * A render as a farm worker rebuilds it: the film's file and every option that shapes its job graph, as plain values
 * carried in each queued job (JobRunr stores it as JSON). A worker stages the same render from it ({@link org.cinestack.render.StagedRender}) and
 * so builds the same graph, with the same job ids.
 * <p>
 * The process environment is not carried: keys and server URLs are read on each worker from its own environment, so no
 * secret goes into the database. Paths are absolute: the project must be at the same path on every machine (a shared
 * filesystem). Lists are arrays: JobRunr's JSON mapper refuses to read back the types of Java's collections.
 *
 * @param file           the film.yaml or screenplay, absolute
 * @param out            the output folder, absolute, or null for the project's {@code out/}
 * @param takes          takes per shot
 * @param backend        the backend every shot is sent to, or null for film.yaml's routing
 * @param jobs           threads for a worker's previs and encoding
 * @param delivery       the loudness target's name ({@link Delivery})
 * @param edit           an edit made elsewhere (absolute), or null
 * @param allowOutside   paths outside the film's folder that its paths may name (absolute)
 * @param retakes        retakes allowed per shot
 * @param comfyuiServers ComfyUI base URLs named on the command line
 * @param workflow       the user's ComfyUI workflow (absolute), or null
 * @param workflowMap    "slot=node.input" of that workflow, one an entry
 * @param previsControl  whether the previs depth pass goes to ComfyUI as the control video
 * @param budgetUsd      the render's spending limit, US dollars (a very large number for none)
 * @param pollMillis     how often a waiting job's status is polled, milliseconds
 * @param quality        {@link FilmRender.Quality}'s name
 * @param shots          the shots rendered (their ids), empty for the whole film
 */
public record RenderRequest(String file, String out, int takes, String backend, int jobs, String delivery, String edit,
                            String[] allowOutside, int retakes, String[] comfyuiServers, String workflow,
                            String[] workflowMap, boolean previsControl, double budgetUsd, long pollMillis,
                            String quality, String[] shots) {
    /** What a budget without limit is carried as (JSON has no infinity). */
    private static final double NO_LIMIT = Double.MAX_VALUE;

    /**
     * @param file the film's file
     * @param o    the render's options
     * @return the request a worker rebuilds the render from
     */
    public static RenderRequest of(Path file, FilmRender.Options o) {
        FilmRender.Shoot s = o.shoot();
        return new RenderRequest(file.toAbsolutePath().normalize().toString(),
            o.out() == null ? null : o.out().toAbsolutePath().toString(), o.takes(), o.backend(), o.jobs(),
            o.delivery().name(), o.edit().map(p -> p.toAbsolutePath().toString()).orElse(null),
            o.allowOutside().stream().map(p -> p.toAbsolutePath().toString()).toArray(String[]::new), o.retakes(),
            s.comfyuiServers().toArray(String[]::new), s.workflow().map(p -> p.toAbsolutePath().toString())
            .orElse(null), s.workflowMap().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .toArray(String[]::new), s.previsControl(), Double.isInfinite(s.budgetUsd()) ? NO_LIMIT : s.budgetUsd(),
            s.pollEvery().toMillis(), s.quality().name(), o.shots().toArray(String[]::new));
    }

    /**
     * @param listener hears the worker's part of the render
     * @param env      the worker's environment (its keys and server URLs)
     * @return the render's options, as the coordinator had them
     */
    public FilmRender.Options options(RenderListener listener, Map<String, String> env) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (String e : workflowMap) map.put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
        FilmRender.Shoot shoot = new FilmRender.Shoot(List.of(comfyuiServers), Optional.ofNullable(workflow)
            .map(Path::of), map, previsControl, budgetUsd >= NO_LIMIT ? Double.POSITIVE_INFINITY : budgetUsd,
            Duration.ofMillis(pollMillis), env, FilmRender.Quality.valueOf(quality));
        FilmRender.Options o = new FilmRender.Options(out == null ? null : Path.of(out), takes, backend, jobs, listener,
            Delivery.valueOf(delivery), shoot);
        if (edit != null) o = o.withEdit(Path.of(edit));
        return o.allowingOutside(java.util.Arrays.stream(allowOutside).map(Path::of).toList()).withRetakes(retakes)
            .withShots(List.of(shots));
    }

    /** @return every value, as text: equal for requests of the same render */
    public String key() {
        return String.join("\n", file, String.valueOf(out), String.valueOf(takes), String.valueOf(backend),
            String.valueOf(jobs), delivery, String.valueOf(edit), java.util.Arrays.toString(allowOutside),
            String.valueOf(retakes), java.util.Arrays.toString(comfyuiServers), String.valueOf(workflow),
            java.util.Arrays.toString(workflowMap), String.valueOf(previsControl), String.valueOf(budgetUsd),
            String.valueOf(pollMillis), quality, java.util.Arrays.toString(shots));
    }
}
