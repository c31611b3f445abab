package org.almasim.simulator.fees;

import static org.almasim.simulator.db.Tables.FEE;
import static org.almasim.simulator.db.Tables.FEE_TRANSACTION;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.almasim.simulator.db.tables.records.FeeRecord;
import org.almasim.simulator.db.tables.records.FeeTransactionRecord;
import org.jooq.DSLContext;

/** Fees and their transactions in H2, through jOOQ only. */
final class FeeRepository {
    private final DSLContext db;

    FeeRepository(DSLContext db) {
        this.db = db;
    }

    record StoredFee(
            String id,
            long userKey,
            String type,
            String status,
            BigDecimal balance,
            BigDecimal originalAmount,
            Instant creationTime,
            Instant statusTime,
            String comment,
            String owner,
            String title,
            String barcode) {}

    record StoredTransaction(
            String feeId,
            String type,
            BigDecimal amount,
            String method,
            String reason,
            String comment,
            String externalTransactionId,
            Instant time) {}

    void insert(StoredFee fee) {
        db.insertInto(FEE)
                .set(FEE.FEE_ID, fee.id())
                .set(FEE.USER_KEY, fee.userKey())
                .set(FEE.FEE_TYPE, fee.type())
                .set(FEE.STATUS, fee.status())
                .set(FEE.BALANCE, fee.balance())
                .set(FEE.ORIGINAL_AMOUNT, fee.originalAmount())
                .set(FEE.CREATION_TIME, time(fee.creationTime()))
                .set(FEE.STATUS_TIME, time(fee.statusTime()))
                .set(FEE.COMMENT, fee.comment())
                .set(FEE.OWNER, fee.owner())
                .set(FEE.TITLE, fee.title())
                .set(FEE.BARCODE, fee.barcode())
                .execute();
    }

    void insertAll(List<StoredFee> fees) {
        if (fees.isEmpty()) {
            return;
        }
        var insert = db.batch(db.insertInto(
                        FEE,
                        FEE.FEE_ID,
                        FEE.USER_KEY,
                        FEE.FEE_TYPE,
                        FEE.STATUS,
                        FEE.BALANCE,
                        FEE.ORIGINAL_AMOUNT,
                        FEE.CREATION_TIME,
                        FEE.STATUS_TIME,
                        FEE.COMMENT,
                        FEE.OWNER,
                        FEE.TITLE,
                        FEE.BARCODE)
                .values((String) null, null, null, null, null, null, null, null, null, null, null, null));
        for (StoredFee f : fees) {
            insert = insert.bind(
                    f.id(),
                    f.userKey(),
                    f.type(),
                    f.status(),
                    f.balance(),
                    f.originalAmount(),
                    time(f.creationTime()),
                    time(f.statusTime()),
                    f.comment(),
                    f.owner(),
                    f.title(),
                    f.barcode());
        }
        insert.execute();
    }

    Optional<StoredFee> find(long userKey, String feeId) {
        return db.selectFrom(FEE)
                .where(FEE.FEE_ID.eq(feeId).and(FEE.USER_KEY.eq(userKey)))
                .fetchOptional(FeeRepository::stored);
    }

    /** Locks the fee row until the transaction ends: two payments on one fee apply one after the other. */
    Optional<StoredFee> findForUpdate(long userKey, String feeId) {
        return db.selectFrom(FEE)
                .where(FEE.FEE_ID.eq(feeId).and(FEE.USER_KEY.eq(userKey)))
                .forUpdate()
                .fetchOptional(FeeRepository::stored);
    }

    List<StoredFee> list(long userKey, Collection<String> statuses) {
        return db.selectFrom(FEE)
                .where(FEE.USER_KEY.eq(userKey).and(FEE.STATUS.in(statuses)))
                .orderBy(FEE.CREATION_TIME, FEE.FEE_ID)
                .fetch(FeeRepository::stored);
    }

    void change(String feeId, BigDecimal balance, String status, Instant when) {
        db.update(FEE)
                .set(FEE.BALANCE, balance)
                .set(FEE.STATUS, status)
                .set(FEE.STATUS_TIME, time(when))
                .where(FEE.FEE_ID.eq(feeId))
                .execute();
    }

    void record(StoredTransaction t) {
        db.insertInto(FEE_TRANSACTION)
                .set(FEE_TRANSACTION.FEE_ID, t.feeId())
                .set(FEE_TRANSACTION.TRANSACTION_TYPE, t.type())
                .set(FEE_TRANSACTION.AMOUNT, t.amount())
                .set(FEE_TRANSACTION.PAYMENT_METHOD, t.method())
                .set(FEE_TRANSACTION.REASON, t.reason())
                .set(FEE_TRANSACTION.COMMENT, t.comment())
                .set(FEE_TRANSACTION.EXTERNAL_TRANSACTION_ID, t.externalTransactionId())
                .set(FEE_TRANSACTION.TRANSACTION_TIME, time(t.time()))
                .execute();
    }

    /** Records many transactions with one batched statement (a population document's fees). */
    void recordAll(List<StoredTransaction> transactions) {
        if (transactions.isEmpty()) {
            return;
        }
        var insert = db.batch(db.insertInto(
                        FEE_TRANSACTION,
                        FEE_TRANSACTION.FEE_ID,
                        FEE_TRANSACTION.TRANSACTION_TYPE,
                        FEE_TRANSACTION.AMOUNT,
                        FEE_TRANSACTION.PAYMENT_METHOD,
                        FEE_TRANSACTION.REASON,
                        FEE_TRANSACTION.COMMENT,
                        FEE_TRANSACTION.EXTERNAL_TRANSACTION_ID,
                        FEE_TRANSACTION.TRANSACTION_TIME)
                .values((String) null, null, null, null, null, null, null, null));
        for (StoredTransaction t : transactions) {
            insert = insert.bind(
                    t.feeId(),
                    t.type(),
                    t.amount(),
                    t.method(),
                    t.reason(),
                    t.comment(),
                    t.externalTransactionId(),
                    time(t.time()));
        }
        insert.execute();
    }

    Map<String, List<StoredTransaction>> transactions(Collection<String> feeIds) {
        return db.selectFrom(FEE_TRANSACTION)
                .where(FEE_TRANSACTION.FEE_ID.in(feeIds))
                .orderBy(FEE_TRANSACTION.TRANSACTION_ID)
                .fetchGroups(FEE_TRANSACTION.FEE_ID, FeeRepository::transaction);
    }

    private static StoredFee stored(FeeRecord r) {
        return new StoredFee(
                r.getFeeId(),
                r.getUserKey(),
                r.getFeeType(),
                r.getStatus(),
                r.getBalance(),
                r.getOriginalAmount(),
                r.getCreationTime().toInstant(),
                r.getStatusTime().toInstant(),
                r.getComment(),
                r.getOwner(),
                r.getTitle(),
                r.getBarcode());
    }

    private static StoredTransaction transaction(FeeTransactionRecord r) {
        return new StoredTransaction(
                r.getFeeId(),
                r.getTransactionType(),
                r.getAmount(),
                r.getPaymentMethod(),
                r.getReason(),
                r.getComment(),
                r.getExternalTransactionId(),
                r.getTransactionTime().toInstant());
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
