package org.cinestack.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.cinestack.dailies.Dailies;
import org.cinestack.dailies.Defect;
import org.cinestack.dailies.Expected;
import org.cinestack.dailies.TakeMetrics;
import org.cinestack.film.BadInputException;
import org.cinestack.film.CameraMove;
import org.cinestack.film.Problem;
import org.cinestack.media.Conform;
import org.cinestack.media.MediaException;

/** The {@code cinestack dailies} commands. */
@Command(name = "dailies", mixinStandardHelpOptions = true,
    description = {"Measure takes against what their shots asked for.", "",
        "'cinestack dailies FILM' writes the film's dailies report, out/dailies/index.html (one page, no network) "
            + "and out/dailies/dailies.json: every take's first, middle and last frame, its metrics and defects, "
            + "A (circled), B or rejected, and every cut's five elements. It reads what the last render chose "
            + "(film.lock) and measures any take not measured yet; nothing is shot."},
    subcommands = {DailiesCommand.Check.class})
final class DailiesCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILM", arity = "0..1", description = "a film.yaml or the folder holding it")
    Path film;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() throws java.io.IOException {
        if (film == null) {
            commandSpec.commandLine().usage(commandSpec.commandLine().getOut());
            return 0;
        }
        org.cinestack.render.Project project = org.cinestack.render.Project.of(film);
        project.existingFile();
        Path page = org.cinestack.render.DailiesReport.write(project);
        commandSpec.commandLine().getOut().println("dailies: " + page);
        commandSpec.commandLine().getOut().flush();
        return 0;
    }

    /** The {@code cinestack dailies check} command; what it does is its description below. */
    @Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Measure any clip (a hosted model's download, a phone's footage) as dailies measure a take: "
            + "flicker, frozen and black frames, sharpness and its fall, clipping, colour drift and the camera's "
            + "motion, judged against the move it should have; prints the verdict."})
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "CLIP", description = "a video FFmpeg reads")
        Path clip;
        @Option(names = "--move", paramLabel = "MOVE", description = "the move the shot asked for, as in film.yaml "
            + "(static, pan-left, zoom-in, ...); without it the camera is measured, not judged")
        String move;
        @Option(names = "--size", paramLabel = "SIZE", description = "the shot size it asked for, as in film.yaml "
            + "(cu, mcu, ms, ws ...): the largest face is held to that size's framing")
        String size;
        @Option(names = "--screen", paramLabel = "SIDE", description = "where the subject should stand: left, "
            + "center or right")
        String screen;
        @Option(names = "--json", description = "print JSON")
        boolean json;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec commandSpec;

        @Override
        public Integer call() {
            String m = move == null ? "" : move.strip();
            if (!m.isEmpty()) {
                CameraMove parsed = CameraMove.parse(m);
                if (parsed == null) {
                    throw new BadInputException(List.of(new Problem("--move", 0, 0, "unknown move '" + m
                        + "'; allowed: " + String.join(", ", CameraMove.codes()))));
                }
                m = parsed.code();
            }
            double headFill = 0;
            if (size != null) {
                org.cinestack.film.ShotSize parsed = org.cinestack.film.ShotSize.parse(size.strip());
                if (parsed == null) {
                    throw new BadInputException(List.of(new Problem("--size", 0, 0, "unknown size '" + size
                        + "'; allowed: " + String.join(", ", org.cinestack.film.ShotSize.codes()))));
                }
                headFill = org.cinestack.plan.Framing.headFill(parsed);
            }
            String side = screen == null ? "" : screen.strip().toLowerCase(Locale.ROOT);
            if (!List.of("", "left", "center", "right").contains(side)) {
                throw new BadInputException(List.of(new Problem("--screen", 0, 0, "unknown side '" + screen
                    + "'; allowed: left, center, right")));
            }
            WholeMedia.require(clip, false, commandSpec.commandLine().getErr());
            Dailies.Measured measured;
            try {
                Conform.Source source = Conform.probe(clip);
                measured = Dailies.measure(clip, source.fps(), source.frames(), new Expected(m, headFill, side));
            } catch (MediaException e) {
                throw new BadInputException(List.of(new Problem(clip.toString(), 0, 0, "is not a video FFmpeg can "
                    + "decode")));
            }
            TakeMetrics metrics = measured.verdict().metrics();
            List<Defect> defects = measured.verdict().defects();
            boolean rejected = defects.stream().anyMatch(d -> d.severity() == Defect.Severity.MAJOR);
            PrintWriter o = commandSpec.commandLine().getOut();
            if (json) {
                o.println(tools.jackson.databind.json.JsonMapper.builder()
                    .enable(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsString(Map.of("clip", clip.toString(), "move", m, "metrics", metrics, "defects",
                        defects, "rejected", rejected, "sightings", measured.verdict().sightings(), "cuts",
                        measured.cuts())));
            } else {
                o.printf(Locale.ROOT, "%s: %d frames at %.3g fps%n", clip, metrics.frames(), metrics.fps());
                o.printf(Locale.ROOT, "  camera      %+.1f %% across, %+.1f %% down, scale %+.1f %%, roll %+.1f deg, "
                    + "jitter %.2f %%%n", 100 * metrics.motionX(), 100 * metrics.motionY(),
                    100 * (metrics.scaleChange() - 1), metrics.rollDegrees(), 100 * metrics.jitter());
                o.printf(Locale.ROOT, "  flicker     %.2f (VBench temporal, code values), luma %.2f%n",
                    metrics.temporalFlicker(), metrics.lumaFlicker());
                o.printf(Locale.ROOT, "  sharpness   %.0f (Laplacian variance), fall %.0f %%%n", metrics.sharpness(),
                    metrics.sharpnessFallPercent());
                o.printf(Locale.ROOT, "  exposure    %.1f %% clipped, %.1f %% crushed; colour drift %.1f dE00%n",
                    metrics.clippedPercent(), metrics.crushedPercent(), metrics.colourDriftDeltaE());
                for (org.cinestack.dailies.Sighting sight : measured.verdict().sightings()) {
                    o.printf(Locale.ROOT, "  %-17s %d face(s)%s%n", sight.still().replace(".jpg", ""),
                        sight.faces().size(), sight.face().map(f -> String.format(Locale.ROOT, ", the largest %.0f %% "
                        + "of the height at %.0f %% across, looking %s", 100.0 * f[3] / sight.height(),
                        100 * (f[0] + f[2] / 2.0) / sight.width(), sight.gaze().word())).orElse(""));
                }
                for (org.cinestack.dailies.Transition t : measured.cuts()) {
                    o.printf(Locale.ROOT, "  cut at %s: %s (%s)%n", t.to(), t.words(), String.join("; ",
                        t.changes().stream().map(org.cinestack.dailies.Transition.Change::words).toList()));
                }
                for (Defect d : defects) o.println("  " + d.severity().name().toLowerCase(Locale.ROOT) + ": " + d.words());
                o.println(rejected ? "rejected: a major defect" : "passes");
            }
            o.flush();
            return 0;
        }
    }
}
