package org.almasim.scenarios.scenario;

import java.io.PrintStream;
import org.almasim.control.ControlPlane;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;

/**
 * Plays a scenario against a simulator over its REST API, exactly as any Alma client would: loads the population,
 * walks the timeline (running every policy stage whose schedule the clock passes), checks each expectation, and
 * narrates what happened to whom and why.
 */
public final class ScenarioRunner {
    private final PrintStream out;

    public ScenarioRunner(PrintStream out) {
        this.out = out;
    }

    /** Plays the scenario on a simulator of its own, started in this process on a free port and stopped afterwards. */
    public ScenarioResult run(ScenarioReader.Loaded loaded) {
        try (Simulator simulator = Simulator.create(
                        SimulatorConfig.defaults().withToday(loaded.scenario().start()))
                .start(0)) {
            return run(
                    loaded,
                    new AlmaClient(simulator.baseUrl(), ApiKeys.DEVELOPMENT_KEY),
                    ControlPlane.at(simulator.baseUrl(), ApiKeys.DEVELOPMENT_KEY));
        }
    }

    /** Plays the scenario on a running simulator (the demo's, which stays up for exploration afterwards). */
    public ScenarioResult run(ScenarioReader.Loaded loaded, AlmaClient alma, ControlPlane control) {
        ScenarioPlay play = new ScenarioPlay(loaded, alma, control, Narration.printedTo(out), run -> {});
        try {
            play.start();
            while (play.hasNext()) {
                play.step();
            }
            return play.finish();
        } finally {
            play.endFaults();
        }
    }
}
