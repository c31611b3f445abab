package org.almasim.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.almasim.simulator.Simulator;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The options of serve, read as the command line reads them. */
class ServeOptionsTest {
    private static SimulatorOptions parsed(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve.options;
    }

    @Test
    void todayWinsOverTheDayTheDemoPopulationNames() {
        for (String population : new String[] {"demo", "synthetic:10"}) {
            SimulatorOptions options = parsed("--population", population, "--today", "2025-08-02");
            try (Simulator simulator = Simulator.create(options.config())) {
                options.loadInto(simulator);

                assertThat(simulator.clock().today()).as(population).isEqualTo(LocalDate.of(2025, 8, 2));
            }
        }
    }
}
