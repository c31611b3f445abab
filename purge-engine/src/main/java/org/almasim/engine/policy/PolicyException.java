package org.almasim.engine.policy;

import java.util.List;

/** A policy file that cannot be used, with every problem found and the line it is on. */
public final class PolicyException extends RuntimeException {
    private final List<String> problems;

    public PolicyException(String source, List<String> problems) {
        super(source + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
