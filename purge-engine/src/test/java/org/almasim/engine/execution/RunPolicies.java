package org.almasim.engine.execution;

import java.nio.charset.StandardCharsets;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.policy.PolicyReader;

/** Policies the engine's run tests share. */
final class RunPolicies {
    private RunPolicies() {}

    /** Every stage, FLVC's July-1 cut-off, no safety limit in the way: a run that touches as much as it can. */
    static final Policy EVERY_STAGE = PolicyReader.read("""
            name: every stage
            fixups:
              copy_expiry_to_empty_purge_date: true
            inactive:
              expired_days: 7
            purge:
              cutoff_rule: july_1_previous_year
            safety:
              allow_everyone: true
              allow_nobody: true
            """.getBytes(StandardCharsets.UTF_8), "every-stage.yaml");
}
