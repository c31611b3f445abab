package org.almasim.app.cli;

import java.util.concurrent.Callable;
import org.almasim.app.bench.ApiBenchmark;
import org.almasim.app.bench.ConsoleBenchmark;
import org.almasim.app.bench.PolicyBenchmark;
import org.almasim.app.bench.SnapshotBenchmark;
import org.almasim.app.bench.StartupBenchmark;
import org.almasim.app.bench.TimeTravelBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code almasim bench api}: the figures recorded in docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run a benchmark and print its figures.")
final class BenchCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            paramLabel = "api|policy|timetravel|console|startup|snapshot",
            description = "Which benchmark: api (GET throughput, bulk load), "
                    + "policy (preview and run of a purge policy), timetravel (years of OPAL's weekly and monthly stages) or console "
                    + "(the trainer console's patron list over --patrons), startup (--runs in-JVM starts, as a test pays them) "
                    + "or snapshot (--patrons saved and put back, beside loading them from scratch).")
    String which;

    @Option(
            names = "--users",
            description = "Patrons behind the GET benchmark. Default: ${DEFAULT-VALUE}.",
            defaultValue = "100000")
    int users;

    @Option(names = "--clients", description = "Concurrent clients. Default: ${DEFAULT-VALUE}.", defaultValue = "8")
    int clients;

    @Option(
            names = "--seconds",
            description = "Measured seconds of GET traffic. Default: ${DEFAULT-VALUE}.",
            defaultValue = "20")
    int seconds;

    @Option(
            names = "--load",
            description = "Patrons for the load measurement. Default: ${DEFAULT-VALUE}.",
            defaultValue = "1000000")
    int load;

    @Option(
            names = "--db",
            description = "Database for the load measurement: mem (default), a file path, or a JDBC URL.",
            defaultValue = "mem")
    String database;

    @Option(
            names = "--patrons",
            description =
                    "Patrons for the policy, time-travel, console and snapshot benchmarks. Default: ${DEFAULT-VALUE}.",
            defaultValue = "100000")
    int patrons;

    @Option(
            names = "--years",
            description = "Simulated years for the time-travel benchmark. Default: ${DEFAULT-VALUE}.",
            defaultValue = "5")
    int years;

    @Option(
            names = "--runs",
            description = "Starts for the startup benchmark. Default: ${DEFAULT-VALUE}.",
            defaultValue = "11")
    int runs;

    @Override
    public Integer call() throws Exception {
        if (which.equals("startup")) {
            new StartupBenchmark(Math.max(2, runs)).run(System.out);
            return 0;
        }
        if (which.equals("timetravel")) {
            new TimeTravelBenchmark(patrons, years).run(System.out);
            return 0;
        }
        if (which.equals("console")) {
            new ConsoleBenchmark(patrons).run(System.out);
            return 0;
        }
        if (which.equals("snapshot")) {
            new SnapshotBenchmark(patrons).run(System.out);
            return 0;
        }
        if (which.equals("policy")) {
            new PolicyBenchmark(patrons).run(System.out);
            return 0;
        }
        if (!which.equals("api")) {
            System.err.println("Unknown benchmark '" + which
                    + "'. Available: api, policy, timetravel, console, startup, snapshot");
            return 2;
        }
        new ApiBenchmark(users, clients, seconds, load, database).run(System.out);
        return 0;
    }
}
