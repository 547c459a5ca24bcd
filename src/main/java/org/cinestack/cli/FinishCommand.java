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
import org.cinestack.film.Problem;

/** The {@code cinestack finish} command; what it does is its description below. */
@Command(name = "finish", mixinStandardHelpOptions = true,
    description = {"The finishing pass on any footage: a look (preset or .cube), grain, an aspect ratio and a "
        + "delivery profile, with the source's sound."})
final class FinishCommand implements Callable<Integer> {
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
        WholeMedia.require(in, acceptTruncated, commandSpec.commandLine().getErr());
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
