package org.almasim.app.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Supplier;
import org.almasim.engine.alma.AlmaApiException;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.clock.EngineToday;
import org.almasim.engine.execution.RunRefused;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.policy.PolicyException;
import org.almasim.engine.policy.PolicyReader;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options of every {@code almasim policy} command, and how their failures are told to the user. */
final class AlmaOptions {
    @Option(
            names = "--policy",
            required = true,
            paramLabel = "NAME|FILE",
            description = "flvc-annual, opal-lifecycle, or a policy file.")
    String policy;

    @Option(
            names = "--alma-url",
            required = true,
            paramLabel = "URL",
            description = "The Alma, e.g. http://localhost:8080.")
    String almaUrl;

    @Option(
            names = "--api-key",
            required = true,
            paramLabel = "KEY",
            description = "An API key for the users, sets and jobs APIs.")
    String apiKey;

    @Option(
            names = "--as-of",
            paramLabel = "YYYY-MM-DD",
            description = "The day to decide for. Default: the simulator's date, or today for a real Alma.")
    LocalDate asOf;

    @Option(names = "--format", defaultValue = "text", description = "text, csv or json. Default: ${DEFAULT-VALUE}.")
    String format;

    private AlmaClient alma;

    Policy policy() {
        return PolicyReader.load(policy);
    }

    AlmaClient alma() {
        if (alma == null) {
            alma = new AlmaClient(almaUrl, apiKey);
        }
        return alma;
    }

    LocalDate today() {
        return EngineToday.of(Optional.ofNullable(asOf), alma());
    }

    int handle(CommandLine.Model.CommandSpec spec, Supplier<String> command) {
        return report(spec, format, command);
    }

    /**
     * Prints what a policy command produced, or why it could not: 2 for a bad policy or option, 1 for Alma (or a file
     * that cannot be written), 3 for a run the safety limits refused.
     */
    static int report(CommandLine.Model.CommandSpec spec, String format, Supplier<String> command) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            out.print(command.get());
            out.flush();
            return 0;
        } catch (PolicyException e) {
            err.println("The policy cannot be used: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("Unknown format '" + format + "': use text, csv or json.");
            return 2;
        } catch (RunRefused e) {
            err.println(e.getMessage());
            return 3;
        } catch (UncheckedIOException e) {
            err.println("Cannot write: " + e.getCause().getMessage());
            return 1;
        } catch (AlmaApiException e) {
            err.println(
                    e.code().equals("CONNECTION")
                            ? "Cannot reach the Alma: " + e.getMessage()
                            : "Alma refused: " + e.getMessage());
            return 1;
        } finally {
            err.flush();
        }
    }
}
