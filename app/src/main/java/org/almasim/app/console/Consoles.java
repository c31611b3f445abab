package org.almasim.app.console;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.errors.AlmaError;

/**
 * One console for each institution of the simulator, made when its first request arrives: a member's trainer previews,
 * runs and schedules policies in that member's library, with that member's runs and history, never another's. What
 * moves the consortium's one clock (a clock move, a scenario loaded or stepped) claims every console first.
 */
final class Consoles {
    private final Simulator simulator;
    private final Map<String, Console> byInstitution = new ConcurrentHashMap<>();
    /** The story's lines: one clock move tells what it did in every member, whichever console moved it. */
    private final ToldLines told = new ToldLines();

    Consoles(Simulator simulator) {
        this.simulator = simulator;
    }

    /** Moves the consortium's one clock from this institution's console, every other console's schedules alongside. */
    ConsoleViews.Outcome advance(String institutionCode, ClockStep step) {
        Console asking = of(institutionCode);
        return asking.advance(step, othersThan(asking));
    }

    ConsoleViews.Outcome loadScenario(String institutionCode, String scenario) {
        Console asking = of(institutionCode);
        return asking.loadScenario(scenario, othersThan(asking));
    }

    ConsoleViews.Outcome step(String institutionCode) {
        Console asking = of(institutionCode);
        return asking.step(othersThan(asking));
    }

    Console of(String institutionCode) {
        return byInstitution.computeIfAbsent(
                institutionCode,
                code -> new Console(
                        simulator,
                        simulator
                                .institution(code)
                                .orElseThrow(() -> AlmaError.PARAMETER_NOT_VALID.refusal(
                                        "No institution is called " + code + ".")),
                        told,
                        this::of));
    }

    private List<Console> othersThan(Console asking) {
        return byInstitution.values().stream()
                .filter(console -> console != asking)
                .toList();
    }
}
