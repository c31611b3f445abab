package org.almasim.junit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Writes the snapshot {@link SnapshotAttributeTest} starts from, before its simulator starts: a snapshot belongs to the
 * almasim version that wrote it, so the fixture is made by this build rather than kept in the repository.
 */
final class SnapshotFixture implements BeforeAllCallback {
    static final String FILE = "target/snapshot-fixture.zip";
    static final LocalDate SAVED_ON = LocalDate.of(2023, 5, 5);
    static final int PATRONS = 7;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Files.createDirectories(Path.of(FILE).getParent());
        try (Simulator simulator =
                Simulator.create(SimulatorConfig.defaults().withToday(SAVED_ON)).start(0)) {
            simulator.load("synthetic:" + PATRONS, 1L);
            simulator.exportTo(Path.of(FILE));
        }
    }
}
