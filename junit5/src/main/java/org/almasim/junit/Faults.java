package org.almasim.junit;

import java.util.List;
import org.almasim.simulator.faults.FaultInjector;
import org.almasim.simulator.faults.FaultRule;

/**
 * The faults Alma's API meets: {@code alma.faults().add(FaultRule.of(Fault.HTTP_503).onMethod("DELETE").times(2))}.
 * Probabilities are drawn from seeded random numbers, so a test meets the same faults every run.
 */
public final class Faults {
    private final FaultInjector injector;

    Faults(FaultInjector injector) {
        this.injector = injector;
    }

    /** A rule in force: its id, how often it has applied, and what it is. */
    public record Active(String id, FaultRule rule, int applied) {}

    /** Adds a rule; answers its id (for {@link #remove}). A rule with a problem is an IllegalArgumentException. */
    public String add(FaultRule rule) {
        rule.problem().ifPresent(problem -> {
            throw new IllegalArgumentException("Fault rule: " + problem);
        });
        return injector.add(rule).id();
    }

    public List<Active> rules() {
        return injector.rules().stream()
                .map(active -> new Active(active.id(), active.rule(), active.applied()))
                .toList();
    }

    /** Answers whether a rule with this id was removed. */
    public boolean remove(String id) {
        return injector.remove(id);
    }

    /** Removes every rule, and draws again from the seed. */
    public void clear() {
        injector.clear();
    }
}
