package org.almasim.app.cli;

import java.util.concurrent.Callable;
import org.almasim.app.bench.ApiBenchmark;
import org.almasim.app.bench.ConsoleBenchmark;
import org.almasim.app.bench.ConsortiumBenchmark;
import org.almasim.app.bench.FileImportBenchmark;
import org.almasim.app.bench.PolicyBenchmark;
import org.almasim.app.bench.SisLoadBenchmark;
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
            paramLabel = "api|policy|timetravel|console|startup|snapshot|consortium|file-import|sis-load",
            description = "Which benchmark: api (GET throughput, bulk load), "
                    + "policy (preview and run of a purge policy), timetravel (years of OPAL's weekly and monthly stages) or console "
                    + "(the trainer console's patron list over --patrons), startup (--runs in-JVM starts, as a test pays them) "
                    + "snapshot (--patrons saved and put back, beside loading them from scratch) "
                    + "consortium (--members institutions of --patrons each, FLVC's policy previewed and run over all), "
                    + "file-import (--patrons as Alma's export file copied into a snapshot) "
                    + "or sis-load (--patrons as a SIS file synchronised twice, beside a population load).")
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
            description =
                    "Database for the load and consortium measurements: mem (default), a file path, or a JDBC URL.",
            defaultValue = "mem")
    String database;

    @Option(
            names = "--patrons",
            description =
                    "Patrons for the policy, time-travel, console and snapshot benchmarks, and of each member in the"
                            + " consortium benchmark. Default: ${DEFAULT-VALUE}.",
            defaultValue = "100000")
    int patrons;

    @Option(
            names = "--years",
            description = "Simulated years for the time-travel benchmark. Default: ${DEFAULT-VALUE}.",
            defaultValue = "5")
    int years;

    @Option(
            names = "--members",
            description = "Member institutions for the consortium benchmark. Default: ${DEFAULT-VALUE}.",
            defaultValue = "40")
    int members;

    @Option(
            names = "--runs",
            description = "Starts for the startup benchmark. Default: ${DEFAULT-VALUE}.",
            defaultValue = "11")
    int runs;

    @Override
    public Integer call() throws Exception {
        if (patrons < 1 || members < 1 || members > 1000) {
            System.err.println("--patrons must be at least 1 and --members between 1 and 1000");
            return 2;
        }
        if (which.equals("consortium")) {
            new ConsortiumBenchmark(members, patrons, database).run(System.out);
            return 0;
        }
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
        if (which.equals("file-import")) {
            new FileImportBenchmark(patrons).run(System.out);
            return 0;
        }
        if (which.equals("sis-load")) {
            new SisLoadBenchmark(patrons).run(System.out);
            return 0;
        }
        if (which.equals("policy")) {
            new PolicyBenchmark(patrons).run(System.out);
            return 0;
        }
        if (!which.equals("api")) {
            System.err.println("Unknown benchmark '" + which
                    + "'. Available: api, policy, timetravel, console, startup, snapshot, consortium, file-import,"
                    + " sis-load");
            return 2;
        }
        new ApiBenchmark(users, clients, seconds, load, database).run(System.out);
        return 0;
    }
}
