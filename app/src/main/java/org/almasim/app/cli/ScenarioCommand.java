package org.almasim.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.almasim.control.ControlPlaneException;
import org.almasim.engine.alma.AlmaApiException;
import org.almasim.engine.policy.PolicyException;
import org.almasim.scenarios.scenario.ScenarioException;
import org.almasim.scenarios.scenario.ScenarioReader;
import org.almasim.scenarios.scenario.ScenarioRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code almasim scenario run|list}: play scenario files against a simulator of their own, narrating as they go. */
@Command(
        name = "scenario",
        mixinStandardHelpOptions = true,
        description = "Play scenario files (docs/scenarios.md).",
        subcommands = {ScenarioCommand.Run.class, ScenarioCommand.ListShipped.class})
final class ScenarioCommand {

    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description =
                    "Play each scenario on a fresh in-process simulator; exit 0 when every expectation holds, 1 when one "
                            + "does not, 2 when a scenario or policy file is wrong.")
    static final class Run implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(
                arity = "1..*",
                paramLabel = "NAME|FILE",
                description = "A shipped scenario's name (see 'scenario list') or a YAML file.")
        List<String> scenarios;

        @Override
        public Integer call() {
            return play(scenarios, spec.commandLine().getErr());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the shipped scenarios.")
    static final class ListShipped implements Callable<Integer> {
        @Override
        public Integer call() {
            for (String name : ScenarioReader.SHIPPED) {
                System.out.println(
                        name + "  " + ScenarioReader.load(name).scenario().name());
            }
            return 0;
        }
    }

    /** Plays the scenarios one after the other; the worst outcome decides the exit code. */
    static int play(List<String> scenarios, PrintWriter err) {
        ScenarioRunner runner = new ScenarioRunner(System.out);
        int exit = 0;
        for (String name : scenarios) {
            try {
                if (!runner.run(ScenarioReader.load(name)).passed()) {
                    exit = Math.max(exit, 1);
                }
            } catch (ScenarioException | PolicyException e) {
                err.println("almasim: " + e.getMessage());
                exit = 2;
            } catch (AlmaApiException | ControlPlaneException e) {
                err.println("almasim: the simulator refused a step of " + name + ": " + e.getMessage());
                exit = Math.max(exit, 1);
            }
            System.out.println();
        }
        return exit;
    }
}
