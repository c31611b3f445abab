package org.almasim.simulator.requests;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.codes.Code;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.inventory.InventoryItem;
import org.almasim.simulator.inventory.InventoryRepository;
import org.almasim.simulator.loans.LoanService;
import org.almasim.simulator.requests.RequestRepository.StoredRequest;
import org.almasim.simulator.store.AlmaIds;
import org.almasim.simulator.store.Page;
import org.almasim.simulator.users.UserService;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Alma's user requests, for hold requests on physical items: placed at title level ({@code mms_id}: the title's first
 * item) or item level ({@code item_pid}), listed (active or history), read and cancelled with a reason. A request is
 * NOT_STARTED while its item is on loan and IN_PROCESS (to be taken from the shelf) when it is not. Booking and
 * digitization requests are not modelled and are refused as such.
 */
public final class RequestService {
    /** The one request type almasim models. */
    static final String HOLD = "HOLD";

    private final DSLContext dsl;
    private final CodeTables codes;
    private final SimulatedClock clock;
    private final UserService users;

    public RequestService(DSLContext dsl, CodeTables codes, SimulatedClock clock, UserService users) {
        this.dsl = dsl;
        this.codes = codes;
        this.clock = clock;
        this.users = users;
    }

    public UserRequest place(
            String userId, String idType, String mmsId, String itemPid, boolean allowSame, UserRequest body) {
        if (body == null || body.requestType() == null) {
            throw AlmaError.MANDATORY_FIELD_MISSING.refusal("request_type");
        }
        if (!HOLD.equalsIgnoreCase(body.requestType())) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    "almasim models HOLD requests only, not " + body.requestType() + ".");
        }
        String library = body.pickupLocationLibrary();
        if (library == null || !codes.contains(CodeTables.LIBRARIES, library)) {
            throw AlmaError.PICKUP_NOT_FOUND.refusal(body.pickupLocationCirculationDesk(), library);
        }
        if (body.pickupLocationCirculationDesk() != null
                && !codes.contains(CodeTables.CIRC_DESKS, body.pickupLocationCirculationDesk())) {
            throw AlmaError.PICKUP_NOT_FOUND.refusal(body.pickupLocationCirculationDesk(), library);
        }
        if ((mmsId == null || mmsId.isBlank()) && (itemPid == null || itemPid.isBlank())) {
            throw AlmaError.REQUEST_ITEM_NOT_FOUND.refusal();
        }
        return dsl.transactionResult(tx -> {
            long key = users.lockedKey(tx.dsl(), userId, idType);
            InventoryRepository inventory = new InventoryRepository(tx.dsl());
            InventoryItem item = itemPid != null && !itemPid.isBlank()
                    ? inventory.itemByPid(itemPid).orElseThrow(AlmaError.REQUEST_ITEM_NOT_FOUND::refusal)
                    : inventory.firstItemOf(mmsId).orElseThrow(AlmaError.NO_ITEM_FOR_REQUEST::refusal);
            RequestRepository requests = new RequestRepository(tx.dsl());
            if (!allowSame && requests.activeOn(key, item.itemPid())) {
                throw AlmaError.REQUEST_EXISTS.refusal();
            }
            StoredRequest request = new StoredRequest(
                    AlmaIds.next(tx.dsl()),
                    key,
                    item.itemPid(),
                    HOLD,
                    newRequestStatus(tx.dsl(), item.itemPid()),
                    true,
                    library,
                    body.pickupLocationCirculationDesk(),
                    body.comment(),
                    clock.now(),
                    body.lastInterestDate(),
                    null,
                    null);
            requests.insert(request);
            return render(requests, request, item, userId);
        });
    }

    /** Where a new hold request stands: waiting while its item is on loan, else to be taken from the shelf. */
    private static String newRequestStatus(DSLContext db, String itemPid) {
        return LoanService.onLoan(db, itemPid) ? "NOT_STARTED" : "IN_PROCESS";
    }

    /** Checks a request of a population document before anything is written; answers what is wrong, if anything. */
    public Optional<String> problemWith(RequestImport request) {
        if (request.status() != null && !RequestImport.STATUSES.contains(request.status())) {
            return Optional.of("status must be one of " + new TreeSet<>(RequestImport.STATUSES));
        }
        if (request.pickupLibrary() != null && !codes.contains(CodeTables.LIBRARIES, request.pickupLibrary())) {
            return Optional.of("pickup must be a library code, got " + request.pickupLibrary());
        }
        return Optional.empty();
    }

    /** Loads a population document's checked hold requests inside the caller's transaction. */
    public void importAll(DSLContext tx, List<RequestImport> imports) {
        if (imports.isEmpty()) {
            return;
        }
        var keys = users.keysByPrimaryId(
                tx, imports.stream().map(RequestImport::userId).toList());
        var items = new InventoryRepository(tx)
                .pidsByBarcode(imports.stream().map(RequestImport::barcode).toList());
        List<String> ids = AlmaIds.next(tx, imports.size());
        List<StoredRequest> stored = new ArrayList<>(imports.size());
        for (int i = 0; i < imports.size(); i++) {
            RequestImport r = imports.get(i);
            String itemPid = items.get(r.barcode());
            stored.add(new StoredRequest(
                    ids.get(i),
                    keys.get(UserService.foldId(r.userId())),
                    itemPid,
                    HOLD,
                    r.status() != null ? r.status() : newRequestStatus(tx, itemPid),
                    true,
                    r.pickupLibrary() == null ? "MAIN" : r.pickupLibrary(),
                    null,
                    null,
                    (r.created() == null ? clock.today() : r.created())
                            .atStartOfDay()
                            .toInstant(ZoneOffset.UTC),
                    r.lastInterest(),
                    null,
                    null));
        }
        new RequestRepository(tx).insertAll(stored);
    }

    public RequestList list(String userId, String idType, String status, String type, Page page) {
        boolean active = status == null || status.isBlank() || status.equalsIgnoreCase("active");
        if (!active && !status.equalsIgnoreCase("history")) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal("status must be active or history, got '" + status + "'.");
        }
        Optional<String> requestType =
                Optional.ofNullable(type).filter(t -> !t.isBlank()).map(t -> t.toUpperCase(Locale.ROOT));
        if (requestType.isPresent() && !List.of(HOLD, "DIGITIZATION", "BOOKING").contains(requestType.get())) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    "request_type must be HOLD, DIGITIZATION or BOOKING, got '" + type + "'.");
        }
        return dsl.connectionResult(connection -> {
            DSLContext db = DSL.using(connection, dsl.dialect(), dsl.settings());
            long key = users.keyOf(db, userId, idType);
            RequestRepository requests = new RequestRepository(db);
            InventoryRepository inventory = new InventoryRepository(db);
            List<UserRequest> rendered = requests.page(key, active, requestType, page).stream()
                    .map(r ->
                            render(requests, r, inventory.itemByPid(r.itemPid()).orElseThrow(), userId))
                    .toList();
            return new RequestList(rendered.isEmpty() ? null : rendered, requests.count(key, active, requestType));
        });
    }

    public UserRequest get(String userId, String idType, String requestId) {
        return dsl.connectionResult(connection -> {
            DSLContext db = DSL.using(connection, dsl.dialect(), dsl.settings());
            long key = users.keyOf(db, userId, idType);
            RequestRepository requests = new RequestRepository(db);
            StoredRequest request = requests.find(key, requestId).orElseThrow(AlmaError.REQUEST_NOT_FOUND::refusal);
            return render(
                    requests,
                    request,
                    new InventoryRepository(db).itemByPid(request.itemPid()).orElseThrow(),
                    userId);
        });
    }

    /** Cancels an active request with a reason of the RequestCancellationReasons table; it moves to the history. */
    public void cancel(String userId, String requestId, String reason, String note) {
        if (reason != null && !reason.isBlank() && !codes.contains(CodeTables.CANCELLATION_REASONS, reason)) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    "reason must be a code of RequestCancellationReasons, got '" + reason + "'.");
        }
        dsl.transaction(tx -> {
            long key = users.lockedKey(tx.dsl(), userId, null);
            RequestRepository requests = new RequestRepository(tx.dsl());
            StoredRequest request = requests.find(key, requestId)
                    .filter(StoredRequest::active)
                    .orElseThrow(AlmaError.REQUEST_NOT_FOUND::refusal);
            requests.cancel(request.requestId(), reason == null || reason.isBlank() ? null : reason, note);
        });
    }

    private UserRequest render(RequestRepository requests, StoredRequest r, InventoryItem item, String userId) {
        String libraryName =
                codes.description(CodeTables.LIBRARIES, r.pickupLibrary()).orElse(r.pickupLibrary());
        Instant time = r.requestTime();
        return new UserRequest(
                r.requestId(),
                userId,
                r.requestType(),
                new Code("PATRON_PHYSICAL", "Patron physical item request"),
                r.status(),
                libraryName,
                "LIBRARY",
                r.pickupLibrary(),
                r.pickupCircDesk(),
                r.comment(),
                r.active() ? requests.placeInQueue(r) : null,
                time.atOffset(ZoneOffset.UTC).toLocalDate(),
                time,
                r.lastInterestDate(),
                r.active() ? (r.status().equals("NOT_STARTED") ? "Waiting for the item" : "Pickup From Shelf") : null,
                item.title(),
                item.author(),
                item.mmsId(),
                item.itemPid(),
                item.barcode(),
                item.description(),
                codes.description(CodeTables.LIBRARIES, item.library()).orElse(item.library()),
                item.library(),
                null,
                null,
                r.cancelReason() == null
                        ? null
                        : codes.describe(CodeTables.CANCELLATION_REASONS, Code.of(r.cancelReason())),
                r.cancelNote());
    }
}
