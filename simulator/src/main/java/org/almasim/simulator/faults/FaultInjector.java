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

    /** At most this many rules at once: each is tried against every request to Alma's API. */
    public static final int MAX_RULES = 100;

    private long seed;
    // Replaced whole on every change, so a request matches paths against the rules in force without holding the lock;
    // only the draw and the count, which must stay in the order requests come, are taken under it.
    private volatile List<ActiveRule> rules = List.of();
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
        if (rules.size() >= MAX_RULES) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    "Fault rule: at most " + MAX_RULES + " rules at once; remove some first.");
        }
        ActiveRule active = new ActiveRule("F" + nextId++, rule, 0, rule.count());
        List<ActiveRule> changed = new ArrayList<>(rules);
        changed.add(active);
        rules = List.copyOf(changed);
        any = true;
        return active;
    }

    public List<ActiveRule> rules() {
        return rules;
    }

    /** Answers whether a rule with this id was removed. */
    public synchronized boolean remove(String id) {
        List<ActiveRule> changed = new ArrayList<>(rules);
        boolean removed = changed.removeIf(r -> r.id().equalsIgnoreCase(id));
        rules = List.copyOf(changed);
        any = !changed.isEmpty();
        return removed;
    }

    /** Removes every rule and starts the random numbers again from the seed, so the next run meets the same faults. */
    public synchronized void clear() {
        rules = List.of();
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
        if (!any) {
            return Optional.empty();
        }
        List<String> matching = rules.stream()
                .filter(active -> active.rule().matches(method, path, op))
                .map(ActiveRule::id)
                .toList();
        return matching.isEmpty() ? Optional.empty() : drawFrom(matching);
    }

    /** The first of the matching rules (still in force, not used up) whose probability is drawn. */
    private synchronized Optional<Injected> drawFrom(List<String> matching) {
        List<ActiveRule> current = new ArrayList<>(rules);
        for (int i = 0; i < current.size(); i++) {
            ActiveRule active = current.get(i);
            FaultRule rule = active.rule();
            if (!matching.contains(active.id())
                    || active.remaining().map(left -> left <= 0).orElse(false)
                    || random.nextDouble() >= rule.probability().orElse(1.0)) {
                continue;
            }
            current.set(
                    i,
                    new ActiveRule(
                            active.id(),
                            rule,
                            active.applied() + 1,
                            active.remaining().map(left -> left - 1)));
            rules = List.copyOf(current);
            return Optional.of(new Injected(active.id(), rule));
        }
        return Optional.empty();
    }
}
