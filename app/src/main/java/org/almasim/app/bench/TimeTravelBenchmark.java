package org.almasim.app.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.almasim.control.ControlPlane;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.scenarios.scenario.Scenario;
import org.almasim.scenarios.scenario.ScenarioReader;
import org.almasim.scenarios.scenario.ScenarioRunner;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.population.SyntheticPopulation;

/**
 * {@code almasim bench timetravel}: OPAL's lifecycle policy (weekly inactive stage, monthly three-year purge) played
 * over years of simulated time on a synthetic population, through the scenario runner and the REST API. Prints
 * figures (time, and the API calls the engine sent) for a fresh and a warm JVM; asserts nothing.
 */
public final class TimeTravelBenchmark {
    private static final LocalDate START = LocalDate.of(2024, 8, 1);
    private static final long SEED = 42;

    /**
     * OPAL's lifecycle as it runs at OPAL: the shipped policy, each stage on a logical set of its candidates (seed line
     * 48), so a weekly run reads the patrons who expired lately rather than every user.
     */
    private static final String SCENARIO = """
            name: time travel
            start: %s
            policies: [opal-lifecycle]
            sets:
              - {name: OPAL expired a week, query: "expiry_date on_or_before today-7d and status = ACTIVE"}
              - {name: OPAL expired three years, query: "expiry_date before today-3y"}
              - {name: Community patrons, members: []}
            timeline:
              - advance: P%dY
            """;

    private final int patrons;
    private final int years;

    public TimeTravelBenchmark(int patrons, int years) {
        this.patrons = patrons;
        this.years = years;
    }

    /** Two rounds ({@link JvmRounds}), each on a freshly loaded population. */
    public void run(PrintStream out) {
        out.println(Machine.line());
        out.printf(
                "%,d synthetic patrons (seed %d) from %s, %d years of OPAL's weekly and monthly stages%n",
                patrons, SEED, START, years);
        JvmRounds.play(out, () -> round(out));
    }

    private void round(PrintStream out) {
        Scenario scenario =
                ScenarioReader.read(SCENARIO.formatted(START, years).getBytes(StandardCharsets.UTF_8), "time travel");
        try (Simulator sim =
                Simulator.create(SimulatorConfig.defaults().withToday(START)).start(0)) {
            long started = System.nanoTime();
            sim.load(SyntheticPopulation.chunks(SEED, patrons, START));
            out.printf("  load: %.1f s%n", (System.nanoTime() - started) / 1e9);
            AlmaClient alma = new AlmaClient(sim.baseUrl(), ApiKeys.DEVELOPMENT_KEY);
            long before = alma.get(AlmaClient.API + "/users", Map.of("limit", "0"))
                    .path("total_record_count")
                    .asLong();
            long callsBefore = alma.calls();
            started = System.nanoTime();
            new ScenarioRunner(new PrintStream(OutputStream.nullOutputStream()))
                    .run(
                            new ScenarioReader.Loaded(scenario, "time travel", Optional.empty()),
                            alma,
                            ControlPlane.at(sim.baseUrl(), ApiKeys.DEVELOPMENT_KEY));
            double seconds = (System.nanoTime() - started) / 1e9;
            long calls = alma.calls() - callsBefore;
            long after = alma.get(AlmaClient.API + "/users", Map.of("limit", "0"))
                    .path("total_record_count")
                    .asLong();
            out.printf(
                    "  time travel: %d years (%d weekly and %d monthly stage runs) in %.1f s; %,d API calls; %,d patrons "
                            + "before, %,d after%n",
                    years, years * 52, years * 12, seconds, calls, before, after);
        }
    }
}
