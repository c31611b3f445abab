package org.almasim.app.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.almasim.control.ControlPlane;
import org.almasim.engine.alma.AlmaAddress;
import org.almasim.engine.alma.AlmaApiException;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.ApiKeySource;
import org.almasim.engine.clock.EngineToday;
import org.almasim.engine.consortium.Consortium;
import org.almasim.engine.consortium.ConsortiumReader;
import org.almasim.engine.consortium.ConsortiumReport;
import org.almasim.engine.consortium.ConsortiumRun;
import org.almasim.engine.execution.RunRefused;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.policy.PolicyException;
import org.almasim.engine.policy.PolicyReader;
import org.almasim.engine.report.ConsortiumFormat;
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
            paramLabel = "URL",
            description = "The Alma, e.g. http://localhost:8080 (or --consortium).")
    String almaUrl;

    @Option(
            names = "--api-key",
            paramLabel = "KEY",
            description = "An API key for the users, sets and jobs APIs (or --consortium).")
    String apiKey;

    @Option(
            names = "--api-key-env",
            paramLabel = "VAR",
            description = "Read the API key from this environment variable: unlike --api-key, it is not seen by ps or"
                    + " kept in the shell's history.")
    String apiKeyEnv;

    @Option(
            names = "--api-key-file",
            paramLabel = "FILE",
            description = "Read the API key from this file's first line (a file only you can read).")
    Path apiKeyFile;

    @Option(
            names = "--consortium",
            paramLabel = "FILE",
            description = "Work member by member through a consortium file's institutions, each with its own Alma, key"
                    + " and exceptions (docs/consortium.md), in place of --alma-url and --api-key.")
    Path consortium;

    @Option(
            names = "--as-of",
            paramLabel = "YYYY-MM-DD",
            description = "The day to decide for. Default: the simulated day of an almasim on this machine, or today.")
    LocalDate asOf;

    @Option(
            names = "--allow-insecure",
            description = "Send the API key over plain http to another machine too (a simulator on a network of your"
                    + " own). Without it, only https or this machine's own address is called.")
    boolean allowInsecure;

    @Option(names = "--format", defaultValue = "text", description = "text, csv or json. Default: ${DEFAULT-VALUE}.")
    String format;

    private AlmaClient alma;

    /** The formats of a consortium's report ({@code ConsortiumFormat}). */
    private static final List<String> CONSORTIUM_FORMATS = List.of("text", "csv", "json");

    Policy policy() {
        return PolicyReader.load(policy);
    }

    AlmaClient alma() {
        if (almaUrl == null) {
            throw new PolicyException("the command", List.of("give --alma-url and an API key, or --consortium FILE"));
        }
        if (alma == null) {
            String key = apiKey();
            try {
                alma = allowInsecure
                        ? insecure(AlmaClient.allowingPlainHttp(almaUrl, key), almaUrl)
                        : new AlmaClient(almaUrl, key);
            } catch (IllegalArgumentException e) {
                throw new PolicyException("--alma-url", List.of(e.getMessage()));
            }
        }
        return alma;
    }

    /** The key from exactly one of --api-key, --api-key-env and --api-key-file. */
    private String apiKey() {
        long given = Stream.of(apiKey, apiKeyEnv, apiKeyFile)
                .filter(Objects::nonNull)
                .count();
        if (given != 1) {
            throw new PolicyException(
                    "the command", List.of("give one of --api-key, --api-key-env VAR and --api-key-file FILE"));
        }
        if (apiKey != null) {
            return apiKey;
        }
        try {
            return apiKeyEnv != null
                    ? ApiKeySource.fromEnvironment(apiKeyEnv, name -> Optional.ofNullable(System.getenv(name)))
                    : ApiKeySource.fromFile(apiKeyFile);
        } catch (IllegalArgumentException e) {
            throw new PolicyException(apiKeyEnv != null ? "--api-key-env" : "--api-key-file", List.of(e.getMessage()));
        }
    }

    /** Says, once, that the key may cross a network in clear. */
    private static AlmaClient insecure(AlmaClient client, String url) {
        if (!AlmaAddress.sendsKeysSafely(url)) {
            System.err.println("almasim: warning: --allow-insecure sends the API key to " + url + " in clear.");
        }
        return client;
    }

    LocalDate today() {
        return today(alma());
    }

    /**
     * The day to decide for on this Alma: --as-of, else the simulated day of an almasim on this machine (or on a
     * network of one's own, with --allow-insecure), else today. A production Alma is never asked for a day: only
     * almasim has one to give.
     */
    LocalDate today(AlmaClient on) {
        Optional<LocalDate> simulated = asOf == null && (allowInsecure || AlmaAddress.isThisMachine(on.address()))
                ? ControlPlane.simulatedToday(on.address())
                : Optional.empty();
        return EngineToday.of(Optional.ofNullable(asOf).or(() -> simulated));
    }

    /**
     * Checks every option (the format among {@code formats}, the policy, the Alma's address and key or the consortium
     * file), then does the command: nothing is read from or written to an Alma before all of them are good.
     */
    int handle(CommandLine.Model.CommandSpec spec, List<String> formats, Supplier<String> command) {
        return report(spec, format, () -> {
            check(formats);
            return command.get();
        });
    }

    private void check(List<String> formats) {
        if (!formats.contains(format.toLowerCase(Locale.ROOT))) {
            throw new PolicyException(
                    "--format", List.of("use " + String.join(", ", formats) + ", not '" + format + "'"));
        }
        policy();
        if (consortium != null) {
            consortium();
        } else {
            alma();
        }
    }

    private Consortium loadedConsortium;

    /** The consortium file, read once. */
    Consortium consortium() {
        if (loadedConsortium == null) {
            loadedConsortium = ConsortiumReader.load(consortium);
        }
        return loadedConsortium;
    }

    /** How one kind of member report makes the consortium's ({@code ConsortiumReport::ofRuns}, ...). */
    interface ReportOf<R> {
        ConsortiumReport of(Consortium consortium, String policy, List<ConsortiumRun.MemberOutcome<R>> outcomes);
    }

    /**
     * Does {@code work} for every member of the consortium file with its own policy, and prints the consortium's
     * report ({@code memberText} renders a member's own report as text): 0 when every member finished, 1 when any
     * stopped (each stopped member is named on the error stream too, so a scheduled job's log shows it).
     */
    <R> int eachMember(
            CommandLine.Model.CommandSpec spec,
            ReportOf<R> reportOf,
            ConsortiumRun.Work<R> work,
            Function<Object, String> memberText) {
        if (allowInsecure) {
            spec.commandLine()
                    .getErr()
                    .println("almasim: warning: --allow-insecure sends each member's API key in"
                            + " clear to any member on plain http.");
        }
        ConsortiumReport[] done = new ConsortiumReport[1];
        int printed = report(spec, format, () -> {
            check(CONSORTIUM_FORMATS);
            Policy shared = policy();
            List<ConsortiumRun.MemberOutcome<R>> outcomes = (allowInsecure
                            ? ConsortiumRun.withProcessEnvironmentAllowingPlainHttp()
                            : ConsortiumRun.withProcessEnvironment())
                    .forEachMember(consortium(), shared, work);
            done[0] = reportOf.of(consortium(), shared.name(), outcomes);
            return ConsortiumFormat.parse(format).render(done[0], memberText);
        });
        if (printed != 0) {
            return printed;
        }
        PrintWriter err = spec.commandLine().getErr();
        done[0].stopped()
                .forEach(m -> err.println(
                        "Member " + m.code() + " stopped: " + m.failure().orElse("")));
        err.flush();
        return done[0].stopped().isEmpty() ? 0 : 1;
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
            err.println("Cannot use " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("Cannot use " + e.getMessage());
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
