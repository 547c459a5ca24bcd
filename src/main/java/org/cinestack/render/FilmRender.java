package org.cinestack.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;

import org.cinestack.render.graph.GraphRun;
import org.cinestack.render.graph.LocalJobRunner;

import org.cinestack.deliver.Deliverable;
import org.cinestack.edit.Recut;
import org.cinestack.edit.Timeline;
import org.cinestack.film.BadInputException;
import org.cinestack.film.CastMember;
import org.cinestack.dailies.FilmLock;
import org.cinestack.film.Film;
import org.cinestack.breakdown.Breakdown;
import org.cinestack.breakdown.CoveragePlanner;
import org.cinestack.film.FilmReader;
import org.cinestack.film.Problem;
import org.cinestack.film.Scene;
import org.cinestack.film.Shot;
import org.cinestack.film.ShootPlan;
import org.cinestack.mix.Delivery;
import org.cinestack.shoot.remote.RemoteBackend;
import org.cinestack.mix.Soundtrack;
import org.cinestack.mix.Speech;
import org.cinestack.plan.Plan;
import org.cinestack.script.ScriptReader;
import org.cinestack.plan.Planner;
import org.cinestack.plan.ShotSpec;
import org.cinestack.shoot.Backend;
import org.cinestack.shoot.Take;
import org.cinestack.shoot.TakeStore;
import org.cinestack.shoot.previs.PrevisBackend;

/**
 * {@code cinestack render}: the composition of the stages, film -> plan -> shoot -> edit -> finish + mix -> deliver,
 * with the take store and a master cache, so a render with nothing changed makes nothing, and a change to one shot
 * remakes that shot's take and the final assembly only.
 *
 * <p>Nothing in the output folder is touched before the film has been read and validated.
 */
public final class FilmRender {
    /** Bump when the master's making changes, so cached masters are not reused. */
    static final String MASTER_VERSION = "master-7"; // 2: stems, ambience beds, loudness-normalised mix; 3: music, J/L-cuts; 4: grain by stock; 5: grade; 6: per-shot grades and grain, segments; 7: 4:2:0 pass, colour tags
    /** The stems written beside the master when the film has them. */
    static final List<String> STEMS = List.of("dialogue", "ambience", "effects", "music");

