package org.almasim.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code almasim} command: run the simulator, the demo, and the benchmarks. */
@Command(
        name = "almasim",
        mixinStandardHelpOptions = true,
        version = "almasim 0.1.0",
        description = "A stateful simulator of the Ex Libris Alma REST API and a testbed for patron purge policies.",
        subcommands = {
            ServeCommand.class,
            DemoCommand.class,
            ScenarioCommand.class,
            PolicyCommand.class,
            ImportCommand.class,
            SisLoadCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class AlmasimCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling: a failure the user can fix is one line and exit code 3. */
    public static CommandLine commandLine() {
        return new CommandLine(new AlmasimCommand()).setExecutionExceptionHandler((failure, line, parsed) -> {
            var explained = CommandFailure.explain(failure);
            if (explained.isEmpty() || System.getenv("ALMASIM_DEBUG") != null) {
                throw failure;
            }
            line.getErr().println("almasim: " + explained.get());
            return CommandFailure.CANNOT_START;
        });
    }
}
