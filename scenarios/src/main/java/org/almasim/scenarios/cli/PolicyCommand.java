package org.almasim.scenarios.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.almasim.engine.alma.AlmaApiException;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.clock.EngineToday;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.policy.PolicyException;
import org.almasim.engine.policy.PolicyReader;
import org.almasim.engine.preview.Preview;
import org.almasim.engine.report.PreviewFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code almasim policy ...}: purge policies against any Alma (a simulator or a real institution). */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Apply a purge policy to an Alma.",
        subcommands = {PolicyCommand.PreviewCommand.class})
final class PolicyCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = "Show what the policy would do to every patron, and why, without changing anything.")
    static final class PreviewCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--policy", required = true, paramLabel = "NAME|FILE", description = "flvc-annual, opal-lifecycle, or a policy file.")
        String policy;

        @Option(names = "--alma-url", required = true, paramLabel = "URL", description = "The Alma, e.g. http://localhost:8080.")
        String almaUrl;

        @Option(names = "--api-key", required = true, paramLabel = "KEY", description = "An API key for the users and sets APIs.")
        String apiKey;

        @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
                description = "The day to decide for. Default: the simulator's date, or today for a real Alma.")
        LocalDate asOf;

        @Option(names = "--format", defaultValue = "text", description = "text, csv or json. Default: ${DEFAULT-VALUE}.")
        String format;

        @Option(names = "--near-days", defaultValue = "30", description = "Near misses: eligible within this many days. Default: ${DEFAULT-VALUE}.")
        int nearDays;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                Policy loaded = PolicyReader.load(policy);
                AlmaClient alma = new AlmaClient(almaUrl, apiKey);
                LocalDate today = EngineToday.of(Optional.ofNullable(asOf), alma);
                out.print(PreviewFormat.parse(format).render(Preview.of(loaded, alma, today, nearDays)));
                out.flush();
                return 0;
            } catch (PolicyException e) {
                err.println("The policy cannot be used: " + e.getMessage());
                return 2;
            } catch (IllegalArgumentException e) {
                err.println("Unknown format '" + format + "': use text, csv or json.");
                return 2;
            } catch (AlmaApiException e) {
                err.println(e.code().equals("CONNECTION") ? "Cannot reach the Alma at " + almaUrl + ": " + e.getMessage()
                        : "Alma refused: " + e.getMessage());
                return 1;
            }
        }
    }
}