    /**
     * Options of a render.
     *
     * @param out      output folder; null for {@code <project>/out}
     * @param takes    takes per shot, 1..20
     * @param backend  backend id: {@code previs} (built in) or {@code comfyui}
     * @param jobs     threads, 1..64
     * @param listener progress
     * @param delivery loudness target of the master's sound
     * @param shoot    settings of generative backends
     * @param edit     an edit made elsewhere to cut the film to ({@code .otio} or {@code .edl}, see {@link Recut}),
     *                 or empty for the film's own cut
     * @param waitForOthers true to wait while another render holds the project's {@link RenderLock}, false to refuse
     * @param allowOutside  files or folders outside the film's folder that its paths may name
     * @param retakes  takes shot after the ones wanted when the best so far has a major defect, 0..{@value
     *                 #MAX_RETAKES} (each with the next seed; {@link #DEFAULT_RETAKES} by default)
     * @param shots    the shots to render (their ids), or empty for the whole film. Only these shots' takes are
     *                 made; every other shot is taken as it is in the take store, never shot nor retaken. When every
     *                 other shot has its takes there, the film is cut and mastered with them; otherwise only these
     *                 shots are made and the master waits ({@link Result#waitingFor()})
     */
    public record Options(Path out, int takes, String backend, int jobs, RenderListener listener, Delivery delivery,
                          Shoot shoot, Optional<Path> edit, boolean waitForOthers, List<Path> allowOutside,
                          int retakes, List<String> shots) {
        /** Retakes by default: two passes, then the shot needs the director. */
        public static final int DEFAULT_RETAKES = 2;
        /** The most retakes a shot may have. */
        public static final int MAX_RETAKES = 10;

        /** Options with the film's own cut. */
        public Options(Path out, int takes, String backend, int jobs, RenderListener listener, Delivery delivery,
                       Shoot shoot) {
            this(out, takes, backend, jobs, listener, delivery, shoot, Optional.empty(), true, List.of(),
                DEFAULT_RETAKES, List.of());
        }

        /** @return these options cutting the film to an edit made elsewhere */
        public Options withEdit(Path file) {
            return new Options(out, takes, backend, jobs, listener, delivery, shoot, Optional.of(file), waitForOthers,
                allowOutside, retakes, shots);
        }

        /** @return these options refusing at once, rather than waiting, when another render holds the project */
        public Options withoutWaiting() {
            return new Options(out, takes, backend, jobs, listener, delivery, shoot, edit, false, allowOutside,
                retakes, shots);
        }

        /** @return these options letting film.yaml name files under these paths outside the film's folder */
        public Options allowingOutside(List<Path> paths) {
            return new Options(out, takes, backend, jobs, listener, delivery, shoot, edit, waitForOthers,
                List.copyOf(paths), retakes, shots);
        }

        /** @return these options with this many retakes allowed per shot */
        public Options withRetakes(int n) {
            return new Options(out, takes, backend, jobs, listener, delivery, shoot, edit, waitForOthers,
                allowOutside, n, shots);
        }

        /**
         * @param usd the most this render may spend on generative takes, US dollars
         * @return these options with that budget
         */
        public Options withBudgetUsd(double usd) {
            return new Options(out, takes, backend, jobs, listener, delivery, new Shoot(shoot.comfyuiServers(),
                shoot.workflow(), shoot.workflowMap(), shoot.previsControl(), usd, shoot.pollEvery(), shoot.env(),
                shoot.quality()), edit, waitForOthers, allowOutside, retakes, shots);
        }

        /**
         * @param ids shots' ids, or empty for the whole film
         * @return these options rendering only those shots (see {@link #shots()})
         */
        public Options withShots(List<String> ids) {
            return new Options(out, takes, backend, jobs, listener, delivery, shoot, edit, waitForOthers,
                allowOutside, retakes, List.copyOf(ids));
        }

        /** Options with the web loudness target. */
        public Options(Path out, int takes, String backend, int jobs, RenderListener listener) {
            this(out, takes, backend, jobs, listener, Delivery.WEB);
        }

        /** Options without generative settings. */
        public Options(Path out, int takes, String backend, int jobs, RenderListener listener, Delivery delivery) {
            this(out, takes, backend, jobs, listener, delivery, Shoot.DEFAULT);
        }
    }

    /** How good and how cheap generative takes are. */
    public enum Quality {
        /** Half-size requests at the models' lower tiers; takes kept apart from full-quality ones. */
        DRAFT,
        /** Full quality, as many takes as asked. */
        NORMAL,
        /** Full quality, only the circled take of each shot (take 1, the one the cut uses), with its seed. */
        FINAL
    }

    /**
     * Settings of generative backends.
     *
     * @param comfyuiServers ComfyUI base URLs; empty means the {@code COMFYUI_URL} variable (comma-separated)
     * @param workflow       the user's API-format ComfyUI workflow; empty for film.yaml's or the built-in templates
     * @param workflowMap    slot to {@code "<node id>.<input>"} for a workflow without placeholders
     * @param previsControl  send each shot's previs depth pass as the control video (video-to-video)
     * @param budgetUsd      the most this render may spend, US dollars
     * @param pollEvery      how often a waiting job's status is polled
     * @param env            where keys and server URLs are read (the process environment)
     * @param quality        draft, normal or final
     */
    public record Shoot(List<String> comfyuiServers, Optional<Path> workflow, java.util.Map<String, String> workflowMap,
                        boolean previsControl, double budgetUsd, java.time.Duration pollEvery,
                        java.util.Map<String, String> env, Quality quality) {
        /** No servers named, built-in workflows, no control video, no budget limit, polls every 5 s. */
        public static final Shoot DEFAULT = new Shoot(List.of(), Optional.empty(), java.util.Map.of(), false,
            Double.POSITIVE_INFINITY, java.time.Duration.ofSeconds(5));

        /** Settings read from the process environment, at normal quality. */
        public Shoot(List<String> comfyuiServers, Optional<Path> workflow, java.util.Map<String, String> workflowMap,
                     boolean previsControl, double budgetUsd, java.time.Duration pollEvery) {
            this(comfyuiServers, workflow, workflowMap, previsControl, budgetUsd, pollEvery, System.getenv(),
                Quality.NORMAL);
        }

        /** @return these settings reading another environment */
        public Shoot withEnv(java.util.Map<String, String> e) {
            return new Shoot(comfyuiServers, workflow, workflowMap, previsControl, budgetUsd, pollEvery, e, quality);
        }

        /** @return these settings at another quality */
        public Shoot withQuality(Quality q) {
            return new Shoot(comfyuiServers, workflow, workflowMap, previsControl, budgetUsd, pollEvery, env, q);
        }
    }

