package org.almasim.app.console;

import java.util.List;
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

    /** Moves the consortium's one clock from this institution's console, every other console's schedules alongside. */
    ConsoleViews.Outcome advance(String institutionCode, ClockStep step) {
        Console asking = of(institutionCode);
        List<Console> others = byInstitution.values().stream()
                .filter(console -> console != asking)
                .toList();
        return asking.advance(step, others);
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
