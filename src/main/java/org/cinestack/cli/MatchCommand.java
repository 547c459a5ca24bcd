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
import org.cinestack.plan.Planner;
import org.cinestack.plan.ShotSpec;
import org.cinestack.render.Project;

/** The {@code cinestack match} command; what it does is its description below. */
@Command(name = "match", mixinStandardHelpOptions = true,
    description = {"Colour continuity of a rendered film: each cut's CIEDE2000 difference between the mean colour "
        + "of the outgoing shot's last frames and the incoming shot's first frames, as cut and after harmonising "
        + "the incoming shot (Monge-Kantorovitch, Reinhard); cuts within a scene above the threshold are flagged."})
final class MatchCommand implements Callable<Integer> {
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
        Project project = Project.of(film);
        Film f = project.film();
        Path master = project.master(f);
        if (!java.nio.file.Files.isRegularFile(master)) {
            throw new BadInputException(java.util.List.of(new Problem(master.toString(), 0, 0, "no master yet; "
                + "run 'cinestack render " + film + "' first")));
        }
        WholeMedia.require(master, false, commandSpec.commandLine().getErr());
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
