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

import org.cinestack.dailies.Defect;
import org.cinestack.dailies.Rules;
import org.cinestack.dailies.TakeMetrics;
import org.cinestack.film.BadInputException;
import org.cinestack.film.CameraMove;
import org.cinestack.film.Problem;
import org.cinestack.media.Conform;
import org.cinestack.media.MediaException;

/** The {@code cinestack dailies} commands. */
@Command(name = "dailies", mixinStandardHelpOptions = true,
    description = "Measure takes against what their shots asked for.", subcommands = {DailiesCommand.Check.class})
final class DailiesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        commandSpec.commandLine().usage(commandSpec.commandLine().getOut());
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
            WholeMedia.require(clip, false, commandSpec.commandLine().getErr());
            TakeMetrics metrics;
            try {
                metrics = TakeMetrics.measure(clip, Conform.probe(clip).fps());
            } catch (MediaException e) {
                throw new BadInputException(List.of(new Problem(clip.toString(), 0, 0, "is not a video FFmpeg can "
                    + "decode")));
            }
            List<Defect> defects = Rules.judge(metrics, m);
            boolean rejected = defects.stream().anyMatch(d -> d.severity() == Defect.Severity.MAJOR);
            PrintWriter o = commandSpec.commandLine().getOut();
            if (json) {
                o.println(tools.jackson.databind.json.JsonMapper.builder()
                    .enable(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsString(Map.of("clip", clip.toString(), "move", m, "metrics", metrics, "defects",
                        defects, "rejected", rejected)));
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
                for (Defect d : defects) o.println("  " + d.severity().name().toLowerCase(Locale.ROOT) + ": " + d.words());
                o.println(rejected ? "rejected: a major defect" : "passes");
            }
            o.flush();
            return 0;
        }
    }
}
