package org.almasim.app.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.almasim.app.console.ConsoleViews.PolicyChoice;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.policy.PolicyReader;
import org.almasim.simulator.errors.AlmaError;

/**
 * The shipped policies, read once, when the console first needs them (a class of its own is initialised on first use):
 * reading and checking them costs a serve's start a few hundred milliseconds it need not wait for.
 */
final class ShippedPolicies {
    static final Map<String, Policy> ALL = PolicyReader.SHIPPED.stream()
            .collect(Collectors.toMap(name -> name, PolicyReader::load, (a, b) -> a, LinkedHashMap::new));

    private ShippedPolicies() {}

    /**
     * The policies a trainer can choose: every shipped one, and those the calendar runs besides (a scenario's own, a
     * consortium member's version of a shipped one), offered as scheduled.
     */
    static List<PolicyChoice> choices(Map<String, Policy> scheduled) {
        List<PolicyChoice> choices = new ArrayList<>();
        ALL.forEach((name, policy) -> choices.add(PolicyChoice.of(name, policy, scheduled.containsKey(name))));
        scheduled.forEach((name, policy) -> {
            if (choices.stream().noneMatch(c -> c.name().equals(name))) {
                choices.add(PolicyChoice.of(name, policy, true));
            }
        });
        return choices;
    }

    /** The shipped policy with this name, or the console's refusal naming those there are. */
    static Policy named(String name) {
        Policy policy = ALL.get(name);
        if (policy == null) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    "No shipped policy is called '" + name + "' (" + String.join(", ", ALL.keySet()) + ").");
        }
        return policy;
    }
}