    /**
     * What a render did.
     *
     * @param master          the master file
     * @param otio            the OpenTimelineIO file
     * @param provenance      the provenance record
     * @param takesGenerated  takes made in this run
     * @param totalFrames     frames of the film
     * @param masterReused    whether the master came from the cache
     * @param warnings        what the user should know
     * @param shotsEncoded    shots whose master segment was encoded in this run (0 when all came from the cache)
     * @param waitingFor      when only some shots were rendered ({@link Options#shots()}) and others have no takes
     *                        yet: those others, in the plan's order; the master, the OTIO file and the provenance are
     *                        then null (nothing was cut). Empty otherwise
     */
    public record Result(Path master, Path otio, Path provenance, int takesGenerated, int totalFrames,
                         boolean masterReused, List<String> warnings, int shotsEncoded, List<String> waitingFor) {
    }

    private FilmRender() {
    }

    /**
     * Reads a film.yaml, or breaks down a screenplay (Fountain or Final Draft) and plans its coverage.
     *
     * @param file a film.yaml, .fountain, .spmd, .txt or .fdx file
     * @return the film
     * @throws BadInputException when the file cannot be used
     */
    public static Film readFilm(Path file) {
        return readFilm(file, List.of());
    }

    /**
     * Reads a film, from film.yaml or from a screenplay (broken down and planned), its paths allowed outside its
     * folder under the given paths.
     *
     * @param file           a film.yaml, .fountain, .spmd, .txt or .fdx file
     * @param allowedOutside files or folders outside the film's folder that film.yaml may name
     * @return the film
     * @throws BadInputException when the file cannot be used
     */
    public static Film readFilm(Path file, List<Path> allowedOutside) {
        if (ScriptReader.isScript(file)) {
            Path folder = file.toAbsolutePath().getParent();
            return CoveragePlanner.plan(Breakdown.of(ScriptReader.read(file)), soundFiles(folder, folder));
        }
        return FilmReader.read(file, allowedOutside);
    }

    /**
     * Renders a film.
     *
     * @param fileOrDir a film.yaml or the project folder holding it
     * @param o         options
     * @return what was made
     * @throws BadInputException when the film is invalid (nothing is written)
     */
    public static Result render(Path fileOrDir, Options o) {
        return render(fileOrDir, o, new LocalJobRunner(Math.max(1, o.jobs())));
    }

