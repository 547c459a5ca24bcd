package org.cinestack.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.cinestack.film.BadInputException;
import org.cinestack.film.Film;
import org.cinestack.film.Problem;
import org.cinestack.plan.Plan;
import org.cinestack.plan.Planner;
import org.cinestack.plan.ShotSpec;
import org.cinestack.render.Project;

/** The {@code cinestack prompts} command; what it does is its description below. */
@Command(name = "prompts", mixinStandardHelpOptions = true,
    description = {"Show what each shot asks a generative backend for: the prompt in five sections (subject, "
        + "camera, light, environment, style), the negative prompt, seed and length; then the prompt lints, each "
        + "with its fix. With --backend: each shot's request as that backend receives it, what the shot loses there "
        + "(a move sent as words, a negative prompt not sent, a clip made longer and cut or shorter and held, no "
        + "seed) and what it will cost, before anything is sent."})
final class PromptsCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILM", description = "a film.yaml or screenplay, or a folder holding one")
    Path film;
    @Option(names = "--json", description = "print JSON: one object per shot, and the lints")
    boolean json;
    @Option(names = "--backend", paramLabel = "ID", description = "also show each shot's request body as this "
        + "backend receives it (comfyui, runway, luma, kling, fal, replicate, veo), and lint against its limits")
    String backend;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        Project project = Project.of(film);
        Film f = project.film();
        Plan plan = Planner.plan(f);
        org.cinestack.shoot.remote.RemoteBackend remote = backend == null || backend.equals("previs") ? null
            : org.cinestack.render.ShotRequests.preview(project, f, backend);
        java.util.Map<String, org.cinestack.render.Routing.Route> routes = org.cinestack.render.Routing.routes(f,
            backend == null ? "" : backend);
        java.util.List<org.cinestack.plan.PromptLint.Finding> lints = org.cinestack.plan.PromptLint.check(plan,
            remote == null ? 0 : remote.capabilities().maxPromptChars(), remote == null ? 0
                : remote.capabilities().maxClipSeconds());
        PrintWriter o = commandSpec.commandLine().getOut();
        if (json) {
            java.util.List<Object> shots = new java.util.ArrayList<>();
            for (ShotSpec s : plan.specs()) {
                java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("shot", s.shotId());
                m.put("prompt", s.prompt().text());
                m.put("sections", s.prompt());
                m.put("negative", s.prompt().negative());
                m.put("seed", s.seed());
                m.put("seconds", s.durationSeconds());
                m.put("fps", s.fps());
                m.put("width", s.pictureWidth());
                m.put("height", s.pictureHeight());
                m.put("move", s.move());
                m.put("motionStrength", s.motionStrength());
                m.put("kind", routes.get(s.shotId()).kind());
                m.put("backends", routes.get(s.shotId()).chain());
                if (remote != null) {
                    org.cinestack.render.ShotRequests.Request q = org.cinestack.render.ShotRequests.of(remote, s);
                    m.put("request", tools.jackson.databind.json.JsonMapper.builder().build().readTree(q.body()));
                    m.put("loses", q.losses());
                    m.put("estimatedUsd", q.estimatedUsd());
                }
                shots.add(m);
            }
            o.println(tools.jackson.databind.json.JsonMapper.builder()
                .enable(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT).build()
                .writeValueAsString(java.util.Map.of("shots", shots, "lints", lints)));
        } else {
            for (ShotSpec s : plan.specs()) {
                o.printf(Locale.ROOT, "%s  (%.1f s, seed %d, %dx%d)%n", s.shotId(), s.durationSeconds(), s.seed(),
                    s.pictureWidth(), s.pictureHeight());
                o.println("  route:       " + routes.get(s.shotId()).kind() + " -> " + String.join(", then ",
                    routes.get(s.shotId()).chain()));
                o.println("  subject:     " + s.prompt().subject());
                o.println("  camera:      " + s.prompt().camera());
                o.println("  light:       " + s.prompt().light());
                o.println("  environment: " + s.prompt().environment());
                o.println("  style:       " + s.prompt().style());
                o.println("  negative:    " + s.prompt().negative());
                if (remote != null) {
                    org.cinestack.render.ShotRequests.Request q = org.cinestack.render.ShotRequests.of(remote, s);
                    o.println("  request:     " + q.body());
                    for (String loss : q.losses()) o.println("  loses:       " + loss);
                    o.printf(Locale.ROOT, "  cost:        about $%.2f%n", q.estimatedUsd());
                }
            }
            if (remote != null) {
                double total = 0;
                for (ShotSpec s : plan.specs()) total += remote.estimateUsd(s);
                o.printf(Locale.ROOT, "on %s (%s): about $%.2f for %d shots, one take each, before anything is sent%n",
                    backend, remote.model(), total, plan.specs().size());
            }
            for (var l : lints) o.println("lint: " + l);
            o.printf(Locale.ROOT, "%d shots, %d lints%n", plan.specs().size(), lints.size());
        }
        o.flush();
        return 0;
    }
}
