package org.almasim.simulator.loans;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.deletion.PatronActivity;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.errors.AlmaRefusal;
import org.almasim.simulator.inventory.InventoryItem;
import org.almasim.simulator.inventory.InventoryRepository;
import org.almasim.simulator.links.AlmaLinks;
import org.almasim.simulator.loans.LoanRepository.StoredLoan;
import org.almasim.simulator.store.AlmaIds;
import org.almasim.simulator.store.Page;
import org.almasim.simulator.users.UserService;
import org.jooq.DSLContext;

/** Lending, renewing, changing due dates and returning items. Dates follow the simulated clock. */
public final class LoanService {
    private final DSLContext dsl;
    private final CodeTables codes;
    private final SimulatedClock clock;
    private final UserService users;

    public LoanService(DSLContext dsl, CodeTables codes, SimulatedClock clock, UserService users) {
        this.dsl = dsl;
        this.codes = codes;
        this.clock = clock;
        this.users = users;
    }

    public Loan create(
            String userId, String idType, String itemBarcode, String itemPid, Loan request, AlmaLinks links) {
        if (request == null || request.library() == null) {
            throw AlmaError.MANDATORY_FIELD_MISSING.refusal("library");
        }
        if (request.circDesk() == null) {
            throw AlmaError.MANDATORY_FIELD_MISSING.refusal("circ_desk");
        }
        if (!codes.contains(CodeTables.LIBRARIES, request.library().value())) {
            throw AlmaError.NO_CIRCULATION_DESK.refusal(
                    "unknown library " + request.library().value() + ".");
        }
        if (itemBarcode == null && itemPid == null) {
            throw AlmaError.NO_ITEM_PID.refusal();
        }
        return dsl.transactionResult(tx -> {
            long key = users.lockedKey(tx.dsl(), userId, idType);
            InventoryRepository inventory = new InventoryRepository(tx.dsl());
            InventoryItem found = (itemPid != null
                            ? inventory.itemByPid(itemPid)
                            : inventory.itemByBarcode(itemBarcode))
                    .orElseThrow(() -> notLoanable(
                            "No item has " + (itemPid != null ? "pid " + itemPid : "barcode " + itemBarcode) + "."));
            InventoryItem item = inventory.lockItem(found.itemPid()).orElseThrow();
            LoanRepository loans = new LoanRepository(tx.dsl());
            if (loans.activeLoanOf(item.itemPid()).isPresent()) {
                throw notLoanable("Item " + item.barcode() + " is already on loan.");
            }
            Instant now = clock.now();
            StoredLoan loan = new StoredLoan(
                    AlmaIds.next(tx.dsl()),
                    key,
                    item.itemPid(),
                    "ACTIVE",
                    "NORMAL",
                    request.circDesk().value(),
                    request.library().value(),
                    now,
                    LoanPolicy.dueAfter(clock.today()),
                    null,
                    null,
                    0);
            loans.insert(loan);
            return render(loan, item, userId, links, requestedByOthers(tx.dsl(), loan, key));
        });
    }

    /** A loan as a population document states it: dates in the past allowed, returned loans already complete. */
    public record LoanImport(
            String userId, String barcode, LocalDate loanDate, LocalDate dueDate, LocalDate returned) {}

    /** Loads many loans inside the caller's transaction; the caller has checked that every user and barcode exists. */
    public void importAll(DSLContext tx, List<LoanImport> imports) {
        if (imports.isEmpty()) {
            return;
        }
        {
            var keys = users.keysByPrimaryId(
                    tx, imports.stream().map(LoanImport::userId).toList());
            var pids = new InventoryRepository(tx)
                    .pidsByBarcode(imports.stream().map(LoanImport::barcode).toList());
            LoanRepository loans = new LoanRepository(tx);
            var busy = loans.onLoan(pids.values());
            List<String> ids = AlmaIds.next(tx, imports.size());
            List<StoredLoan> stored = new ArrayList<>(imports.size());
            for (int i = 0; i < imports.size(); i++) {
                LoanImport l = imports.get(i);
                String pid = pids.get(l.barcode());
                LocalDate loanDate = l.loanDate() == null ? clock.today() : l.loanDate();
                LocalDate due = l.dueDate() == null ? loanDate.plusDays(LoanPolicy.LOAN_DAYS) : l.dueDate();
                if (l.returned() == null && !busy.add(pid)) {
                    throw AlmaError.PARAMETER_NOT_VALID.refusal(
                            "Item " + l.barcode() + " is lent twice in the population.");
                }
                stored.add(new StoredLoan(
                        ids.get(i),
                        keys.get(UserService.foldId(l.userId())),
                        pid,
                        l.returned() == null ? "ACTIVE" : "COMPLETE",
                        "NORMAL",
                        "DEFAULT_CIRC_DESK",
                        "MAIN",
                        loanDate.atStartOfDay().toInstant(ZoneOffset.UTC),
                        LoanPolicy.dueOn(due),
                        l.returned() == null
                                ? null
                                : l.returned().atStartOfDay().toInstant(ZoneOffset.UTC),
                        null,
                        0));
            }
            loans.insertAll(stored);
        }
    }