    /**
     * Renders a film, its job graph run by the given runner (in this process, or a farm's).
     *
     * @param fileOrDir a film.yaml or the project folder holding it
     * @param o         options
     * @param runner    runs the job graph; once it returns every job has ended
     * @return what was made
     * @throws BadInputException when the film is invalid (nothing is written)
     */
    public static Result render(Path fileOrDir, Options o, org.cinestack.render.graph.JobRunner runner) {
        try (StagedRender staged = StagedRender.of(fileOrDir, o, true)) {
            GraphRun run;
            try {
                run = runner.run(staged.graph().graph(), o.listener()::job);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted: the takes and shots already made are kept", e);
            }
            FilmJobs jobs = staged.jobs();
            if (!run.succeeded()) throw staged.graph().failure(run, jobs.generated.get());
            if (staged.graph().cut() == null) { // the shots named were made; their choices go to film.lock
                Map<String, DailiesJobs.Dailied> chosen = new java.util.HashMap<>();
                for (GraphRun.Outcome out : run.outcomes().values()) {
                    if (out instanceof GraphRun.Succeeded s && s.job().kind() == org.cinestack.render.graph.JobKind
                        .DAILIES) {
                        chosen.put(s.job().subject(), (DailiesJobs.Dailied) s.result());
                    }
                }
                try {
                    jobs.dailies.writeLock(chosen);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return new Result(null, null, null, jobs.generated.get(), 0, false, staged.warnings(), 0,
                    staged.waitingFor());
            }
            FilmJobs.Cut cut = run.result(staged.graph().cut(), FilmJobs.Cut.class);
            Path master = run.result(staged.graph().interchange(), Path.class);
            return new Result(master, staged.out().resolve(staged.film().slug() + ".otio"),
                run.result(staged.graph().provenance(), Path.class), jobs.generated.get(), cut.totalFrames(),
                cut.reused(), staged.warnings(), jobs.shotsEncoded, List.of());
        }
    }

    /**
     * The files under {@code scriptFolder/assets} (any depth, in name order), as paths relative to the folder the film
     * will live in, with '/' separators: the candidates for a screenplay's capitalised sounds.
     *
     * @param scriptFolder the screenplay's folder
     * @param filmFolder   the folder of the film.yaml that will name them (the same folder when rendering a script)
     * @return relative paths; empty when there is no assets folder
     */
    public static List<String> soundFiles(Path scriptFolder, Path filmFolder) {
        Path assets = scriptFolder.resolve("assets");
        if (!Files.isDirectory(assets)) return List.of();
        try (var files = Files.walk(assets)) {
            return files.filter(Files::isRegularFile).sorted()
                .map(f -> filmFolder.toAbsolutePath().relativize(f.toAbsolutePath()).toString().replace('\\', '/'))
                .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** @return the take numbers 1..wanted not among the takes made (a failed take 2 leaves a gap before take 3) */
    static List<Integer> missingTakes(List<Take> made, int wanted) {
        java.util.Set<Integer> have = new java.util.HashSet<>();
        for (Take t : made) have.add(t.number());
        return java.util.stream.IntStream.rangeClosed(1, wanted).filter(n -> !have.contains(n)).boxed().toList();
    }

    /**
     * @param failures the takes of a shot that failed
     * @param made     the takes of it made in this render
     * @return the failure to report: the first one's message, how many more failed, what is kept; or, when the first
     *         was reported in full where it ran ({@link org.cinestack.render.graph.ReportedFailure}), its message
     */
    static org.cinestack.shoot.remote.ShootException shootFailed(List<RuntimeException> failures, int made) {
        RuntimeException first = failures.getFirst();
        if (first instanceof org.cinestack.render.graph.ReportedFailure) { // said in full where the shot ran
            return new org.cinestack.shoot.remote.ShootException(first.getMessage(), first);
        }
        return new org.cinestack.shoot.remote.ShootException(first.getMessage() + (failures.size() > 1 ? " (and "
            + (failures.size() - 1) + " more failed jobs; " : " (") + made + " takes were made and are kept; render "
            + "again to retry the rest)", first);
    }

    /** The previs depth pass of a shot (its first previs take, rendered now if it is not in the store). */
    static synchronized Path previsDepth(TakeStore store, PrevisBackend previs, ShotSpec spec) {
        List<Take> takes = store.takes(TakeStore.digest(spec, previs));
        Take t = takes.isEmpty() ? store.shoot(spec, previs, 1, (a, b) -> { }) : takes.getFirst();
        return t.folder().resolve("depth.mp4");
    }

    /** The film's mix and stems cut to an edit made elsewhere, normalised and limited to the delivery again. */
    static Soundtrack.Mix recutMix(Soundtrack.Mix m, Timeline cut, List<String> shotIds, int[] frames,
                                           Delivery delivery) {
        return Soundtrack.recut(m, s -> Recut.sound(s, cut, shotIds, frames, cut.fps(), Soundtrack.RATE), delivery);
    }

    /**
     * Draws the film's watermark once for each deliverable that will carry it.
     *
     * @throws BadInputException when it does not fit a deliverable's frame, or no font can draw it
     */
    static void checkWatermark(Film film, Path file) {
        if (film.watermark().isEmpty()) return;
        for (String p : film.deliver()) {
            Deliverable d = Deliverable.of(p);
            if (!d.watermarked()) continue;
            int[] size = d.size(film.format().width(), film.format().height());
            try {
                new org.cinestack.finish.Watermark(film.watermark(), size[0], size[1]);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new BadInputException(List.of(new Problem(file.toString(), 0, 0, "watermark: " + e.getMessage()
                    + " (the " + p + " deliverable)")));
            }
        }
    }

    /** @return a grade in words for the provenance record; empty for none */
    static String describe(org.cinestack.film.GradeSettings g) {
        return g.isNone() ? "" : String.format(Locale.ROOT, "preset %s, lut %s, exposure %+.2f stops, contrast %.2f, "
            + "skin %.2f", g.preset().isEmpty() ? "none" : g.preset(), g.lut().isEmpty() ? "none" : g.lut(),
            g.exposureStops(), g.contrast(), g.skinProtection());
    }

    /** @return each shot's grade in plan order: the film's look with the shot's own changes */
    static List<org.cinestack.film.GradeSettings> shotGrades(Film film) {
        return film.scenes().stream().flatMap(sc -> sc.shots().stream())
            .map(sh -> sh.grade().over(film.look().grade())).toList();
    }

    /**
     * Reads every .cube file the film's grades name (the look's and the shots').
     *
     * @return LUTs by the path film.yaml gives
     * @throws BadInputException when a file is missing or not a LUT (before anything is shot)
     */
    static Map<String, org.cinestack.finish.CubeLut> gradeFiles(Film film, Path file) {
        Map<String, org.cinestack.finish.CubeLut> luts = new java.util.LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        readLut(film.look().grade().lut(), "look.lut", 0, file, luts, problems);
        for (Scene sc : film.scenes()) {
            for (Shot sh : sc.shots()) {
                sh.grade().lut().ifPresent(l -> readLut(l, "shot " + sh.id() + ": grade.lut", sh.line(), file, luts,
                    problems));
            }
        }
        if (!problems.isEmpty()) throw new BadInputException(problems);
        return luts;
    }

    private static void readLut(String lut, String where, int line, Path file,
                                Map<String, org.cinestack.finish.CubeLut> luts, List<Problem> problems) {
        if (lut.isEmpty() || luts.containsKey(lut)) return;
        Path path = file.getParent().resolve(lut);
        if (!Files.isRegularFile(path)) {
            problems.add(new Problem(file.toString(), line, 0, where + ": " + lut + " does not exist; put the .cube "
                + "file there or fix the path"));
            return;
        }
        luts.put(lut, org.cinestack.finish.CubeLut.read(path));
    }

    /**
     * Each shot's grade as one 33^3 LUT (empty for a shot without one), in plan order. A shot with
     * {@code grade.match} is harmonised to the matched shot's take: both takes' colours are sampled after their own
     * exposure and contrast, and the transfer (MKL or Reinhard) sits between contrast and the look, as the colourist's
     * order has it ({@link org.cinestack.finish.Grade}). Shots with the same grade share one table.
     */
    static List<Optional<org.cinestack.finish.CubeLut>> gradeLuts(Film film, List<ShotSpec> specs, List<Take> takes,
                                                                  Map<String, org.cinestack.finish.CubeLut> luts) {
        List<org.cinestack.film.GradeSettings> settings = shotGrades(film);
        List<Shot> shots = film.scenes().stream().flatMap(sc -> sc.shots().stream()).toList();
        Map<String, Optional<org.cinestack.finish.CubeLut>> compiled = new java.util.HashMap<>();
        List<Optional<org.cinestack.finish.CubeLut>> out = new ArrayList<>();
        for (int i = 0; i < shots.size(); i++) {
            org.cinestack.film.GradeSettings g = settings.get(i);
            String match = shots.get(i).grade().match();
            Optional<org.cinestack.finish.ColourMatch.Transform> harmonise = Optional.empty();
            if (!match.isEmpty()) {
                int ref = java.util.stream.IntStream.range(0, shots.size()).filter(k -> shots.get(k).id().equals(match))
                    .findFirst().orElseThrow();
                double[] source = beforeLook(g, org.cinestack.finish.Continuity.pixels(takes.get(i).media(),
                    specs.get(i).frameCount()));
                double[] reference = beforeLook(settings.get(ref), org.cinestack.finish.Continuity.pixels(
                    takes.get(ref).media(), specs.get(ref).frameCount()));
                harmonise = Optional.of(shots.get(i).grade().method().equals("reinhard")
                    ? org.cinestack.finish.ColourMatch.reinhard(source, reference)
                    : org.cinestack.finish.ColourMatch.mkl(source, reference));
            } else if (g.isNone()) {
                out.add(Optional.empty());
                continue;
            }
            Optional<org.cinestack.finish.ColourMatch.Transform> h = harmonise;
            java.util.function.Supplier<Optional<org.cinestack.finish.CubeLut>> make = () -> Optional.of(
                new org.cinestack.finish.Grade(g.exposureStops(), g.contrast(), g.skinProtection(), h,
                    g.preset().isEmpty() ? Optional.empty() : org.cinestack.finish.Grade.Preset.of(g.preset()),
                    g.lut().isEmpty() ? Optional.empty() : Optional.of(luts.get(g.lut()))).compile(33));
            out.add(h.isPresent() ? make.get() : compiled.computeIfAbsent(g.toString(), k -> make.get()));
        }
        return out;
    }

    /** @return sRGB samples through a grade's exposure and contrast alone (what harmonisation sees) */
    private static double[] beforeLook(org.cinestack.film.GradeSettings g, double[] rgb) {
        org.cinestack.finish.Grade first = new org.cinestack.finish.Grade(g.exposureStops(), g.contrast(), 0,
            Optional.empty(), Optional.empty(), Optional.empty());
        return ((org.cinestack.finish.ColourMatch.Transform) first::apply).applyAll(rgb);
    }

    /** Digest of everything the master depends on: the takes, the cut, the finish and the sound. */
    static String masterKey(Film film, List<Take> takes, List<ShotSpec> specs, String speech, Delivery delivery,
                            Path project) throws IOException {
        StringBuilder sb = new StringBuilder(MASTER_VERSION).append('\n');
        sb.append(film.format()).append('\n').append(film.look().grain()).append('\n').append(film.seed()).append('\n');
        sb.append(film.look().stock()).append('\n').append(film.look().grade()).append('\n');
        for (Scene s : film.scenes()) { // the shots' grades, and the content of every LUT file they name
            for (Shot sh : s.shots()) sb.append(sh.id()).append(' ').append(sh.grade()).append('\n');
        }
        for (String lut : new java.util.TreeSet<>(shotGrades(film).stream().map(g -> g.lut())
            .filter(l -> !l.isEmpty()).toList())) {
            sb.append(lut).append(' ').append(TakeStore.sha256(project.resolve(lut))).append('\n');
        }
        for (int i = 0; i < takes.size(); i++) {
            sb.append(takes.get(i).mediaDigest()).append(' ').append(specs.get(i).frameCount()).append('\n');
        }
        sb.append("speech=").append(speech).append(" delivery=").append(delivery).append('\n');
        List<org.cinestack.film.SoundCue> cues = new ArrayList<>();
        for (Scene s : film.scenes()) {
            sb.append(s.parsed()).append(' ').append(s.weather()).append(s.ambience()).append(s.music()).append('\n');
            s.ambience().ifPresent(cues::add);
            s.music().ifPresent(cues::add);
            for (Shot sh : s.shots()) {
                sb.append(sh.dialogue()).append(sh.effects()).append('\n');
                cues.addAll(sh.effects());
            }
        }
        for (var cue : cues) { // a sound file's content, not just its name
            if (cue.file().isPresent() && Files.isRegularFile(project.resolve(cue.file().get()))) {
                sb.append(TakeStore.sha256(project.resolve(cue.file().get()))).append('\n');
            }
        }
        for (CastMember c : film.cast()) {
            sb.append(c.id()).append('=').append(c.voice()).append(' ').append(c.pitch()).append(' ')
                .append(c.wordsPerMinute()).append('\n');
        }
        return ShotSpec.sha256(sb.toString());
    }
}
