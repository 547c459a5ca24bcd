package org.cinestack.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import org.cinestack.film.BadInputException;
import org.cinestack.film.Problem;

/**
 * The {@code cinestack} command line. Exit codes: 0 success, 1 failure, 2 bad input (the problems are listed, each
 * with file:line:column), 3 a problem of the machine (a native library that cannot be loaded; the message names the
 * fix).
 */
@Command(name = "cinestack", mixinStandardHelpOptions = true, version = "Cinestack 0.1.0",
    description = "An open-source AI film studio: film.yaml in, finished film out.",
    subcommands = {RenderCommand.class, PlanCommand.class, PromptsCommand.class, LedgerCommand.class,
        ValidateCommand.class, BreakdownCommand.class, LoudnessCommand.class, LutCommand.class, MatchCommand.class,
        FinishCommand.class, CleanCommand.class, DailiesCommand.class, CircleCommand.class, StudioCommand.class,
        WorkerCommand.class, FarmCommand.class})
public final class Main implements Callable<Integer> {
    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    /**
     * Runs the command line.
     *
     * @param args arguments
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }


    /** @return the exit code of running the command line with these arguments */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof BadInputException bad) {
                PrintWriter err = cmd.getErr();
                for (Problem p : bad.problems()) err.println(p);
                err.println(bad.problems().size() + (bad.problems().size() == 1 ? " problem" : " problems")
                    + "; nothing was made or changed.");
                err.flush();
                return BAD_INPUT;
            }
            String env = EnvironmentProblem.describe(e);
            if (env != null) return EnvironmentProblem.report(env, e, cmd.getErr());
            cmd.getErr().println("error: " + FailureWords.of(e));
            if (System.getenv("CINESTACK_DEBUG") != null) e.printStackTrace(cmd.getErr());
            cmd.getErr().flush();
            return 1;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println(e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return BAD_INPUT;
        });
        try {
            return cl.execute(args);
        } catch (LinkageError e) { // picocli hands errors on rather than to the handler above
            String env = EnvironmentProblem.describe(e);
            if (env == null) throw e;
            return EnvironmentProblem.report(env, e, cl.getErr());
        }
    }

}
