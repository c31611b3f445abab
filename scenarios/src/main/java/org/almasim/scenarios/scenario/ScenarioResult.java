package org.almasim.scenarios.scenario;

import java.util.List;

/** What a scenario's playing found: every expectation that did not hold, as expected-versus-actual lines. */
public record ScenarioResult(String scenario, int expectations, List<String> failures) {
    public boolean passed() {
        return failures.isEmpty();
    }
}
