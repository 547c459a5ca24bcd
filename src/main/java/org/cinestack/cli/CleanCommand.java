package org.cinestack.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.cinestack.render.Project;

/** The {@code cinestack clean} command; what it does is its description below. */
@Command(name = "clean", mixinStandardHelpOptions = true,
    description = {"Remove the encoded segments and masters in .cinestack/ that the film's latest render does not "
        + "use and that have gone unused for a while. Takes, the ledger and job journals are always kept."})
final class CleanCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILM", description = "a film.yaml or screenplay, or a folder holding one")
    Path film;
    @Option(names = "--unused-days", defaultValue = "30", paramLabel = "DAYS",
        description = "remove only what has gone unused this many days (default: ${DEFAULT-VALUE}); 0 removes "
            + "everything the latest render does not use")
    int days;
    @Option(names = "--dry-run", description = "list what would be removed, and remove nothing")
    boolean dryRun;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() throws java.io.IOException {
        if (days < 0) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), "--unused-days must be 0 or more, "
                + "not " + days);
        }
        Project project = Project.of(film);
        project.existingFile();
        Path cache = project.cache();
        PrintWriter o = commandSpec.commandLine().getOut();
        if (!java.nio.file.Files.isDirectory(cache)) {
            o.println("nothing to clean: " + cache + " does not exist");
            o.flush();
            return 0;
        }
        org.cinestack.render.CacheClean.Report r = org.cinestack.render.CacheClean.clean(cache,
            java.time.Duration.ofDays(days), dryRun, java.time.Instant.now());
        for (String f : r.removed()) o.println((dryRun ? "would remove " : "removed ") + f);
        o.printf(Locale.ROOT, "%s %d file(s), %.1f MB; kept %d segment and master file(s); takes are never "
            + "removed%n", dryRun ? "would remove" : "removed", r.removed().size(), r.bytes() / 1e6, r.kept());
        o.flush();
        return 0;
    }
}
