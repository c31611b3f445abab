package org.almasim.app.console;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.errors.AlmaError;

/**
 * One console for each institution of the simulator, made when its first request arrives: a member's trainer previews,
 * runs and schedules policies in that member's library, with that member's runs and history, never another's.
 */
final class Consoles {
    private final Simulator simulator;
    private final Map<String, Console> byInstitution = new ConcurrentHashMap<>();

    Consoles(Simulator simulator) {
        this.simulator = simulator;
    }

    Console of(String institutionCode) {
        return byInstitution.computeIfAbsent(
                institutionCode,
                code -> new Console(
                        simulator,
                        simulator
                                .institution(code)
                                .orElseThrow(() -> AlmaError.PARAMETER_NOT_VALID.refusal(
                                        "No institution is called " + code + "."))));
    }
}
