package org.almasim.simulator.loans;

import static org.almasim.simulator.db.Tables.ITEM;
import static org.almasim.simulator.db.Tables.LOAN;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.almasim.simulator.db.tables.records.LoanRecord;
import org.almasim.simulator.store.BulkLookup;
import org.almasim.simulator.store.Page;
import org.jooq.DSLContext;
import org.jooq.SortField;

/** Loans in H2, through jOOQ only. */
final class LoanRepository {
    private final DSLContext db;

    LoanRepository(DSLContext db) {
        this.db = db;
    }

    record StoredLoan(
            String loanId,
            long userKey,
            String itemPid,
            String status,
            String processStatus,
            String circDesk,
            String library,
            Instant loanDate,
            Instant dueDate,
            Instant returnDate,
            Instant lastRenewDate,
            int renewals) {}

    void insert(StoredLoan loan) {
        db.insertInto(LOAN)
                .set(LOAN.LOAN_ID, loan.loanId())
                .set(LOAN.USER_KEY, loan.userKey())
                .set(LOAN.ITEM_PID, loan.itemPid())
                .set(LOAN.LOAN_STATUS, loan.status())
                .set(LOAN.PROCESS_STATUS, loan.processStatus())
                .set(LOAN.CIRC_DESK, loan.circDesk())
                .set(LOAN.LIBRARY, loan.library())
                .set(LOAN.LOAN_DATE, time(loan.loanDate()))
                .set(LOAN.DUE_DATE, time(loan.dueDate()))
                .execute();
    }

    void insertAll(List<StoredLoan> loans) {
        if (loans.isEmpty()) {
            return;
        }
        var insert = db.batch(db.insertInto(
                        LOAN,
                        LOAN.LOAN_ID,
                        LOAN.USER_KEY,
                        LOAN.ITEM_PID,
                        LOAN.LOAN_STATUS,
                        LOAN.PROCESS_STATUS,
                        LOAN.CIRC_DESK,
                        LOAN.LIBRARY,
                        LOAN.LOAN_DATE,
                        LOAN.DUE_DATE,
                        LOAN.RETURN_DATE)
                .values((String) null, null, null, null, null, null, null, null, null, null));
        for (StoredLoan l : loans) {
            insert = insert.bind(
                    l.loanId(),
                    l.userKey(),
                    l.itemPid(),
                    l.status(),
                    l.processStatus(),
                    l.circDesk(),
                    l.library(),
                    time(l.loanDate()),
                    time(l.dueDate()),
                    l.returnDate() == null ? null : time(l.returnDate()));
        }
        insert.execute();
    }

    /** Which of these items are out on an active loan now. */
    Set<String> onLoan(Collection<String> itemPids) {
        if (itemPids.isEmpty()) {
            return new HashSet<>();
        }
        Set<String> onLoan = new HashSet<>();
        for (List<String> chunk : BulkLookup.chunks(itemPids)) {
            var lookup = BulkLookup.of(chunk);
            onLoan.addAll(db.select(LOAN.ITEM_PID)
                    .from(lookup.table())
                    .join(LOAN)
                    .on(LOAN.ITEM_PID.eq(lookup.value()))
                    .where(LOAN.LOAN_STATUS.eq("ACTIVE"))
                    .fetch(LOAN.ITEM_PID));
        }
        return onLoan;
    }

    Optional<StoredLoan> find(long userKey, String loanId) {
        return db.selectFrom(LOAN)
                .where(LOAN.LOAN_ID.eq(loanId).and(LOAN.USER_KEY.eq(userKey)))
                .fetchOptional(LoanRepository::stored);
    }

    Optional<StoredLoan> activeLoanOf(String itemPid) {
        return db.selectFrom(LOAN)
                .where(LOAN.ITEM_PID.eq(itemPid).and(LOAN.LOAN_STATUS.eq("ACTIVE")))
                .fetchOptional(LoanRepository::stored);
    }

    int count(long userKey, String status) {
        return db.fetchCount(LOAN, LOAN.USER_KEY.eq(userKey).and(LOAN.LOAN_STATUS.eq(status)));
    }

    List<StoredLoan> list(long userKey, String status, Page page, String orderBy, boolean descending) {
        SortField<?> order = switch (orderBy) {
            case "loan_date" -> descending ? LOAN.LOAN_DATE.desc() : LOAN.LOAN_DATE.asc();
            case "due_date" -> descending ? LOAN.DUE_DATE.desc() : LOAN.DUE_DATE.asc();
            case "return_date" -> descending ? LOAN.RETURN_DATE.desc() : LOAN.RETURN_DATE.asc();
            case "barcode" -> descending ? ITEM.BARCODE.desc() : ITEM.BARCODE.asc();
            default -> descending ? LOAN.LOAN_ID.desc() : LOAN.LOAN_ID.asc();
        };
        return db.select(LOAN.fields())
                .from(LOAN)
                .join(ITEM)
                .on(ITEM.ITEM_PID.eq(LOAN.ITEM_PID))
                .where(LOAN.USER_KEY.eq(userKey).and(LOAN.LOAN_STATUS.eq(status)))
                .orderBy(order, LOAN.LOAN_ID.asc())
                .limit(page.limit())
                .offset(page.offset())
                .fetchInto(LOAN)
                .map(LoanRepository::stored);
    }

    void renew(String loanId, Instant dueDate, Instant renewedAt) {
        db.update(LOAN)
                .set(LOAN.DUE_DATE, time(dueDate))
                .set(LOAN.PROCESS_STATUS, "RENEW")
                .set(LOAN.LAST_RENEW_DATE, time(renewedAt))
                .set(LOAN.RENEWALS, LOAN.RENEWALS.plus(1))
                .where(LOAN.LOAN_ID.eq(loanId))
                .execute();
    }

    void changeDueDate(String loanId, Instant dueDate, String processStatus, Instant renewedAt) {
        db.update(LOAN)
                .set(LOAN.DUE_DATE, time(dueDate))
                .set(LOAN.PROCESS_STATUS, processStatus)
                .set(LOAN.LAST_RENEW_DATE, renewedAt == null ? null : time(renewedAt))
                .where(LOAN.LOAN_ID.eq(loanId))
                .execute();
    }

    void complete(String loanId, Instant returnedAt) {
        db.update(LOAN)
                .set(LOAN.LOAN_STATUS, "COMPLETE")
                .set(LOAN.PROCESS_STATUS, "NORMAL")
                .set(LOAN.RETURN_DATE, time(returnedAt))
                .where(LOAN.LOAN_ID.eq(loanId))
                .execute();
    }

    private static StoredLoan stored(LoanRecord r) {
        return new StoredLoan(
                r.getLoanId(),
                r.getUserKey(),
                r.getItemPid(),
                r.getLoanStatus(),
                r.getProcessStatus(),
                r.getCircDesk(),
                r.getLibrary(),
                r.getLoanDate().toInstant(),
                r.getDueDate().toInstant(),
                r.getReturnDate() == null ? null : r.getReturnDate().toInstant(),
                r.getLastRenewDate() == null ? null : r.getLastRenewDate().toInstant(),
                r.getRenewals());
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
