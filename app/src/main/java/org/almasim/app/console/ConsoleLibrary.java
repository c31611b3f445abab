package org.almasim.app.console;

import java.time.LocalDate;
import org.almasim.control.ControlPlane;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.simulator.Institution;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.errors.AlmaError;

/**
 * The library a console works on, reached as any client reaches it: Alma's API and the control plane, with the
 * institution's read-write key.
 */
final class ConsoleLibrary {
    private final Simulator simulator;
    private final Institution institution;
    private AlmaClient alma;

    ConsoleLibrary(Simulator simulator, Institution institution) {
        this.simulator = simulator;
        this.institution = institution;
    }

    String code() {
        return institution.code();
    }

    /** The library's today, taken afresh: another client may have moved the clock since the console last looked. */
    LocalDate today() {
        return simulator.clock().today();
    }

    synchronized AlmaClient alma() {
        if (alma == null) {
            alma = new AlmaClient(simulator.baseUrl(), readWriteKey());
        }
        return alma;
    }

    ControlPlane control() {
        return ControlPlane.at(simulator.baseUrl(), readWriteKey());
    }

    private String readWriteKey() {
        return institution
                .apiKeys()
                .readWriteKey()
                .orElseThrow(() -> AlmaError.PARAMETER_NOT_VALID.refusal(
                        "The console needs a read-write API key; " + institution.code() + " has only read-only ones."));
    }
}
