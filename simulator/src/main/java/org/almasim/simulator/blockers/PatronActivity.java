package org.almasim.simulator.blockers;

import static org.almasim.simulator.db.Tables.FEE;
import static org.almasim.simulator.db.Tables.LOAN;

import java.math.BigDecimal;
import java.util.List;
import org.jooq.DSLContext;

/** What a patron has open in the library: active loans and the active balance of fines and fees. */
public final class PatronActivity {
    /** Fee statuses that still count towards a balance; CLOSED fees (paid or waived) never do. */
    public static final List<String> OPEN_FEE_STATUSES = List.of("ACTIVE", "INDISPUTE", "EXPORTED");

    private PatronActivity() {
    }

    public static int activeLoans(DSLContext db, long userKey) {
        return db.fetchCount(LOAN, LOAN.USER_KEY.eq(userKey).and(LOAN.LOAN_STATUS.eq("ACTIVE")));
    }

    public static BigDecimal activeBalance(DSLContext db, long userKey) {
        BigDecimal sum = db.select(org.jooq.impl.DSL.sum(FEE.BALANCE)).from(FEE)
                .where(FEE.USER_KEY.eq(userKey).and(FEE.STATUS.in(OPEN_FEE_STATUSES)))
                .fetchOne(0, BigDecimal.class);
        return sum == null ? BigDecimal.ZERO.setScale(2) : sum;
    }
}
