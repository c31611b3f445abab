package org.almasim.simulator.users;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/**
 * A job batch's changed user records, written together with one statement rendered once when the batch ends: a job
 * over many users would otherwise build and render an UPDATE for each. The batch's users stay row-locked till then.
 */
public final class JobRewrites {
    private final List<UserRepository.Rewrite> pending = new ArrayList<>();

    void add(UserRepository.Rewrite rewrite) {
        pending.add(rewrite);
    }

    public void write(DSLContext tx) {
        new UserRepository(tx).updateAll(pending);
        pending.clear();
    }
}
