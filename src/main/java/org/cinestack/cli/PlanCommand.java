package org.cinestack.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.cinestack.film.Film;
import org.cinestack.plan.Plan;
import org.cinestack.plan.Planner;
import org.cinestack.plan.ShotSpec;
import org.cinestack.render.Project;

/** The {@code cinestack plan} command; what it does is its description below. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Print the resolved shot list: framing, lens, camera distance, move, frames, seed.")
final class PlanCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILM", description = "a film.yaml, or a folder holding one")
    Path film;
    @Option(names = "--json", description = "print the resolved specs as JSON")
    boolean json;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        Film f = Project.of(film).film();
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
