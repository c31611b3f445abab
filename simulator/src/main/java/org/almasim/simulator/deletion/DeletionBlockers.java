package org.almasim.simulator.deletion;

import static org.almasim.simulator.db.Tables.JOB_LOCK;
import static org.almasim.simulator.db.Tables.PATRON_BLOCKER;
import static org.almasim.simulator.db.Tables.RS_REQUEST;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.almasim.simulator.settings.InstitutionSettings;
import org.almasim.simulator.store.BulkLookup;
import org.jooq.DSLContext;

/**
 * Every reason a user cannot be deleted, not only the first: held by another running job, active loans, an active
 * balance above the waive threshold (closed fees never block), and the blockers kept as data ({@link BlockerKind};
 * research ones only where research is enabled). Used by {@code DELETE /users/{id}} for one user and by the purge jobs
 * for a batch of users at a time, with the same few queries either way.
 */
public final class DeletionBlockers {
    /** The state of a resource-sharing request that waits on the hold shelf. */
    public static final String ON_HOLD_SHELF = "ON_HOLD_SHELF";

    private DeletionBlockers() {}

    public static List<DeletionBlocker> of(DSLContext db, long userKey, BigDecimal waiveThreshold, String currency) {
        return of(db, List.of(userKey), waiveThreshold, currency, null).get(userKey);
    }

    /** The blockers of each user (an empty list for a deletable one); {@code ownInstance} is a job that holds them itself. */
    public static Map<Long, List<DeletionBlocker>> of(
            DSLContext db, Collection<Long> userKeys, BigDecimal waiveThreshold, String currency, String ownInstance) {
        Map<Long, List<DeletionBlocker>> blockers = new LinkedHashMap<>();
        userKeys.forEach(key -> blockers.put(key, new ArrayList<>()));
        if (userKeys.isEmpty()) {
            return blockers;
        }
        var users = BulkLookup.keys(userKeys);
        db.select(JOB_LOCK.USER_KEY, JOB_LOCK.INSTANCE_ID)
                .from(users.table())
                .join(JOB_LOCK)
                .on(JOB_LOCK.USER_KEY.eq(users.value()))
                .forEach(r -> {
                    if (!r.value2().equals(ownInstance)) {
                        blockers.get(r.value1()).add(new DeletionBlocker("JOB_LOCK", JobLocks.REASON));
                    }
                });
        Map<Long, Integer> loans = PatronActivity.activeLoans(db, userKeys);
        Map<Long, BigDecimal> balances = PatronActivity.activeBalances(db, userKeys);
        for (long key : userKeys) {
            int count = loans.getOrDefault(key, 0);
            if (count > 0) {
                blockers.get(key)
                        .add(new DeletionBlocker(
                                "ACTIVE_LOANS", "User has " + count + " active loan" + (count == 1 ? "" : "s") + "."));
            }
            BigDecimal balance = balances.getOrDefault(key, BigDecimal.ZERO.setScale(2));
            if (balance.compareTo(waiveThreshold) > 0) {
                blockers.get(key)
                        .add(new DeletionBlocker(
                                "ACTIVE_BALANCE",
                                "User has an active balance of " + balance.toPlainString() + " " + currency + "."));
            }
        }
        // A borrowing request on the hold shelf, as the API made it and the lending partner moved it.
        db.select(RS_REQUEST.USER_KEY, RS_REQUEST.REQUEST_ID)
                .from(users.table())
                .join(RS_REQUEST)
                .on(RS_REQUEST.USER_KEY.eq(users.value()))
                .where(RS_REQUEST.ACTIVE.isTrue().and(RS_REQUEST.REQUEST_STATUS.eq(ON_HOLD_SHELF)))
                .orderBy(RS_REQUEST.REQUEST_ID)
                .forEach(r -> blockers.get(r.value1())
                        .add(new DeletionBlocker(
                                BlockerKind.RS_REQUEST_ON_HOLD_SHELF.name(),
                                BlockerKind.RS_REQUEST_ON_HOLD_SHELF.reason().replaceAll("\\.$", "") + " (" + r.value2()
                                        + ").")));
        boolean research = InstitutionSettings.researchEnabled(db);
        db.select(PATRON_BLOCKER.USER_KEY, PATRON_BLOCKER.KIND, PATRON_BLOCKER.DETAIL)
                .from(users.table())
                .join(PATRON_BLOCKER)
                .on(PATRON_BLOCKER.USER_KEY.eq(users.value()))
                .orderBy(PATRON_BLOCKER.BLOCKER_ID)
                .forEach(r -> {
                    BlockerKind kind = BlockerKind.valueOf(r.value2());
                    if (!kind.needsResearch() || research) {
                        String detail = r.value3() == null ? "" : " (" + r.value3() + ")";
                        blockers.get(r.value1())
                                .add(new DeletionBlocker(
                                        kind.name(), kind.reason().replaceAll("\\.$", "") + detail + "."));
                    }
                });
        return blockers;
    }
}
