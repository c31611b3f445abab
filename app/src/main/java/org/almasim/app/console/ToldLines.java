package org.almasim.app.console;

import java.util.ArrayList;
import java.util.List;
import org.almasim.scenarios.scenario.Narration;

/** The lines the story told since the console last answered, handed over by the scenario as it tells them. */
final class ToldLines implements Narration {
    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void line(String text) {
        lines.addAll(text.isEmpty() ? List.of("") : text.lines().toList());
    }

    /** Every line told since the last call, oldest first. */
    synchronized List<String> drain() {
        List<String> told = List.copyOf(lines);
        lines.clear();
        return told;
    }
}
