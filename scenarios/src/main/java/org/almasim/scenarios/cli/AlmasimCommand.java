package org.almasim.scenarios.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code almasim} command: run the simulator, the demo, and the benchmarks. */
@Command(name = "almasim", mixinStandardHelpOptions = true, version = "almasim 0.1.0",
        description = "A stateful simulator of the Ex Libris Alma REST API and a testbed for patron purge policies.",
        subcommands = {ServeCommand.class, DemoCommand.class, ScenarioCommand.class, PolicyCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class AlmasimCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new AlmasimCommand()).execute(args));
    }
}
