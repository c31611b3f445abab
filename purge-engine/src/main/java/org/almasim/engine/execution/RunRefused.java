package org.almasim.engine.execution;

import java.util.List;

/** A run the policy's safety limits forbid; nothing was changed. */
public final class RunRefused extends RuntimeException {
    private final List<String> reasons;

    public RunRefused(List<String> reasons) {
        super("The run was refused and nothing was changed: " + String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
