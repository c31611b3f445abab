package org.almasim.scenarios.engine;

import java.time.LocalDate;
import org.almasim.engine.alma.AlmaApiException;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.population.PopulationService;

/** A simulator on a free port on FLVC's 2024 run date, optionally holding the demo patrons, and the engine's client to it. */
final class DemoAlma implements AutoCloseable {
    static final LocalDate FLVC_2024 = LocalDate.of(2024, 8, 1);

    final Simulator sim;
    final AlmaClient alma;

    private DemoAlma(boolean demo) {
        sim = Simulator.create(Simulator.Config.defaults().withToday(FLVC_2024)).start(0);
        if (demo) {
            sim.load(PopulationService.demo());
        }
        alma = new AlmaClient(sim.baseUrl(), ApiKeys.DEVELOPMENT_KEY);
    }

    static DemoAlma withDemoPatrons() {
        return new DemoAlma(true);
    }

    static DemoAlma empty() {
        return new DemoAlma(false);
    }

    /** Empties the simulator and puts the clock back on the demo's day. */
    void reset() {
        sim.reset();
        sim.clock().set(FLVC_2024);
    }

    boolean exists(String primaryId) {
        try {
            alma.getUser(primaryId);
            return true;
        } catch (AlmaApiException e) {
            return false;
        }
    }

    @Override
    public void close() {
        sim.close();
    }
}
