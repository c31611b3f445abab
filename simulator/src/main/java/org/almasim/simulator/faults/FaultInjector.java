package org.almasim.simulator.faults;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.almasim.simulator.errors.AlmaError;

/**
 * The fault rules in force and the seeded random numbers their probabilities are drawn from, so that a run with the
 * same seed and the same requests in the same order meets the same faults. Rules are tried in the order they were
 * added; the first that matches and is drawn applies. A rule whose count is used up stays listed, spent.
 */
public final class FaultInjector {
    /** A rule in force: its id ({@code F1}, ...), how often it has applied and how many times it may still apply. */
    public record ActiveRule(
            @JsonProperty("id") String id,
            @JsonProperty("rule") FaultRule rule,
            @JsonProperty("applied") int applied,
            @JsonProperty("remaining") Optional<Integer> remaining) {}

    /** An applied fault: the rule's id and what it does. */
    public record Injected(String ruleId, FaultRule rule) {}

    private long seed;
    private final List<ActiveRule> rules = new ArrayList<>();
    private SplittableRandom random;
    private int nextId = 1;
    /** Whether any rule is in force: read without the lock, so a simulator with no faults adds nothing to a request. */
    private volatile boolean any;

    public FaultInjector(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** Adds a rule after checking it; answers it with its id. A rule with a problem is refused and nothing changes. */
    public synchronized ActiveRule add(FaultRule rule) {
        rule.problem().ifPresent(problem -> {
            throw AlmaError.PARAMETER_NOT_VALID.refusal("Fault rule: " + problem + ".");
        });
        ActiveRule active = new ActiveRule("F" + nextId++, rule, 0, rule.count());
        rules.add(active);
        any = true;
        return active;
    }

    public synchronized List<ActiveRule> rules() {
        return List.copyOf(rules);
    }

    /** Answers whether a rule with this id was removed. */
    public synchronized boolean remove(String id) {
        boolean removed = rules.removeIf(r -> r.id().equalsIgnoreCase(id));
        any = !rules.isEmpty();
        return removed;
    }

    /** Removes every rule and starts the random numbers again from the seed, so the next run meets the same faults. */
    public synchronized void clear() {
        rules.clear();
        any = false;
        nextId = 1;
        random = new SplittableRandom(seed);
    }

    public synchronized long seed() {
        return seed;
    }

    /** Draws from a new seed from now on ({@code serve --fault-seed}): the same seed meets the same faults. */
    public synchronized void reseed(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** The fault this request meets, if any; counts it against its rule. */
    public Optional<Injected> draw(String method, String path, Optional<String> op) {
        return any ? drawFromRules(method, path, op) : Optional.empty();
    }

    private synchronized Optional<Injected> drawFromRules(String method, String path, Optional<String> op) {
        for (int i = 0; i < rules.size(); i++) {
            ActiveRule active = rules.get(i);
            FaultRule rule = active.rule();
            if (active.remaining().map(left -> left <= 0).orElse(false)
                    || !rule.matches(method, path, op)
                    || random.nextDouble() >= rule.probability().orElse(1.0)) {
                continue;
            }
            rules.set(
                    i,
                    new ActiveRule(
                            active.id(),
                            rule,
                            active.applied() + 1,
                            active.remaining().map(left -> left - 1)));
            return Optional.of(new Injected(active.id(), rule));
        }
        return Optional.empty();
    }
}
