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

/** The {@code cinestack lut apply} command; what it does is its description below. */
@Command(name = "apply", mixinStandardHelpOptions = true,
    description = {"Apply a .cube LUT (1D, 3D, or Resolve's shaper + 3D; tetrahedral interpolation) to an image "
        + "(.png, .jpg, .bmp) or a video (any FFmpeg reads; written as H.264 .mp4, picture only)."})
final class LutApplyCommand implements Callable<Integer> {
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
        if (!image) WholeMedia.require(in, acceptTruncated, commandSpec.commandLine().getErr());
        long t0 = System.nanoTime();
        int frames = org.cinestack.finish.LutApply.apply(table, in, out, image);
        PrintWriter o = commandSpec.commandLine().getOut();
        o.printf(Locale.ROOT, "%s: %d frame(s) through %s in %.1f s%n", out, frames, lut.getFileName(),
            (System.nanoTime() - t0) / 1e9);
        o.flush();
        return 0;
    }
}
