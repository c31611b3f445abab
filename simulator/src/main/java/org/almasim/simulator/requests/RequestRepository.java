package org.almasim.simulator.requests;

import static org.almasim.simulator.db.Tables.USER_REQUEST;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.almasim.simulator.db.tables.records.UserRequestRecord;
import org.almasim.simulator.store.Page;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Users' requests in H2, through jOOQ only. */
final class RequestRepository {
    private final DSLContext db;

    RequestRepository(DSLContext db) {
        this.db = db;
    }

    /** A request as stored: {@code active} until it is cancelled. */
    record StoredRequest(
            String requestId,
            long userKey,
            String itemPid,
            String requestType,
            String status,
            boolean active,
            String pickupLibrary,
            String pickupCircDesk,
            String comment,
            Instant requestTime,
            LocalDate lastInterestDate,
            String cancelReason,
            String cancelNote) {}

    void insert(StoredRequest request) {
        db.insertInto(USER_REQUEST)
                .set(USER_REQUEST.REQUEST_ID, request.requestId())
                .set(USER_REQUEST.USER_KEY, request.userKey())
                .set(USER_REQUEST.ITEM_PID, request.itemPid())
                .set(USER_REQUEST.REQUEST_TYPE, request.requestType())
                .set(USER_REQUEST.REQUEST_STATUS, request.status())
                .set(USER_REQUEST.ACTIVE, request.active())
                .set(USER_REQUEST.PICKUP_LIBRARY, request.pickupLibrary())
                .set(USER_REQUEST.PICKUP_CIRC_DESK, request.pickupCircDesk())
                .set(USER_REQUEST.USER_COMMENT, request.comment())
                .set(USER_REQUEST.REQUEST_TIME, request.requestTime().atOffset(ZoneOffset.UTC))
                .set(USER_REQUEST.LAST_INTEREST_DATE, request.lastInterestDate())
                .execute();
    }

    /** Inserts many requests with one batched statement (a population document's). */
    void insertAll(List<StoredRequest> requests) {
        if (requests.isEmpty()) {
            return;
        }
        var insert = db.batch(db.insertInto(
                        USER_REQUEST,
                        USER_REQUEST.REQUEST_ID,
                        USER_REQUEST.USER_KEY,
                        USER_REQUEST.ITEM_PID,
                        USER_REQUEST.REQUEST_TYPE,
                        USER_REQUEST.REQUEST_STATUS,
                        USER_REQUEST.ACTIVE,
                        USER_REQUEST.PICKUP_LIBRARY,
                        USER_REQUEST.REQUEST_TIME,
                        USER_REQUEST.LAST_INTEREST_DATE)
                .values((String) null, null, null, null, null, null, null, null, null));
        for (StoredRequest r : requests) {
            insert = insert.bind(
                    r.requestId(),
                    r.userKey(),
                    r.itemPid(),
                    r.requestType(),
                    r.status(),
                    r.active(),
                    r.pickupLibrary(),
                    r.requestTime().atOffset(ZoneOffset.UTC),
                    r.lastInterestDate());
        }
        insert.execute();
    }

    Optional<StoredRequest> find(long userKey, String requestId) {
        return db.selectFrom(USER_REQUEST)
                .where(USER_REQUEST.USER_KEY.eq(userKey).and(USER_REQUEST.REQUEST_ID.eq(requestId)))
                .fetchOptional(RequestRepository::stored);
    }

    /** The user's active requests, or their history, oldest first, a page of them. */
    List<StoredRequest> page(long userKey, boolean active, Optional<String> type, Page page) {
        return db.selectFrom(USER_REQUEST)
                .where(USER_REQUEST.USER_KEY.eq(userKey))
                .and(USER_REQUEST.ACTIVE.eq(active))
                .and(type.map(USER_REQUEST.REQUEST_TYPE::eq).orElse(DSL.noCondition()))
                .orderBy(USER_REQUEST.REQUEST_TIME, USER_REQUEST.REQUEST_ID)
                .limit(page.limit())
                .offset(page.offset())
                .fetch(RequestRepository::stored);
    }

    int count(long userKey, boolean active, Optional<String> type) {
        return db.fetchCount(
                USER_REQUEST,
                USER_REQUEST
                        .USER_KEY
                        .eq(userKey)
                        .and(USER_REQUEST.ACTIVE.eq(active))
                        .and(type.map(USER_REQUEST.REQUEST_TYPE::eq).orElse(DSL.noCondition())));
    }

    /** Whether the user already has an active request on the item. */
    boolean activeOn(long userKey, String itemPid) {
        return db.fetchExists(
                USER_REQUEST,
                USER_REQUEST
                        .USER_KEY
                        .eq(userKey)
                        .and(USER_REQUEST.ITEM_PID.eq(itemPid))
                        .and(USER_REQUEST.ACTIVE.isTrue()));
    }

    /** The place of a request among the item's active requests, from 1, in the order they were placed. */
    int placeInQueue(StoredRequest request) {
        return db.fetchCount(
                        USER_REQUEST,
                        USER_REQUEST
                                .ITEM_PID
                                .eq(request.itemPid())
                                .and(USER_REQUEST.ACTIVE.isTrue())
                                .and(USER_REQUEST
                                        .REQUEST_TIME
                                        .lt(request.requestTime().atOffset(ZoneOffset.UTC))
                                        .or(USER_REQUEST
                                                .REQUEST_TIME
                                                .eq(request.requestTime().atOffset(ZoneOffset.UTC))
                                                .and(USER_REQUEST.REQUEST_ID.lt(request.requestId())))))
                + 1;
    }

    void cancel(String requestId, String reason, String note) {
        db.update(USER_REQUEST)
                .set(USER_REQUEST.ACTIVE, false)
                .set(USER_REQUEST.REQUEST_STATUS, "CANCELLED")
                .set(USER_REQUEST.CANCEL_REASON, reason)
                .set(USER_REQUEST.CANCEL_NOTE, note)
                .where(USER_REQUEST.REQUEST_ID.eq(requestId))
                .execute();
    }

    private static StoredRequest stored(UserRequestRecord r) {
        return new StoredRequest(
                r.getRequestId(),
                r.getUserKey(),
                r.getItemPid(),
                r.getRequestType(),
                r.getRequestStatus(),
                r.getActive(),
                r.getPickupLibrary(),
                r.getPickupCircDesk(),
                r.getUserComment(),
                r.getRequestTime().toInstant(),
                r.getLastInterestDate(),
                r.getCancelReason(),
                r.getCancelNote());
    }
}
