package org.almasim.simulator.requests;

import static org.almasim.simulator.db.Tables.RS_REQUEST;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.codes.Code;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.db.tables.records.RsRequestRecord;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.store.AlmaIds;
import org.almasim.simulator.users.RsLibrary;
import org.almasim.simulator.users.UserService;
import org.jooq.DSLContext;

/**
 * A user's resource-sharing (borrowing) requests: placed with one of the user's resource-sharing libraries as owner,
 * read, cancelled (or removed) with a reason, and their shipping updated. A request starts READY_TO_SEND; the
 * partner's side (the control plane, as no lending library is simulated) moves it along, ON_HOLD_SHELF among its
 * states, where it stops the user's deletion.
 */
public final class ResourceSharingService {
    /** The states a request may be moved to from the control plane, as Alma names a borrowing request's. */
    public static final List<String> STATUSES = List.of(
            "READY_TO_SEND", "REQUEST_SENT_TO_PARTNER", "SHIPPED_PHYSICALLY", "ON_HOLD_SHELF", "RETURNED_BY_PATRON");

    private static final Set<String> CITATION_TYPES = Set.of("BOOK", "ARTICLE");
    private static final Set<String> FORMATS = Set.of("PHYSICAL", "DIGITAL");

    private final DSLContext dsl;
    private final CodeTables codes;
    private final SimulatedClock clock;
    private final UserService users;

    public ResourceSharingService(DSLContext dsl, CodeTables codes, SimulatedClock clock, UserService users) {
        this.dsl = dsl;
        this.codes = codes;
        this.clock = clock;
        this.users = users;
    }

