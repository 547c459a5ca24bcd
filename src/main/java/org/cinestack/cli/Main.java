package org.cinestack.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.cinestack.breakdown.Breakdown;
import org.cinestack.breakdown.BreakdownReport;
import org.cinestack.breakdown.CoveragePlanner;
import org.cinestack.film.BadInputException;
import org.cinestack.film.Film;
import org.cinestack.film.FilmWriter;
import org.cinestack.media.AudioStream;
import org.cinestack.media.MediaException;
import org.cinestack.mix.Delivery;
import org.cinestack.mix.LoudnessMeter;
import org.cinestack.film.Problem;
import org.cinestack.plan.Plan;
import org.cinestack.plan.Planner;
import org.cinestack.plan.ShotSpec;
import org.cinestack.render.FilmRender;
import org.cinestack.script.ScriptReader;
import org.cinestack.script.Screenplay;

/**
 * The {@code cinestack} command line. Exit codes: 0 success, 1 failure, 2 bad input (the problems are listed, each
 * with file:line:column), 3 a problem of the machine (a native library that cannot be loaded; the message names the
 * fix).
 */
@Command(name = "cinestack", mixinStandardHelpOptions = true, version = "Cinestack 0.1.0",
    description = "An open-source AI film studio: film.yaml in, finished film out.",
    subcommands = {Main.Render.class, Main.PlanCommand.class, Main.Prompts.class, Main.LedgerCommand.class, Main.Validate.class, Main.BreakdownCommand.class,
        Main.Loudness.class, Main.Lut.class, Main.Match.class, Main.Finish.class, Main.Clean.class})
public final class Main implements Callable<Integer> {
    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    /**
     * Runs the command line.
     *
     * @param args arguments
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Checks media a command is about to read: everything its container declares must decode
     * ({@link org.cinestack.media.Integrity}).
     *
     * @param file            the media file
     * @param acceptTruncated true when the user said to go on with what decodes: the loss is then a warning on
     *                        {@code err}
     * @param err             where the warning goes
     * @throws BadInputException when the file cannot be opened as media, or is cut short or damaged and
     *                           {@code acceptTruncated} is false, naming the file, what is lost and the way on
     */
    static void whole(Path file, boolean acceptTruncated, PrintWriter err) {
        org.cinestack.media.Integrity i;
        try {
            i = org.cinestack.media.Integrity.check(file);
        } catch (MediaException e) {
            throw new BadInputException(java.util.List.of(new Problem(file.toString(), 0, 0,
                "is not a video or sound file FFmpeg can open")));
        }
        if (i.whole()) return;
        if (!acceptTruncated) {
            throw new BadInputException(java.util.List.of(new Problem(file.toString(), 0, 0, "is cut short or "
                + "damaged: " + i.lost() + "; copy or export it again, or give --accept-truncated to use what "
                + "decodes")));
        }
        err.println("warning: " + file + " is cut short or damaged: " + i.lost() + "; going on with what decodes "
            + "(--accept-truncated)");
        err.flush();
    }

