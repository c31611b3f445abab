package org.almasim.app.console;

import java.time.LocalDate;
import org.almasim.control.ControlPlane;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.simulator.Institution;
import org.almasim.simulator.Simulator;

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

    /**
     * The institution's own key of this process (never written anywhere): the console acts for a caller its routes
     * already admitted with a key that may write, and needs none of the users' keys.
     */
    private String readWriteKey() {
        return institution.apiKeys().processKey();
    }
}
