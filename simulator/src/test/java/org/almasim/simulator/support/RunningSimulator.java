package org.almasim.simulator.support;

import java.time.LocalDate;
import java.util.List;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;

/** A real simulator on a free port with a fresh in-memory database, and a client holding a read-write key. */
public final class RunningSimulator implements AutoCloseable {
    public static final LocalDate TODAY = LocalDate.of(2024, 8, 1);
    public static final String READ_ONLY_KEY = "l8xx-read-only";

    public final Simulator simulator;
    public final AlmaClient client;

    private RunningSimulator(SimulatorConfig config) {
        this.simulator = Simulator.create(config).start(0);
        this.client = new AlmaClient(simulator.baseUrl(), ApiKeys.DEVELOPMENT_KEY);
    }

    public static RunningSimulator start() {
        return new RunningSimulator(SimulatorConfig.defaults()
                .withToday(TODAY)
                .withApiKeys(List.of(ApiKeys.DEVELOPMENT_KEY, READ_ONLY_KEY + ":ro")));
    }

    public static RunningSimulator start(SimulatorConfig config) {
        return new RunningSimulator(config);
    }

    public void reset() {
        simulator.reset();
        simulator.clock().set(TODAY);
    }

    @Override
    public void close() {
        simulator.close();
    }
}