    public ResourceSharingRequest place(String userId, String idType, ResourceSharingRequest body) {
        if (body == null || body.title() == null || body.title().isBlank()) {
            throw AlmaError.MANDATORY_FIELD_MISSING.refusal("title");
        }
        if (body.owner() == null
                || body.owner().value() == null
                || body.owner().value().isBlank()) {
            throw AlmaError.RS_OWNER_MISSING.refusal();
        }
        String citation = valueOr(body.citationType(), "BOOK");
        String format = valueOr(body.format(), "PHYSICAL");
        if (!CITATION_TYPES.contains(citation) || !FORMATS.contains(format)) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal("citation_type must be BOOK or ARTICLE and format PHYSICAL or"
                    + " DIGITAL, got " + citation + " and " + format + ".");
        }
        String owner = body.owner().value();
        return dsl.transactionResult(tx -> {
            long key = users.lockedKey(tx.dsl(), userId, idType);
            List<RsLibrary> theirs = users.rsLibraries(tx.dsl(), key);
            if (theirs.stream()
                    .noneMatch(library -> library.code() != null
                            && owner.equals(library.code().value()))) {
                throw AlmaError.RS_OWNER_NOT_THE_USERS.refusal();
            }
            boolean duplicate = tx.dsl()
                    .fetchExists(
                            RS_REQUEST,
                            RS_REQUEST
                                    .USER_KEY
                                    .eq(key)
                                    .and(RS_REQUEST.ACTIVE.isTrue())
                                    .and(RS_REQUEST.TITLE.equalIgnoreCase(
                                            body.title().strip())));
            if (duplicate) {
                throw AlmaError.RS_DUPLICATE.refusal();
            }
            RsRequestRecord row = tx.dsl().newRecord(RS_REQUEST);
            row.setRequestId(AlmaIds.next(tx.dsl()));
            row.setUserKey(key);
            row.setTitle(body.title().strip());
            row.setAuthor(body.author());
            row.setCitationType(citation);
            row.setRequestFormat(format);
            row.setOwner(owner);
            row.setPickupLocation(
                    body.pickupLocation() == null ? null : body.pickupLocation().value());
            row.setRequestStatus(STATUSES.get(0));
            row.setActive(true);
            row.setNote(body.note());
            row.setRequestTime(clock.now().atOffset(ZoneOffset.UTC));
            row.store();
            return render(row, userId);
        });
    }

    public ResourceSharingRequest get(String userId, String idType, String requestId) {
        long key = users.keyOf(dsl, userId, idType);
        return render(find(dsl, key, requestId), userId);
    }

    /** Cancels the request (it stays, CANCELLED), or removes it for good with {@code remove}. */
    public void cancel(String userId, String requestId, boolean remove, String reason) {
        if (reason != null && !reason.isBlank() && !codes.contains(CodeTables.CANCELLATION_REASONS, reason)) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    "reason must be a code of RequestCancellationReasons, got '" + reason + "'.");
        }
        dsl.transaction(tx -> {
            long key = users.lockedKey(tx.dsl(), userId, null);
            RsRequestRecord row = find(tx.dsl(), key, requestId);
            if (remove) {
                row.delete();
                return;
            }
            if (!row.getActive()) {
                throw AlmaError.REQUEST_NOT_FOUND.refusal();
            }
            row.setActive(false);
            row.setRequestStatus("CANCELLED");
            row.setCancelReason(reason == null || reason.isBlank() ? null : reason);
            row.store();
        });
    }

    /** {@code op=update_shipping}, the one operation Alma offers on a request: its shipping cost and fund. */
    public ResourceSharingRequest act(String userId, String requestId, String op, String shippingCost, String fund) {
        if (!"update_shipping".equalsIgnoreCase(op)) {
            throw AlmaError.RS_OPERATION_INVALID.refusal();
        }
        BigDecimal cost;
        try {
            cost = shippingCost == null ? null : new BigDecimal(shippingCost.strip());
        } catch (NumberFormatException e) {
            throw AlmaError.RS_OPERATION_INVALID.refusal();
        }
        if (cost != null && cost.signum() < 0) {
            throw AlmaError.RS_SHIPPING_COST_NEGATIVE.refusal();
        }
        return dsl.transactionResult(tx -> {
            long key = users.keyOf(tx.dsl(), userId, null);
            RsRequestRecord row = find(tx.dsl(), key, requestId);
            if (cost != null) {
                row.setShippingCost(cost);
            }
            if (fund != null && !fund.isBlank()) {
                row.setFundCode(fund.strip());
            }
            row.store();
            return render(row, userId);
        });
    }

    /** The control plane's lending partner: moves an active request to another of its states. */
    public ResourceSharingRequest moveTo(String userId, String requestId, String status) {
        String wanted = status == null ? "" : status.strip().toUpperCase(Locale.ROOT);
        if (!STATUSES.contains(wanted)) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    "status must be one of " + STATUSES + ", got '" + status + "'.");
        }
        return dsl.transactionResult(tx -> {
            long key = users.lockedKey(tx.dsl(), userId, null);
            RsRequestRecord row = find(tx.dsl(), key, requestId);
            if (!row.getActive()) {
                throw AlmaError.PARAMETER_NOT_VALID.refusal("The request " + requestId + " is cancelled.");
            }
            row.setRequestStatus(wanted);
            row.store();
            return render(row, userId);
        });
    }

    private static RsRequestRecord find(DSLContext db, long key, String requestId) {
        RsRequestRecord row = db.selectFrom(RS_REQUEST)
                .where(RS_REQUEST.USER_KEY.eq(key).and(RS_REQUEST.REQUEST_ID.eq(requestId)))
                .fetchOne();
        if (row == null) {
            throw AlmaError.RS_REQUEST_NOT_FOUND.refusal();
        }
        return row;
    }

    private ResourceSharingRequest render(RsRequestRecord row, String userId) {
        return new ResourceSharingRequest(
                row.getRequestId(),
                Code.of(userId),
                row.getTitle(),
                row.getAuthor(),
                Code.of(row.getCitationType()),
                Code.of(row.getRequestFormat()),
                codes.describe(CodeTables.LIBRARIES, Code.of(row.getOwner())),
                row.getPickupLocation() == null
                        ? null
                        : codes.describe(CodeTables.LIBRARIES, Code.of(row.getPickupLocation())),
                Code.of(row.getRequestStatus()),
                row.getRequestTime().toLocalDate(),
                row.getRequestTime().toInstant(),
                row.getShippingCost(),
                row.getFundCode() == null ? null : Code.of(row.getFundCode()),
                row.getNote());
    }

    private static String valueOr(Code code, String fallback) {
        return code == null || code.value() == null || code.value().isBlank()
                ? fallback
                : code.value().toUpperCase(Locale.ROOT);
    }
}
