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
import org.cinestack.film.Film;
import org.cinestack.film.FilmWriter;
import org.cinestack.film.Problem;
import org.cinestack.render.FilmRender;
import org.cinestack.script.ScriptReader;
import org.cinestack.script.Screenplay;

/** The {@code cinestack breakdown} command; what it does is its description below. */
@Command(name = "breakdown", mixinStandardHelpOptions = true,
    description = {"Break a screenplay (Fountain or Final Draft .fdx) down and plan its coverage as an editable "
        + "film.yaml.", "Each shot records the rule that chose it."})
final class BreakdownCommand implements Callable<Integer> {
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
