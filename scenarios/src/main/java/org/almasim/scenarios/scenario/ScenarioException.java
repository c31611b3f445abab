package org.almasim.scenarios.scenario;

import java.util.List;

/** A scenario file that cannot be run, with every problem found and where it is. */
public final class ScenarioException extends RuntimeException {
    private final List<String> problems;

    public ScenarioException(String source, List<String> problems) {
        super(source + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
