package org.cinestack.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.cinestack.film.BadInputException;
import org.cinestack.film.Problem;
import org.cinestack.render.Circling;
import org.cinestack.render.Project;

/** The {@code cinestack circle} command; what it does is its description below. */
@Command(name = "circle", mixinStandardHelpOptions = true,
    description = {"Circle a take: the cut uses it from the next render on, whatever the dailies' rules say, while "
        + "the shot is unchanged. Kept in film.lock beside film.yaml."})
final class CircleCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILM", description = "a film.yaml or the folder holding it")
    Path film;
    @Parameters(index = "1", paramLabel = "SHOT", description = "the shot's id")
    String shot;
    @Parameters(index = "2", paramLabel = "TAKE", arity = "0..1", description = "the take's number")
    Integer take;
    @Option(names = "--by-rule", description = "hand the shot back to the rules: the next render circles its "
        + "best-scored take")
    boolean byRule;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() throws IOException {
        Project project = Project.of(film);
        project.existingFile();
        PrintWriter o = commandSpec.commandLine().getOut();
        if (byRule) {
            if (take != null) {
                throw new BadInputException(List.of(new Problem("--by-rule", 0, 0, "give a take or --by-rule, not "
                    + "both")));
            }
            int before = Circling.release(project, shot);
            o.println("shot " + shot + ": take " + before + " is no longer the director's; the next render circles "
                + "the best-scored take");
        } else {
            if (take == null) {
                throw new BadInputException(List.of(new Problem("TAKE", 0, 0, "which take? give its number, or "
                    + "--by-rule")));
            }
            Circling.Circled c = Circling.circle(project, shot, take);
            o.println("shot " + shot + ": take " + take + " circled" + c.previous().map(p -> " (was " + p + ")")
                .orElse("") + "; the next render cuts it in (" + c.lock() + ")");
        }
        o.flush();
        return 0;
    }
}