    public LoanList list(
            String userId, String idType, String status, Page page, String orderBy, String direction, AlmaLinks links) {
        String wanted = status == null ? "ACTIVE" : status.toUpperCase(Locale.ROOT);
        if (!wanted.equals("ACTIVE") && !wanted.equals("COMPLETE")) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    "loan_status must be Active or Complete, got '" + status + "'.");
        }
        boolean descending = direction != null && direction.equalsIgnoreCase("DESC");
        if (direction != null && !descending && !direction.equalsIgnoreCase("ASC")) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal("direction must be ASC or DESC, got '" + direction + "'.");
        }
        long key = users.keyOf(dsl, userId, idType);
        LoanRepository loans = new LoanRepository(dsl);
        List<StoredLoan> page1 = page.limit() == 0
                ? List.of()
                : loans.list(key, wanted, page, orderBy == null ? "id" : orderBy.toLowerCase(Locale.ROOT), descending);
        Map<String, InventoryItem> items = new InventoryRepository(dsl)
                .itemsByPid(page1.stream().map(StoredLoan::itemPid).toList()).stream()
                        .collect(Collectors.toMap(InventoryItem::itemPid, Function.identity()));
        Set<String> requested = PatronActivity.requestedByOthers(
                dsl, page1.stream().map(StoredLoan::itemPid).toList(), key);
        List<Loan> rendered = page1.stream()
                .map(l -> render(l, items.get(l.itemPid()), userId, links, requested.contains(l.itemPid())))
                .toList();
        return new LoanList(rendered, loans.count(key, wanted));
    }

    /** Every loan of the user, active and returned, a hundred of each at most (the user's personal data). */
    public LoanList allOf(String userId, AlmaLinks links) {
        LoanList active = list(userId, null, "ACTIVE", Page.largest(0), null, null, links);
        LoanList complete = list(userId, null, "COMPLETE", Page.largest(0), null, null, links);
        List<Loan> every = new ArrayList<>(active.itemLoan());
        every.addAll(complete.itemLoan());
        return new LoanList(every, active.totalRecordCount() + complete.totalRecordCount());
    }

    public Loan get(String userId, String loanId, AlmaLinks links) {
        long key = users.keyOf(dsl, userId, null);
        StoredLoan loan = new LoanRepository(dsl).find(key, loanId).orElseThrow(() -> noLoan(loanId));
        return render(
                loan,
                new InventoryRepository(dsl).itemByPid(loan.itemPid()).orElseThrow(),
                userId,
                links,
                requestedByOthers(dsl, loan, key));
    }

    public Loan renew(String userId, String idType, String loanId, String op, AlmaLinks links) {
        if (!"renew".equalsIgnoreCase(op)) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal("op must be renew, got '" + op + "'.");
        }
        return dsl.transactionResult(tx -> {
            long key = users.lockedKey(tx.dsl(), userId, idType);
            LoanRepository loans = new LoanRepository(tx.dsl());
            StoredLoan loan = loans.find(key, loanId).orElseThrow(() -> noLoan(loanId));
            if (!LoanPolicy.renewable(loan, requestedByOthers(tx.dsl(), loan, key))) {
                throw AlmaError.CANNOT_RENEW.refusal(loanId);
            }
            Instant due = LoanPolicy.renewedDue(loan, clock.today());
            loans.renew(loanId, due, clock.now());
            return reload(tx.dsl(), key, loanId, userId, links).renewed();
        });
    }

    public Loan changeDueDate(String userId, String loanId, Loan body, AlmaLinks links) {
        if (body == null || body.dueDate() == null) {
            throw AlmaError.DUE_DATE_MISSING.refusal();
        }
        if (body.dueDate().atOffset(ZoneOffset.UTC).toLocalDate().isBefore(clock.today())) {
            throw AlmaError.DUE_DATE_PAST.refusal();
        }
        return dsl.transactionResult(tx -> {
            long key = users.lockedKey(tx.dsl(), userId, null);
            LoanRepository loans = new LoanRepository(tx.dsl());
            StoredLoan loan = loans.find(key, loanId).orElseThrow(() -> noLoan(loanId));
            if (!loan.status().equals("ACTIVE")) {
                throw noLoan(loanId);
            }
            loans.changeDueDate(loanId, body.dueDate(), loan.processStatus(), loan.lastRenewDate());
            return reload(tx.dsl(), key, loanId, userId, links);
        });
    }

    /** Scanning an item in at a desk returns it: its active loan, if any, is completed. */
    public ScanResult scanIn(
            String mmsId,
            String holdingId,
            String itemPid,
            String op,
            String library,
            String circDesk,
            AlmaLinks links) {
        if (!"scan".equalsIgnoreCase(op)) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal("op must be scan, got '" + op + "'.");
        }
        if (library == null) {
            throw AlmaError.MANDATORY_FIELD_MISSING.refusal("library");
        }
        if (circDesk == null) {
            throw AlmaError.MANDATORY_FIELD_MISSING.refusal("circ_desk");
        }
        return dsl.transactionResult(tx -> {
            InventoryRepository inventory = new InventoryRepository(tx.dsl());
            InventoryItem item = inventory
                    .lockItem(itemPid)
                    .filter(i -> i.holdingId().equals(holdingId) && i.mmsId().equals(mmsId))
                    .orElseThrow(() -> noItem("No items found for mms_id " + mmsId + ", holding_id " + holdingId
                            + " and item_pid " + itemPid + "."));
            LoanRepository loans = new LoanRepository(tx.dsl());
            var active = loans.activeLoanOf(itemPid);
            active.ifPresent(loan -> {
                UserService.lock(tx.dsl(), loan.userKey());
                loans.complete(loan.loanId(), clock.now());
            });
            String info = active.isPresent()
                    ? "Item returned; loan " + active.get().loanId() + " completed."
                    : "Item was not on loan.";
            return ScanResult.of(item, false, codes, info, links);
        });
    }

    /** {@code GET /bibs/{mms_id}/holdings/{holding_id}/items/{item_pid}}: the item, in place or on loan. */
    public ScanResult item(String mmsId, String holdingId, String itemPid, AlmaLinks links) {
        InventoryItem item = new InventoryRepository(dsl)
                .itemByPid(itemPid)
                .filter(i -> i.holdingId().equals(holdingId) && i.mmsId().equals(mmsId))
                .orElseThrow(() -> noItem("No items found for mms_id " + mmsId + ", holding_id " + holdingId
                        + " and item_pid " + itemPid + "."));
        return ScanResult.of(item, new LoanRepository(dsl).activeLoanOf(itemPid).isPresent(), codes, null, links);
    }

    /** Whether the item is on loan now (a request on it waits until it is returned). */
    public static boolean onLoan(DSLContext db, String itemPid) {
        return new LoanRepository(db).activeLoanOf(itemPid).isPresent();
    }

    /** Where {@code GET /items?item_barcode=B} redirects: the item's own URL, as Alma answers. */
    public String itemLocation(String barcode, AlmaLinks links) {
        if (barcode == null) {
            throw AlmaError.MANDATORY_FIELD_MISSING.refusal("item_barcode");
        }
        InventoryItem item = new InventoryRepository(dsl)
                .itemByBarcode(barcode)
                .orElseThrow(() -> noItem("No items found for barcode " + barcode + "."));
        return ScanResult.of(item, false, codes, null, links).link();
    }

    private static AlmaRefusal noItem(String message) {
        return AlmaError.ITEM_NOT_FOUND.refusal(message);
    }

    private Loan reload(DSLContext db, long key, String loanId, String userId, AlmaLinks links) {
        StoredLoan loan = new LoanRepository(db).find(key, loanId).orElseThrow();
        return render(
                loan,
                new InventoryRepository(db).itemByPid(loan.itemPid()).orElseThrow(),
                userId,
                links,
                requestedByOthers(db, loan, key));
    }

    private static boolean requestedByOthers(DSLContext db, StoredLoan loan, long userKey) {
        return !PatronActivity.requestedByOthers(db, List.of(loan.itemPid()), userKey)
                .isEmpty();
    }

    private Loan render(
            StoredLoan loan, InventoryItem item, String userId, AlmaLinks links, boolean requestedByOthers) {
        return new Loan(
                links.loan(userId, loan.loanId()),
                loan.loanId(),
                codes.code(CodeTables.CIRC_DESKS, loan.circDesk()),
                codes.code(CodeTables.LIBRARIES, loan.library()),
                userId,
                item.barcode(),
                loan.dueDate(),
                loan.status(),
                loan.loanDate(),
                loan.returnDate(),
                loan.processStatus(),
                item.mmsId(),
                item.holdingId(),
                item.itemPid(),
                item.title(),
                item.author(),
                item.description(),
                item.publicationYear(),
                new Loan.Location(item.location(), item.location()),
                item.callNumber(),
                BigDecimal.ZERO,
                LoanPolicy.renewable(loan, requestedByOthers),
                loan.lastRenewDate(),
                null);
    }

    private static AlmaRefusal notLoanable(String detail) {
        return AlmaError.ITEM_NOT_LOANABLE.refusal(detail);
    }

    private static AlmaRefusal noLoan(String loanId) {
        return AlmaError.LOAN_NOT_FOUND.refusal(loanId);
    }
}