    /** @return the exit code of running the command line with these arguments */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof BadInputException bad) {
                PrintWriter err = cmd.getErr();
                for (Problem p : bad.problems()) err.println(p);
                err.println(bad.problems().size() + (bad.problems().size() == 1 ? " problem" : " problems")
                    + "; nothing was made or changed.");
                err.flush();
                return BAD_INPUT;
            }
            String env = EnvironmentProblem.describe(e);
            if (env != null) return EnvironmentProblem.report(env, e, cmd.getErr());
            cmd.getErr().println("error: " + FailureWords.of(e));
            if (System.getenv("CINESTACK_DEBUG") != null) e.printStackTrace(cmd.getErr());
            cmd.getErr().flush();
            return 1;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println(e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return BAD_INPUT;
        });
        try {
            return cl.execute(args);
        } catch (LinkageError e) { // picocli hands errors on rather than to the handler above
            String env = EnvironmentProblem.describe(e);
            if (env == null) throw e;
            return EnvironmentProblem.report(env, e, cl.getErr());
        }
    }

    @Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render a film: plan, shoot every shot, cut, finish, mix and deliver out/<slug>.mp4.")
    static final class Render implements Callable<Integer> {
        @Parameters(paramLabel = "FILM", description = "a film.yaml or a folder holding one, or a screenplay "
            + "(.fountain, .fdx) to break down and plan first")
        Path film;
        @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: <project>/out)")
        Path out;
        @Option(names = "--takes", defaultValue = "1", description = "takes per shot, each with its own seed "
            + "(default: ${DEFAULT-VALUE})")
        int takes;
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
        @CommandLine.Spec
        CommandLine.Model.CommandSpec commandSpec;

        @Override
        public Integer call() {
            if (takes < 1 || takes > 20) {
                throw new BadInputException(java.util.List.of(new Problem("--takes", 0, 0, "takes must be 1..20")));
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
                display::warning);
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
            options = options.allowingOutside(allowOutside);
            FilmRender.Result r;
            Path project = FilmRender.filmFile(film).toAbsolutePath().getParent();
            Thread interrupted = new Thread(() -> { // Ctrl-C: say what is kept and how to go on
                display.failed("interrupted");
                System.err.println("interrupted: the takes and shots already made are kept in " + project.resolve(
                    ".cinestack") + "; render again to go on from there");
                System.err.flush();
            });
            Runtime.getRuntime().addShutdownHook(interrupted);
            try {
                r = FilmRender.render(film, options);
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
            if (progressJson) {
                java.util.Map<String, Object> summary = new java.util.LinkedHashMap<>();
                summary.put("event", "summary");
                summary.put("master", r.master().toString());
                summary.put("frames", r.totalFrames());
                summary.put("takesGenerated", r.takesGenerated());
                summary.put("shotsEncoded", r.shotsEncoded());
                summary.put("masterFromCache", r.masterReused());
                summary.put("seconds", (System.nanoTime() - t0) / 1e9);
                summary.put("timeline", r.otio().toString());
                summary.put("provenance", r.provenance().toString());
                o.println(tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(summary));
                o.flush();
                return 0;
            }
            o.printf(Locale.ROOT, "%s: %d frames, %d take(s) generated, master %s, in %.1f s%n", r.master(),
                r.totalFrames(), r.takesGenerated(), r.masterReused() ? "from cache" : r.shotsEncoded() == 0
                    ? "joined from cached shots" : "with " + r.shotsEncoded() + " shot(s) encoded",
                (System.nanoTime() - t0) / 1e9);
            o.println("timeline: " + r.otio());
            o.println("provenance: " + r.provenance());
            o.flush();
            return 0;
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Print the resolved shot list: framing, lens, camera distance, move, frames, seed.")
    static final class PlanCommand implements Callable<Integer> {
        @Parameters(paramLabel = "FILM", description = "a film.yaml, or a folder holding one")
        Path film;
        @Option(names = "--json", description = "print the resolved specs as JSON")
        boolean json;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec commandSpec;

        @Override
        public Integer call() {
            Film f = FilmRender.readFilm(FilmRender.filmFile(film));
            Plan plan = Planner.plan(f);
            PrintWriter o = commandSpec.commandLine().getOut();
            if (json) {
                o.println("[");
                for (int i = 0; i < plan.specs().size(); i++) {
                    o.print(plan.specs().get(i).canonicalJson());
                    o.println(i + 1 < plan.specs().size() ? "," : "");
                }
                o.println("]");
            } else {
                o.printf(Locale.ROOT, "%-14s %-10s %-6s %-14s %6s %6s %8s %7s %6s %10s%n", "shot", "scene", "size",
                    "move", "lens", "stop", "dist m", "cam y", "frames", "seed");
                for (ShotSpec s : plan.specs()) {
                    var p = s.path().start();
                    o.printf(Locale.ROOT, "%-14s %-10s %-6s %-14s %4.0fmm %6s %8.2f %7.2f %6d %10d%n", s.shotId(),
                        s.sceneId(), s.size().code(), s.move(), p.focalLengthMm(), "f/" + s.aperture(),
                        p.focusDistanceM(), p.yM(), s.frameCount(), s.seed());
                }
                o.printf(Locale.ROOT, "%d shots, %d frames, %.1f s at %d fps; picture %dx%d in %dx%d%n",
                    plan.specs().size(), plan.totalFrames(), plan.totalFrames() / (double) f.format().fps(),
                    f.format().fps(), plan.specs().getFirst().pictureWidth(), plan.specs().getFirst().pictureHeight(),
                    f.format().width(), f.format().height());
            }
            o.flush();
            return 0;
        }
    }

    @Command(name = "prompts", mixinStandardHelpOptions = true,
        description = {"Show what each shot asks a generative backend for: the prompt in five sections (subject, "
            + "camera, light, environment, style), the negative prompt, seed and length; then the prompt lints, each "
            + "with its fix."})
    static final class Prompts implements Callable<Integer> {
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
            Path file = FilmRender.filmFile(film).toAbsolutePath();
            Film f = FilmRender.readFilm(file);
            Plan plan = Planner.plan(f);
            org.cinestack.shoot.remote.RemoteBackend remote = null;
            if (backend != null && !backend.equals("previs")) {
                Path cache = file.getParent().resolve(".cinestack");
                if (backend.equals("comfyui")) {
                    remote = new org.cinestack.shoot.comfyui.ComfyUiBackend(cache, new org.cinestack.shoot.remote
                        .Ledger(cache), org.cinestack.shoot.remote.Budget.unlimited(), org.cinestack.shoot.comfyui
                        .ComfyUiBackend.Settings.of(java.util.List.of("http://127.0.0.1:8188")),
                        s -> java.util.Optional.empty());
                } else if (org.cinestack.shoot.hosted.HostedBackends.IDS.contains(backend)) {
                    remote = org.cinestack.shoot.hosted.HostedBackends.preview(backend, cache,
                        f.shoot().models().getOrDefault(backend, ""));
                } else {
                    throw new BadInputException(java.util.List.of(new Problem("--backend", 0, 0, "unknown backend '"
                        + backend + "'; available: " + String.join(", ", org.cinestack.film.ShootPlan.BACKENDS))));
                }
            }
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
                    if (remote != null) m.put("request", remote.requestBody(
                        org.cinestack.shoot.remote.GenerationRequest.of(s)));
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
                    if (remote != null) o.println("  request:     " + remote.requestBody(
                        org.cinestack.shoot.remote.GenerationRequest.of(s)));
                }
                for (var l : lints) o.println("lint: " + l);
                o.printf(Locale.ROOT, "%d shots, %d lints%n", plan.specs().size(), lints.size());
            }
            o.flush();
            return 0;
        }
    }

    @Command(name = "ledger", mixinStandardHelpOptions = true,
        description = {"Summarise what generative backends cost this film, from .cinestack/ledger.jsonl: spend per "
            + "backend, per shot, and on the takes the film uses."})
    static final class LedgerCommand implements Callable<Integer> {
        @Parameters(paramLabel = "FILM", description = "a film.yaml or screenplay, or a folder holding one")
        Path film;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec commandSpec;

        @Override
        public Integer call() {
            Path file = FilmRender.filmFile(film).toAbsolutePath();
            org.cinestack.shoot.remote.Ledger ledger = new org.cinestack.shoot.remote.Ledger(file.getParent()
                .resolve(".cinestack"));
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
            Film f = FilmRender.readFilm(file);
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

    @Command(name = "breakdown", mixinStandardHelpOptions = true,
        description = {"Break a screenplay (Fountain or Final Draft .fdx) down and plan its coverage as an editable "
            + "film.yaml.", "Each shot records the rule that chose it."})
    static final class BreakdownCommand implements Callable<Integer> {
        @Parameters(paramLabel = "SCRIPT", description = "a .fountain (or .spmd, .txt) or .fdx screenplay")
        Path script;
        @Option(names = {"-o", "--output"}, paramLabel = "FILM_YAML", description = "write the film.yaml here "
            + "(default: print it)")
        Path output;
        @Option(names = "--report", description = "print scenes, cast with line counts, pages and running time "
            + "instead of the film.yaml")
        boolean report;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec commandSpec;

        @Override
        public Integer call() throws java.io.IOException {
            Screenplay play = ScriptReader.read(script);
            Breakdown b = Breakdown.of(play);
            Path scriptFolder = script.toAbsolutePath().getParent();
            Film f = CoveragePlanner.plan(b, FilmRender.soundFiles(scriptFolder, output == null ? scriptFolder
                : output.toAbsolutePath().getParent()));
            PrintWriter o = commandSpec.commandLine().getOut();
            PrintWriter err = commandSpec.commandLine().getErr();
            for (Problem w : b.warnings()) err.println("warning: " + w);
            if (report) {
                o.print(BreakdownReport.text(b, f));
            } else {
                String yaml = FilmWriter.yaml(f, java.util.List.of("Broken down from " + script.getFileName()
                    + " by cinestack breakdown: " + b.scenes().size() + " scenes, " + f.shotCount() + " shots.",
                    "Edit freely; each shot's 'rule' says why the planner chose it."));
                if (output == null) {
                    o.print(yaml);
                } else {
                    org.cinestack.media.Staging.writeString(output, yaml);
                    o.printf(Locale.ROOT, "%s: %d scenes, %d shots, %.1f min%n", output, f.scenes().size(),
                        f.shotCount(), BreakdownReport.filmSeconds(f) / 60);
                }
            }
            o.flush();
            err.flush();
            return 0;
        }
    }

    @Command(name = "loudness", mixinStandardHelpOptions = true,
        description = {"Measure an audio or video file after ITU-R BS.1770-4 and EBU R 128: integrated loudness, "
            + "loudness range, true peak, maximum momentary and short-term loudness."})
    static final class Loudness implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "any audio or video file FFmpeg reads")
        Path file;
        @Option(names = "--json", description = "print JSON")
        boolean json;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec commandSpec;

        @Override
        public Integer call() {
            LoudnessMeter[] meter = new LoudnessMeter[1];
            AudioStream.Info info;
            try {
                info = AudioStream.read(file, (rate, channels) -> meter[0] = new LoudnessMeter(rate,
                    LoudnessMeter.weightsFor(channels)), (planar, frames) -> meter[0].add(planar, frames));
            } catch (MediaException e) {
                String why = e.getMessage().startsWith(file + ": ") ? e.getMessage().substring(file.toString().length()
                    + 2) : e.getMessage();
                throw new BadInputException(java.util.List.of(new Problem(file.toString(), 0, 0, why)));
            }
            LoudnessMeter.Result r = meter[0].result();
            PrintWriter o = commandSpec.commandLine().getOut();
            if (json) {
                java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("file", file.toString());
                m.put("sampleRate", info.sampleRate());
                m.put("channels", info.channels());
                m.put("seconds", r.seconds());
                m.put("integratedLufs", num(r.integratedLufs()));
                m.put("loudnessRangeLu", num(r.loudnessRangeLu()));
                m.put("truePeakDbtp", num(r.truePeakDbtp()));
                m.put("samplePeakDbfs", num(r.samplePeakDbfs()));
                m.put("maxMomentaryLufs", num(r.maxMomentaryLufs()));
                m.put("maxShortTermLufs", num(r.maxShortTermLufs()));
                o.println(tools.jackson.databind.json.JsonMapper.builder().build().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(m));
            } else {
                o.printf(Locale.ROOT, "%s: %d Hz, %d channel(s), %.1f s%n", file, info.sampleRate(), info.channels(),
                    r.seconds());
                o.printf(Locale.ROOT, "  integrated      %7.1f LUFS%n", r.integratedLufs());
                o.printf(Locale.ROOT, "  loudness range  %7.1f LU%n", r.loudnessRangeLu());
                o.printf(Locale.ROOT, "  true peak       %7.1f dBTP%n", r.truePeakDbtp());
                o.printf(Locale.ROOT, "  max momentary   %7.1f LUFS%n", r.maxMomentaryLufs());
                o.printf(Locale.ROOT, "  max short-term  %7.1f LUFS%n", r.maxShortTermLufs());
            }
            o.flush();
            return 0;
        }

        /** Rounded to 0.01; JSON has no infinity, so silence is null. */
        private static Double num(double v) {
            return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : null;
        }
    }

    @Command(name = "lut", mixinStandardHelpOptions = true, description = "Colour look-up tables (.cube).",
        subcommands = {Main.LutApply.class})
    static final class Lut implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec commandSpec;

        @Override
        public Integer call() {
            commandSpec.commandLine().usage(commandSpec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Apply a .cube LUT (1D, 3D, or Resolve's shaper + 3D; tetrahedral interpolation) to an image "
            + "(.png, .jpg, .bmp) or a video (any FFmpeg reads; written as H.264 .mp4, picture only)."})
    static final class LutApply implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "LUT", description = "the .cube file")
        Path lut;
        @Parameters(index = "1", paramLabel = "IN", description = "an image or a video")
        Path in;
        @Parameters(index = "2", paramLabel = "OUT", description = "where to write the result (.png/.jpg, or .mp4)")
        Path out;
        @Option(names = "--accept-truncated", description = "go on with what decodes of a video cut short or damaged "
            + "(a warning names what is lost)")
        boolean acceptTruncated;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec commandSpec;

        @Override
        public Integer call() throws java.io.IOException {
            org.cinestack.finish.CubeLut table = org.cinestack.finish.CubeLut.read(lut);
            if (!java.nio.file.Files.isRegularFile(in)) {
                throw new BadInputException(java.util.List.of(new Problem(in.toString(), 0, 0, "no such file")));
            }
            if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
                throw new BadInputException(java.util.List.of(new Problem(out.toString(), 0, 0, "the output would "
                    + "overwrite the input; write it somewhere else")));
            }
            String name = in.getFileName().toString().toLowerCase(Locale.ROOT);
            boolean image = name.matches(".*\\.(png|jpe?g|bmp)$");
            if (!image) whole(in, acceptTruncated, commandSpec.commandLine().getErr());
            long t0 = System.nanoTime();
            int frames = org.cinestack.finish.LutApply.apply(table, in, out, image);
            PrintWriter o = commandSpec.commandLine().getOut();
            o.printf(Locale.ROOT, "%s: %d frame(s) through %s in %.1f s%n", out, frames, lut.getFileName(),
                (System.nanoTime() - t0) / 1e9);
            o.flush();
            return 0;
        }
    }

    @Command(name = "match", mixinStandardHelpOptions = true,
        description = {"Colour continuity of a rendered film: each cut's CIEDE2000 difference between the mean colour "
            + "of the outgoing shot's last frames and the incoming shot's first frames, as cut and after harmonising "
            + "the incoming shot (Monge-Kantorovitch, Reinhard); cuts within a scene above the threshold are flagged."})
    static final class Match implements Callable<Integer> {
        @Parameters(paramLabel = "FILM", description = "a film.yaml or screenplay, or a folder holding one; render it "
            + "first")
        Path film;
        @Option(names = "--threshold", defaultValue = "5", description = "flag cuts above this ΔE00 (default: "
            + "${DEFAULT-VALUE})")
        double threshold;
        @Option(names = "--json", description = "print JSON")
        boolean json;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec commandSpec;

        @Override
        public Integer call() {
            Path file = FilmRender.filmFile(film).toAbsolutePath();
            Film f = FilmRender.readFilm(file);
            Path master = file.getParent().resolve("out").resolve(f.slug() + ".mp4");
            if (!java.nio.file.Files.isRegularFile(master)) {
                throw new BadInputException(java.util.List.of(new Problem(master.toString(), 0, 0, "no master yet; "
                    + "run 'cinestack render " + film + "' first")));
            }
            whole(master, false, commandSpec.commandLine().getErr());
            java.util.List<ShotSpec> specs = Planner.plan(f).specs();
            ShotSpec first = specs.getFirst();
            int[] picture = {(first.deliveryWidth() - first.pictureWidth()) / 2, (first.deliveryHeight()
                - first.pictureHeight()) / 2, first.pictureWidth(), first.pictureHeight()};
            java.util.List<org.cinestack.finish.Continuity.Cut> cuts = org.cinestack.finish.Continuity.measure(master,
                specs.stream().map(ShotSpec::shotId).toList(), specs.stream().map(ShotSpec::sceneId).toList(),
                specs.stream().mapToInt(ShotSpec::frameCount).toArray(), picture, threshold);
            PrintWriter o = commandSpec.commandLine().getOut();
            if (json) {
                o.println(tools.jackson.databind.json.JsonMapper.builder()
                    .enable(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsString(java.util.Map.of("master", master.toString(), "threshold", threshold,
                        "cuts", cuts)));
            } else {
                o.printf(Locale.ROOT, "%-28s %8s %8s %9s%n", "cut", "as cut", "MKL", "Reinhard");
                for (var c : cuts) {
                    o.printf(Locale.ROOT, "%-28s %8.2f %8.2f %9.2f%s%n", c.from() + " -> " + c.to(), c.before(),
                        c.afterMkl(), c.afterReinhard(), c.flagged() ? "   above " + threshold : c.sameScene() ? ""
                            : "   (scene change)");
                }
                long flagged = cuts.stream().filter(org.cinestack.finish.Continuity.Cut::flagged).count();
                o.printf(Locale.ROOT, "%d cuts, %d within a scene above ΔE00 %.1f%n", cuts.size(), flagged, threshold);
            }
            o.flush();
            return 0;
        }
    }

    @Command(name = "finish", mixinStandardHelpOptions = true,
        description = {"The finishing pass on any footage: a look (preset or .cube), grain, an aspect ratio and a "
            + "delivery profile, with the source's sound."})
    static final class Finish implements Callable<Integer> {
        @Parameters(paramLabel = "VIDEO", description = "any video FFmpeg reads")
        Path in;
        @Option(names = "-o", required = true, paramLabel = "OUT", description = "the .mp4 to write")
        Path out;
        @Option(names = "--look", paramLabel = "PRESET", description = "teal-orange, warm-noir, cool-documentary or "
            + "bleach-bypass")
        String look;
        @Option(names = "--lut", paramLabel = "FILE", description = "a .cube LUT (after the preset)")
        Path lut;
        @Option(names = "--grain", defaultValue = "0", description = "grain strength 0..1 (default: ${DEFAULT-VALUE})")
        double grain;
        @Option(names = "--stock", defaultValue = "", description = "film stock for the grain's size: 50D, 250D, 500T, "
            + "16mm")
        String stock;
        @Option(names = "--aspect", paramLabel = "R", description = "mask to this aspect ratio, for example 2.39")
        Double aspect;
        @Option(names = "--profile", defaultValue = "web", description = "master (source size), web (1920x1080), "
            + "vertical (1080x1920), square (1080x1080) (default: ${DEFAULT-VALUE})")
        String profile;
        @Option(names = "--watermark", paramLabel = "TEXT", description = "burn this text into the bottom-right "
            + "corner, for example \"AI-generated\"")
        String watermark;
        @Option(names = "--accept-truncated", description = "go on with what decodes of footage cut short or damaged "
            + "(a warning names what is lost)")
        boolean acceptTruncated;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec commandSpec;

        @Override
        public Integer call() throws java.io.IOException {
            java.util.Optional<org.cinestack.finish.Grade.Preset> preset = java.util.Optional.empty();
            if (look != null) {
                preset = org.cinestack.finish.Grade.Preset.of(look);
                if (preset.isEmpty()) throw new BadInputException(java.util.List.of(new Problem("--look", 0, 0,
                    "unknown look '" + look + "'; allowed: " + String.join(", ", org.cinestack.film.GradeSettings
                    .PRESETS))));
            }
            if (!(grain >= 0 && grain <= 1)) {
                throw new BadInputException(java.util.List.of(new Problem("--grain", 0, 0, "grain must be 0..1")));
            }
            if (!java.nio.file.Files.isRegularFile(in)) {
                throw new BadInputException(java.util.List.of(new Problem(in.toString(), 0, 0, "no such file")));
            }
            java.util.Optional<org.cinestack.finish.CubeLut> cube = lut == null ? java.util.Optional.empty()
                : java.util.Optional.of(org.cinestack.finish.CubeLut.read(lut));
            whole(in, acceptTruncated, commandSpec.commandLine().getErr());
            java.util.Optional<org.cinestack.finish.CubeLut> grade = preset.isEmpty() && cube.isEmpty()
                ? java.util.Optional.empty() : java.util.Optional.of(new org.cinestack.finish.Grade(0, 0, 0.7,
                java.util.Optional.empty(), preset, cube).compile(33));
            long t0 = System.nanoTime();
            int frames = org.cinestack.deliver.FinishFootage.run(in, out, grade, new org.cinestack.finish.Grain(grain,
                0, org.cinestack.finish.Grain.Stock.of(stock)), java.util.Optional.ofNullable(aspect), profile,
                watermark == null ? "" : watermark, f -> { });
            PrintWriter o = commandSpec.commandLine().getOut();
            o.printf(Locale.ROOT, "%s: %d frames, %s, in %.1f s%n", out, frames, profile,
                (System.nanoTime() - t0) / 1e9);
            o.flush();
            return 0;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a film.yaml and list every problem with file:line:column; exit 2 when there are any.")
    static final class Validate implements Callable<Integer> {
        @Parameters(paramLabel = "FILM", description = "a film.yaml, or a folder holding one")
        Path film;
        @Option(names = "--allow-outside", paramLabel = "PATH", description = "let film.yaml name files under PATH "
            + "although it lies outside the film's folder (repeatable)")
        java.util.List<Path> allowOutside = new java.util.ArrayList<>();
        @CommandLine.Spec
        CommandLine.Model.CommandSpec commandSpec;

        @Override
        public Integer call() {
            Film f = FilmRender.readFilm(FilmRender.filmFile(film), allowOutside);
            org.cinestack.film.Limits.shotCountWarning(f.shotCount()).ifPresent(w -> commandSpec.commandLine()
                .getErr().println("warning: " + w));
            commandSpec.commandLine().getOut().printf(Locale.ROOT, "%s: ok (%d scenes, %d shots)%n",
                FilmRender.filmFile(film), f.scenes().size(), f.shotCount());
            commandSpec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "clean", mixinStandardHelpOptions = true,
        description = {"Remove the encoded segments and masters in .cinestack/ that the film's latest render does not "
            + "use and that have gone unused for a while. Takes, the ledger and job journals are always kept."})
    static final class Clean implements Callable<Integer> {
        @Parameters(paramLabel = "FILM", description = "a film.yaml or screenplay, or a folder holding one")
        Path film;
        @Option(names = "--unused-days", defaultValue = "30", paramLabel = "DAYS",
            description = "remove only what has gone unused this many days (default: ${DEFAULT-VALUE}); 0 removes "
                + "everything the latest render does not use")
        int days;
        @Option(names = "--dry-run", description = "list what would be removed, and remove nothing")
        boolean dryRun;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec commandSpec;

        @Override
        public Integer call() throws java.io.IOException {
            if (days < 0) {
                throw new CommandLine.ParameterException(commandSpec.commandLine(), "--unused-days must be 0 or more, "
                    + "not " + days);
            }
            Path file = FilmRender.filmFile(film).toAbsolutePath();
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new BadInputException(java.util.List.of(new Problem(file.toString(), 0, 0, "no such film; "
                    + "give a film.yaml or screenplay, or the folder holding film.yaml")));
            }
            Path cache = file.getParent().resolve(".cinestack");
            PrintWriter o = commandSpec.commandLine().getOut();
            if (!java.nio.file.Files.isDirectory(cache)) {
                o.println("nothing to clean: " + cache + " does not exist");
                o.flush();
                return 0;
            }
            org.cinestack.render.CacheClean.Report r = org.cinestack.render.CacheClean.clean(cache,
                java.time.Duration.ofDays(days), dryRun, java.time.Instant.now());
            for (String f : r.removed()) o.println((dryRun ? "would remove " : "removed ") + f);
            o.printf(Locale.ROOT, "%s %d file(s), %.1f MB; kept %d segment and master file(s); takes are never "
                + "removed%n", dryRun ? "would remove" : "removed", r.removed().size(), r.bytes() / 1e6, r.kept());
            o.flush();
            return 0;
        }
    }
}
