package org.cinestack.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cinestack lut} command; what it does is its description below. */
@Command(name = "lut", mixinStandardHelpOptions = true, description = "Colour look-up tables (.cube).",
    subcommands = {LutApplyCommand.class})
final class LutCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        commandSpec.commandLine().usage(commandSpec.commandLine().getOut());
        return 0;
    }
}
