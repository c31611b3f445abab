package org.almasim.simulator.blockers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Every reason a user cannot be deleted, not only the first: active loans, an active balance above the waive threshold
 * (closed fees never block), and the blockers kept as data ({@link BlockerKind}; research ones only where research is
 * enabled). Used by {@code DELETE /users/{id}} and, with a waive threshold, by the purge jobs.
 */
public final class DeletionBlockers {
    private DeletionBlockers() {
    }

    public static List<DeletionBlocker> of(DSLContext db, long userKey, BigDecimal waiveThreshold, String currency) {
        return of(db, userKey, waiveThreshold, currency, null);
    }

    /** As {@link #of(DSLContext, long, BigDecimal, String)}, for a job that holds the user itself ({@code ownInstance}). */
    public static List<DeletionBlocker> of(DSLContext db, long userKey, BigDecimal waiveThreshold, String currency, String ownInstance) {
        List<DeletionBlocker> blockers = new ArrayList<>();
        JobLocks.heldBy(db, userKey).filter(instance -> !instance.equals(ownInstance))
                .ifPresent(instance -> blockers.add(new DeletionBlocker("JOB_LOCK", JobLocks.REASON)));
        int loans = PatronActivity.activeLoans(db, userKey);
        if (loans > 0) {
            blockers.add(new DeletionBlocker("ACTIVE_LOANS", "User has " + loans + " active loan" + (loans == 1 ? "" : "s") + "."));
        }
        BigDecimal balance = PatronActivity.activeBalance(db, userKey);
        if (balance.compareTo(waiveThreshold) > 0) {
            blockers.add(new DeletionBlocker("ACTIVE_BALANCE",
                    "User has an active balance of " + balance.toPlainString() + " " + currency + "."));
        }
        boolean research = org.almasim.simulator.settings.InstitutionSettings.researchEnabled(db);
        for (BlockerRepository.StoredBlocker kept : new BlockerRepository(db).of(userKey)) {
            if (!kept.kind().needsResearch() || research) {
                String detail = kept.detail() == null ? "" : " (" + kept.detail() + ")";
                blockers.add(new DeletionBlocker(kept.kind().name(), kept.kind().reason().replaceAll("\\.$", "") + detail + "."));
            }
        }
        return blockers;
    }
}
