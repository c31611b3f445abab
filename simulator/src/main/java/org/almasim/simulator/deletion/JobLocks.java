package org.almasim.simulator.deletion;

import static org.almasim.simulator.db.Tables.JOB_LOCK;

import java.util.Optional;
import org.almasim.simulator.errors.AlmaError;
import org.jooq.DSLContext;

/** Users held by a running job. While a job holds a user, API writes to that user fail and change nothing. */
public final class JobLocks {
    public static final String REASON = "The user record is currently locked by a running job.";

    private JobLocks() {}

    public static Optional<String> heldBy(DSLContext db, long userKey) {
        return db.select(JOB_LOCK.INSTANCE_ID)
                .from(JOB_LOCK)
                .where(JOB_LOCK.USER_KEY.eq(userKey))
                .fetchOptional(JOB_LOCK.INSTANCE_ID);
    }

    /** Refuses a write to a user a job holds, with the given Alma error (whose one detail says which job holds it). */
    public static void refuseIfHeld(DSLContext db, long userKey, AlmaError error) {
        heldBy(db, userKey).ifPresent(instance -> {
            throw error.refusal(REASON.replace(".", "") + " (job instance " + instance + ").");
        });
    }
}
