package org.almasim.simulator.deletion;

import static org.almasim.simulator.db.Tables.FEE;
import static org.almasim.simulator.db.Tables.LOAN;
import static org.almasim.simulator.db.Tables.USER_REQUEST;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.almasim.simulator.store.BulkLookup;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** What patrons have open in the library: active loans and the active balance of fines and fees, for one or many. */
public final class PatronActivity {
    /** Fee statuses that still count towards a balance; CLOSED fees (paid or waived) never do. */
    public static final List<String> OPEN_FEE_STATUSES = List.of("ACTIVE", "INDISPUTE", "EXPORTED");

    private PatronActivity() {}

    /** A user's active loans as a column of a query on users: a subquery on the user's key. */
    public static Field<Integer> activeLoansOf(Field<Long> userKey) {
        return DSL.field(
                DSL.selectCount().from(LOAN).where(LOAN.USER_KEY.eq(userKey).and(LOAN.LOAN_STATUS.eq("ACTIVE"))));
    }

    /** A user's active balance (zero when nothing is open) as a column of a query on users. */
    public static Field<BigDecimal> activeBalanceOf(Field<Long> userKey) {
        return DSL.field(DSL.select(DSL.coalesce(DSL.sum(FEE.BALANCE), BigDecimal.ZERO))
                .from(FEE)
                .where(FEE.USER_KEY.eq(userKey).and(FEE.STATUS.in(OPEN_FEE_STATUSES))));
    }

    public static int activeLoans(DSLContext db, long userKey) {
        return db.fetchCount(LOAN, LOAN.USER_KEY.eq(userKey).and(LOAN.LOAN_STATUS.eq("ACTIVE")));
    }

    /** The user's active requests ({@code expand=requests}); a purge cancels them, they do not stop it. */
    public static int activeRequests(DSLContext db, long userKey) {
        return db.fetchCount(USER_REQUEST, USER_REQUEST.USER_KEY.eq(userKey).and(USER_REQUEST.ACTIVE.isTrue()));
    }

    /**
     * Which of these items (a page of a user's loans at most) another user than this one waits for: a loan of such an
     * item cannot be renewed.
     */
    public static Set<String> requestedByOthers(DSLContext db, Collection<String> itemPids, long userKey) {
        if (itemPids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(db.selectDistinct(USER_REQUEST.ITEM_PID)
                .from(USER_REQUEST)
                .where(USER_REQUEST.ITEM_PID.in(itemPids))
                .and(USER_REQUEST.ACTIVE.isTrue())
                .and(USER_REQUEST.USER_KEY.ne(userKey))
                .fetch(USER_REQUEST.ITEM_PID));
    }

    public static BigDecimal activeBalance(DSLContext db, long userKey) {
        BigDecimal sum = db.select(DSL.sum(FEE.BALANCE))
                .from(FEE)
                .where(FEE.USER_KEY.eq(userKey).and(FEE.STATUS.in(OPEN_FEE_STATUSES)))
                .fetchOne(0, BigDecimal.class);
        return (sum == null ? BigDecimal.ZERO : sum).setScale(2);
    }

    /** Active loans by user; users with none are absent. */
    public static Map<Long, Integer> activeLoans(DSLContext db, Collection<Long> userKeys) {
        Map<Long, Integer> loans = new HashMap<>();
        if (userKeys.isEmpty()) {
            return loans;
        }
        var users = BulkLookup.keys(userKeys);
        db.select(LOAN.USER_KEY, DSL.count())
                .from(users.table())
                .join(LOAN)
                .on(LOAN.USER_KEY.eq(users.value()))
                .where(LOAN.LOAN_STATUS.eq("ACTIVE"))
                .groupBy(LOAN.USER_KEY)
                .forEach(r -> loans.put(r.value1(), r.value2()));
        return loans;
    }

    /** Active balances by user (two decimals); users with no open fee are absent. */
    public static Map<Long, BigDecimal> activeBalances(DSLContext db, Collection<Long> userKeys) {
        Map<Long, BigDecimal> balances = new HashMap<>();
        if (userKeys.isEmpty()) {
            return balances;
        }
        var users = BulkLookup.keys(userKeys);
        db.select(FEE.USER_KEY, DSL.sum(FEE.BALANCE))
                .from(users.table())
                .join(FEE)
                .on(FEE.USER_KEY.eq(users.value()))
                .where(FEE.STATUS.in(OPEN_FEE_STATUSES))
                .groupBy(FEE.USER_KEY)
                .forEach(r -> balances.put(r.value1(), r.value2().setScale(2)));
        return balances;
    }
}
