package org.almasim.scenarios.cli;

import java.util.concurrent.Callable;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.population.Population.Loaded;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code almasim demo}: the simulator with the demo population (one patron per rule of the FLVC and OPAL guides),
 * on FLVC's 2024 purge date, left running for exploration.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the simulator with the demo population on 2024-08-01 and leave it running for exploration.")
final class DemoCommand implements Callable<Integer> {
    @Mixin
    SimulatorOptions options;

    @Option(names = "--no-serve", description = "Load the demo, print what is there, and stop.")
    boolean noServe;

    @Override
    public Integer call() throws InterruptedException {
        if (options.population == null) {
            options.population = "demo";
        }
        if (options.today == null) {
            options.today = SimulatorOptions.demoDate();
        }
        String headline = """
                almasim demo: the patrons of the FLVC and OPAL purge guides on FLVC's 2024 run date.
                Each demo patron's primary id names the rule it shows (flvc-with-loan, flvc-no-dates, opal-expired-4y...).
                See what FLVC's yearly purge would do to each of them, and why, without changing anything:
                  ./almasim policy preview --policy flvc-annual --alma-url http://localhost:%d --api-key %s
                then carry it out with 'policy run' (docs/policies.md). The narrated scenarios come in a later release."""
                .formatted(options.port, org.almasim.simulator.http.ApiKeys.DEVELOPMENT_KEY);
        if (noServe) {
            try (Simulator simulator = Simulator.create(options.config())) {
                Loaded loaded = options.loadInto(simulator).orElseThrow();
                System.out.println(headline);
                System.out.printf("%nLoaded %d users, %d items, %d loans and %d fees; simulated today is %s.%n",
                        loaded.users(), loaded.items(), loaded.loans(), loaded.fees(), loaded.today());
            }
            return 0;
        }
        ServeCommand.serve(options, headline);
        return 0;
    }
}
