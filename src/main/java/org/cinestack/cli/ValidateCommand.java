package org.cinestack.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.cinestack.film.Film;
import org.cinestack.render.Project;

/** The {@code cinestack validate} command; what it does is its description below. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check a film.yaml and list every problem with file:line:column; exit 2 when there are any.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILM", description = "a film.yaml, or a folder holding one")
    Path film;
    @Option(names = "--allow-outside", paramLabel = "PATH", description = "let film.yaml name files under PATH "
        + "although it lies outside the film's folder (repeatable)")
    java.util.List<Path> allowOutside = new java.util.ArrayList<>();
    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        Project project = Project.of(film);
        Film f = project.film(allowOutside);
        org.cinestack.film.Limits.shotCountWarning(f.shotCount()).ifPresent(w -> commandSpec.commandLine()
            .getErr().println("warning: " + w));
        commandSpec.commandLine().getOut().printf(Locale.ROOT, "%s: ok (%d scenes, %d shots)%n",
            project.file(), f.scenes().size(), f.shotCount());
        commandSpec.commandLine().getOut().flush();
        return 0;
    }
}
