package org.almasim.simulator.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * One real simulator per test class on a free port, emptied before each test, with a client holding a read-write key.
 * Override {@link #given()} to set up what every test of the class starts from.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SimulatorTest {
    protected final RunningSimulator sim = RunningSimulator.start();
    protected final AlmaClient alma = sim.client;

    @BeforeEach
    final void freshSimulator() {
        sim.reset();
        given();
    }

    /** What every test of the class starts from, on top of an empty simulator. */
    protected void given() {}

    @AfterAll
    final void stopSimulator() {
        sim.close();
    }
}
