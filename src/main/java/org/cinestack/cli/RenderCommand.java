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
import org.cinestack.mix.Delivery;
import org.cinestack.film.Problem;
import org.cinestack.render.FilmRender;
import org.cinestack.render.Project;

/** The {@code cinestack render} command; what it does is its description below. */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = "Render a film: plan, shoot every shot, cut, finish, mix and deliver out/<slug>.mp4.")
final class RenderCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILM", description = "a film.yaml or a folder holding one, or a screenplay "
        + "(.fountain, .fdx) to break down and plan first")
    Path film;
    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: <project>/out)")
    Path out;
    @Option(names = "--takes", defaultValue = "1", description = "takes per shot, each with its own seed "
        + "(default: ${DEFAULT-VALUE})")
    int takes;
    @Option(names = "--retakes", paramLabel = "N", defaultValue = "2", description = "when the best take of a shot "
        + "has a major defect in the dailies (a move ignored or reversed, a black frame, flicker ...), shoot up to N "
        + "more, each with the next seed, then mark the shot needs-director (default: ${DEFAULT-VALUE})")
    int retakes;
    @Option(names = "--backend", paramLabel = "ID", description = "make every shot on this backend: previs (built "
        + "in, no GPU), comfyui, runway, luma, kling, fal, replicate or veo (default: the routes of film.yaml's "
        + "shoot: section, else previs); hosted backends read their key from the environment (see the README)")
    String backend;
    @Option(names = "--draft", description = "generative takes small and cheap (half size, the models' lower "
        + "tiers), kept apart from full-quality takes")
    boolean draft;
    @Option(names = "--final", description = "re-render the circled take of each shot (the one the cut uses) at "
        + "full quality with the same seed")
    boolean finalQuality;
    @Option(names = "--comfyui-url", paramLabel = "URL[,URL...]", description = "ComfyUI servers, comma-separated "
        + "(default: the COMFYUI_URL environment variable); jobs spread across them")
    String comfyuiUrl;
    @Option(names = "--comfyui-workflow", paramLabel = "FILE", description = "your own workflow, exported from "
        + "ComfyUI in API format, with {{prompt}}, {{negative}}, {{seed}}, {{frames}}, {{fps}}, {{width}}, "
        + "{{height}}, {{image}}, {{control_video}} placeholders or a --comfyui-map (default: the built-in Wan 2.1 "
        + "templates)")
    Path comfyuiWorkflow;
    @Option(names = "--comfyui-map", paramLabel = "SLOT=NODE.INPUT", split = ",", description = "where a workflow "
        + "without placeholders takes each slot, for example prompt=6.text,seed=3.seed")
    java.util.Map<String, String> comfyuiMap;
    @Option(names = "--previs-control", description = "send each shot's previs depth pass as the control video, "
        + "so the model follows the previs camera move (built-in Wan VACE template)")
    boolean previsControl;
    @Option(names = "--budget-usd", paramLabel = "N", description = "refuse to submit generative jobs that would "
        + "cost more than N US dollars in this render")
    Double budgetUsd;
    @Option(names = "--jobs", description = "threads (default: the number of cores)")
    Integer jobs;
    @Option(names = "--loudness", defaultValue = "web", paramLabel = "TARGET", description = "loudness of the "
        + "master: web (-14 LUFS, -1 dBTP), broadcast (EBU R 128: -23 LUFS, -1 dBTP), atsc (A/85: -24 LKFS, "
        + "-2 dBTP) (default: ${DEFAULT-VALUE})")
    String loudness;
    @Option(names = "--edit", paramLabel = "FILE", description = "cut the film to an edit made elsewhere: the "
        + ".otio or .edl a render wrote, changed in an editing tool (clips keep their shot ids)")
    java.nio.file.Path edit;
    @Option(names = "--allow-outside", paramLabel = "PATH", description = "let film.yaml name files under PATH "
        + "although it lies outside the film's folder (repeatable)")
    java.util.List<Path> allowOutside = new java.util.ArrayList<>();
    @Option(names = "--no-wait", description = "refuse at once when another render of the project is running "
        + "(default: wait for it, saying who it is)")
    boolean noWait;
    @Option(names = "--quiet", description = "no progress (warnings and the summary still print)")
    boolean quiet;
    @Option(names = "--progress-json", description = "write progress events (every stage and shot, frames at "
        + "most ten a second) as one JSON object a line on standard output (event, stage, shot, framesDone, "
        + "framesTotal, framesPerSecond, elapsedSeconds, etaSeconds), the summary last as "
        + "{\"event\":\"summary\",...}")
    boolean progressJson;
    @Option(names = "--farm", paramLabel = "JDBC-URL", description = "render on a farm: queue the film's jobs in "
        + "this PostgreSQL database for `cinestack worker`s to run, and follow them to the end (default: "
        + "$CINESTACK_FARM; without either, the render runs here)")
    String farm;
    @Option(names = "--shot", paramLabel = "ID", split = ",", description = "render only these shots (repeat, or "
        + "comma-separate): their takes are made and judged; every other shot is used as it is in the take store, "
        + "never shot; the film is cut and mastered when every other shot has its takes, else only these shots are "
        + "made")
    java.util.List<String> shots = java.util.List.of();
    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        if (takes < 1 || takes > 20) {
            throw new BadInputException(java.util.List.of(new Problem("--takes", 0, 0, "takes must be 1..20")));
        }
        if (retakes < 0 || retakes > FilmRender.Options.MAX_RETAKES) {
            throw new BadInputException(java.util.List.of(new Problem("--retakes", 0, 0, "retakes must be 0.."
                + FilmRender.Options.MAX_RETAKES)));
        }
        int threads = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (threads < 1 || threads > 64) {
            throw new BadInputException(java.util.List.of(new Problem("--jobs", 0, 0, "jobs must be 1..64")));
        }
        Delivery delivery = Delivery.parse(loudness);
        if (delivery == null) {
            throw new BadInputException(java.util.List.of(new Problem("--loudness", 0, 0, "unknown target '"
                + loudness + "'; allowed: " + String.join(", ", Delivery.codes()))));
        }
        long t0 = System.nanoTime();
        PrintWriter o = commandSpec.commandLine().getOut();
        ProgressDisplay display = new ProgressDisplay(progressJson ? ProgressDisplay.Mode.JSON : quiet
            ? ProgressDisplay.Mode.QUIET : ProgressDisplay.detect(), commandSpec.commandLine().getErr(), o);
        org.cinestack.render.RenderClock bar = new org.cinestack.render.RenderClock(display::event,
            display::warning).hearingJobs(display::job);
        if (budgetUsd != null && !(budgetUsd >= 0)) {
            throw new BadInputException(java.util.List.of(new Problem("--budget-usd", 0, 0, "the budget must be 0 "
                + "or more US dollars")));
        }
        FilmRender.Shoot shoot = new FilmRender.Shoot(comfyuiUrl == null ? java.util.List.of()
            : org.cinestack.shoot.comfyui.ComfyUiBackend.servers(comfyuiUrl), java.util.Optional.ofNullable(
            comfyuiWorkflow), comfyuiMap == null ? java.util.Map.of() : comfyuiMap, previsControl,
            budgetUsd == null ? Double.POSITIVE_INFINITY : budgetUsd, java.time.Duration.ofSeconds(5));
        if (draft && finalQuality) {
            throw new BadInputException(java.util.List.of(new Problem("--draft", 0, 0, "--draft and --final "
                + "cannot go together: draft first, then render --final")));
        }
        shoot = shoot.withQuality(draft ? FilmRender.Quality.DRAFT : finalQuality ? FilmRender.Quality.FINAL
            : FilmRender.Quality.NORMAL);
        FilmRender.Options options = new FilmRender.Options(out, takes, backend, threads, bar, delivery, shoot);
        if (edit != null) options = options.withEdit(edit);
        if (noWait) options = options.withoutWaiting();
        options = options.allowingOutside(allowOutside).withRetakes(retakes).withShots(shots);
        FilmRender.Result r;
        org.cinestack.render.farm.FarmJobRunner farmRunner = null;
        Project project = Project.of(film);
        Thread interrupted = new Thread(() -> { // Ctrl-C: say what is kept and how to go on
            display.failed("interrupted");
            System.err.println("interrupted: the takes and shots already made are kept in " + project.cache()
                + "; render again to go on from there");
            System.err.flush();
        });
        Runtime.getRuntime().addShutdownHook(interrupted);
        try {
            String farmUrl = farm != null ? farm : System.getenv("CINESTACK_FARM");
            if (farmUrl == null || farmUrl.isBlank()) {
                r = FilmRender.render(film, options);
            } else {
                display.farm(true);
                try (org.cinestack.render.farm.Farm f = org.cinestack.render.farm.Farm.connect(farmUrl, 4)) {
                    farmRunner = new org.cinestack.render.farm.FarmJobRunner(f,
                        org.cinestack.render.farm.RenderRequest.of(project.file(), options), display::warning);
                    r = FilmRender.render(film, options, farmRunner);
                }
            }
        } catch (RuntimeException e) {
            display.failed(e.getMessage() == null ? e.toString() : e.getMessage());
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(interrupted);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it has said what it has to say
            }
        }
        bar.finished();
        display.clear();
        if (!r.waitingFor().isEmpty()) { // only the named shots were made: there is no master to name
            if (progressJson) {
                java.util.Map<String, Object> summary = new java.util.LinkedHashMap<>();
                summary.put("event", "summary");
                summary.put("shots", shots);
                summary.put("takesGenerated", r.takesGenerated());
                summary.put("masterWaitsFor", r.waitingFor());
                summary.put("seconds", (System.nanoTime() - t0) / 1e9);
                o.println(tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(summary));
            } else {
                o.printf(Locale.ROOT, "shot(s) %s: %d take(s) generated, in %.1f s; not cut: the master waits for %s "
                    + "(render the film to make them)%n", String.join(", ", shots), r.takesGenerated(),
                    (System.nanoTime() - t0) / 1e9, String.join(", ", r.waitingFor()));
            }
            o.flush();
            return 0;
        }
        if (progressJson) {
            java.util.Map<String, Object> summary = new java.util.LinkedHashMap<>();
            summary.put("event", "summary");
            summary.put("master", r.master().toString());
            summary.put("frames", r.totalFrames());
            summary.put("takesGenerated", r.takesGenerated());
            if (farmRunner != null) summary.put("farmJobsRun", farmRunner.lastMade());
            summary.put("shotsEncoded", r.shotsEncoded());
            summary.put("masterFromCache", r.masterReused());
            summary.put("seconds", (System.nanoTime() - t0) / 1e9);
            summary.put("timeline", r.otio().toString());
            summary.put("provenance", r.provenance().toString());
            o.println(tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(summary));
            o.flush();
            return 0;
        }
        if (farmRunner != null) { // the takes and the master were made by the workers
            o.printf(Locale.ROOT, "%s: %d frames, %d of %d jobs run on the farm (the rest done before), in %.1f s%n",
                r.master(), r.totalFrames(), farmRunner.lastMade(), farmRunner.lastGraphSize(),
                (System.nanoTime() - t0) / 1e9);
        } else {
            o.printf(Locale.ROOT, "%s: %d frames, %d take(s) generated, master %s, in %.1f s%n", r.master(),
                r.totalFrames(), r.takesGenerated(), r.masterReused() ? "from cache" : r.shotsEncoded() == 0
                    ? "joined from cached shots" : "with " + r.shotsEncoded() + " shot(s) encoded",
                (System.nanoTime() - t0) / 1e9);
        }
        o.println("timeline: " + r.otio());
        o.println("provenance: " + r.provenance());
        java.nio.file.Path dailies = r.master().getParent().resolve("dailies").resolve("index.html");
        if (java.nio.file.Files.isRegularFile(dailies)) o.println("dailies: " + dailies);
        o.flush();
        return 0;
    }
}
