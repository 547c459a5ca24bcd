package org.cinestack.render;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cinestack.film.BadInputException;
import org.cinestack.film.Film;
import org.cinestack.film.Problem;
import org.cinestack.film.ShootPlan;
import org.cinestack.plan.ShotSpec;
import org.cinestack.shoot.comfyui.ComfyUiBackend;
import org.cinestack.shoot.hosted.HostedBackends;
import org.cinestack.shoot.remote.Budget;
import org.cinestack.shoot.remote.GenerationRequest;
import org.cinestack.shoot.remote.Ledger;
import org.cinestack.shoot.remote.RemoteBackend;

/**
 * What a shot asks each generative backend for, before anything is sent: the request body as that backend receives
 * it, what the shot loses there (a move sent as words, a negative prompt not sent, a clip made longer and cut or
 * shorter and held, no seed) and what it will cost. Built offline, with no key and no network (the backends in their
 * preview form, sending the shot's reference stills as a render does). {@code cinestack prompts --backend} and the
 * studio's shot page read it.
 */
public final class ShotRequests {
    /**
     * One shot's request to one backend.
     *
     * @param backend      the backend's id, "luma" for example
     * @param model        the model or workflow it would use
     * @param body         the request body, JSON
     * @param losses       what the shot loses there, in words (empty when nothing)
     * @param estimatedUsd what one take would cost, US dollars (0 for ComfyUI)
     */
    public record Request(String backend, String model, String body, List<String> losses, double estimatedUsd) {
    }

    private ShotRequests() {
    }

    /**
     * @param project the film's project (its cache holds the ledger the preview never writes to)
     * @param film    the film
     * @param id      a generative backend's id ({@link ShootPlan#BACKENDS} but previs)
     * @return the backend in its preview form, sending the shot's reference stills as a render does
     * @throws BadInputException when the id names no generative backend
     */
    public static RemoteBackend preview(Project project, Film film, String id) {
        Path cache = project.cache();
        RemoteBackend remote;
        if (id.equals("comfyui")) {
            remote = new ComfyUiBackend(cache, new Ledger(cache), Budget.unlimited(), ComfyUiBackend.Settings.of(
                List.of("http://127.0.0.1:8188")), s -> java.util.Optional.empty());
        } else if (HostedBackends.IDS.contains(id)) {
            remote = HostedBackends.preview(id, cache, film.shoot().models().getOrDefault(id, ""));
        } else {
            throw new BadInputException(List.of(new Problem("--backend", 0, 0, "unknown backend '" + id
                + "'; available: " + String.join(", ", ShootPlan.BACKENDS))));
        }
        return remote.referencesFrom(s -> project.stills(film, s));
    }

    /**
     * @param remote a backend in its preview form ({@link #preview})
     * @param spec   a shot
     * @return the shot's request to it
     */
    public static Request of(RemoteBackend remote, ShotSpec spec) {
        return new Request(remote.id(), remote.model(), remote.requestBodyJson(GenerationRequest.of(spec)),
            remote.losses(spec), remote.estimateUsd(spec));
    }

    /**
     * @param project the film's project
     * @param film    the film
     * @param spec    one of its shots
     * @return the shot's request to every generative backend, in {@link ShootPlan#BACKENDS}' order
     */
    public static List<Request> all(Project project, Film film, ShotSpec spec) {
        List<Request> out = new ArrayList<>();
        for (String id : ShootPlan.BACKENDS) {
            if (!id.equals("previs")) out.add(of(preview(project, film, id), spec));
        }
        return out;
    }
}
