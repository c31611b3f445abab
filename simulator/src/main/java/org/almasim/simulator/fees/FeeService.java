package org.almasim.simulator.fees;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.codes.Code;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.deletion.PatronActivity;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.errors.AlmaRefusal;
import org.almasim.simulator.fees.FeeRepository.StoredFee;
import org.almasim.simulator.fees.FeeRepository.StoredTransaction;
import org.almasim.simulator.http.Params;
import org.almasim.simulator.http.TextLimits;
import org.almasim.simulator.inventory.InventoryItem;
import org.almasim.simulator.inventory.InventoryRepository;
import org.almasim.simulator.links.AlmaLinks;
import org.almasim.simulator.store.AlmaIds;
import org.almasim.simulator.users.UserService;
import org.jooq.DSLContext;

/**
 * Fines and fees with exact money: amounts have at most two decimals, a balance never goes below zero,
 * and every write locks the user first so concurrent payments apply one after the other.
 */
public final class FeeService {
    static final Set<String> STATUSES = Set.of("ACTIVE", "INDISPUTE", "EXPORTED", "CLOSED");
    private static final Set<String> METHODS = Set.of("CASH", "CREDIT_CARD", "ONLINE");

    private final DSLContext dsl;
    private final CodeTables codes;
    private final SimulatedClock clock;
    private final UserService users;
    private final FeeViews views;
    private final FeeImports imports;

    public FeeService(DSLContext dsl, CodeTables codes, SimulatedClock clock, UserService users) {
        this.dsl = dsl;
        this.codes = codes;
        this.clock = clock;
        this.users = users;
        this.views = new FeeViews(codes);
        this.imports = new FeeImports(codes, clock, users);
    }

    /** Fees as population documents state them. */
    public FeeImports imports() {
        return imports;
    }

    /** An action on one fee: {@code op=pay|waive|dispute|restore} with Alma's parameters. */
    public record Action(
            String op, String amount, String method, String reason, String comment, String externalTransactionId) {}

    public FeeList list(String userId, String idType, String status, AlmaLinks links) {
        String wanted = status == null ? "ACTIVE" : status.toUpperCase(Locale.ROOT);
        if (!STATUSES.contains(wanted)) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    "status must be one of " + STATUSES + ", got '" + status + "'.");
        }
        long key = users.keyOf(dsl, userId, idType);
        FeeRepository fees = new FeeRepository(dsl);
        return views.list(fees, userId, links, fees.list(key, List.of(wanted)));
    }

    /** Every fee of the user, whatever its status (the user's personal data). */
    public FeeList allOf(String userId, AlmaLinks links) {
        long key = users.keyOf(dsl, userId, null);
        FeeRepository fees = new FeeRepository(dsl);
        return views.list(fees, userId, links, fees.list(key, List.copyOf(STATUSES)));
    }

    public Fee get(String userId, String idType, String feeId, AlmaLinks links) {
        FeeRepository fees = new FeeRepository(dsl);
        long key = users.keyOf(dsl, userId, idType);
        StoredFee fee = fees.find(key, feeId).orElseThrow(() -> notFound(feeId));
        return views.fee(fees, userId, links, fee);
    }

    public Fee create(String userId, Fee incoming, AlmaLinks links) {
        TextLimits.check(incoming, Map.of("comment", 2000, "title", 1000));
        Code type = required(incoming.type(), AlmaError.FEE_TYPE_MISSING);
        if (!codes.contains(CodeTables.FEE_TYPES, type.value())) {
            throw AlmaError.FEE_TYPE_INVALID.refusal(type.value());
        }
        if (incoming.originalAmount() == null) {
            throw AlmaError.FEE_AMOUNT_MISSING.refusal();
        }
        BigDecimal amount = money("original_amount", incoming.originalAmount());
        Code owner = required(incoming.owner(), AlmaError.FEE_OWNER_MISSING);
        if (!codes.contains(CodeTables.LIBRARIES, owner.value())) {
            throw AlmaError.FEE_OWNER_NOT_LIBRARY.refusal(owner.value());
        }
        return dsl.transactionResult(tx -> {
            long key = users.lockedKey(tx.dsl(), userId, null);
            String barcode =
                    incoming.barcode() == null ? null : incoming.barcode().value();
            var item = barcode == null
                    ? Optional.<InventoryItem>empty()
                    : new InventoryRepository(tx.dsl()).itemByBarcode(barcode);
            if (barcode != null && item.isEmpty()) {
                throw AlmaError.FEE_BARCODE_INVALID.refusal(barcode);
            }
            // A fee for an item carries the item's title, as Alma's do, unless the fee names one of its own.
            String title = incoming.title() != null
                    ? incoming.title()
                    : item.map(i -> i.title()).orElse(null);
            Instant now = clock.now();
            StoredFee fee = new StoredFee(
                    AlmaIds.next(tx.dsl()),
                    key,
                    type.value(),
                    "ACTIVE",
                    amount,
                    amount,
                    now,
                    now,
                    incoming.comment(),
                    owner.value(),
                    title,
                    barcode);
            FeeRepository fees = new FeeRepository(tx.dsl());
            fees.insert(fee);
            return views.fee(fees, userId, links, fee);
        });
    }

    public Fee act(String userId, String idType, String feeId, Action action, AlmaLinks links) {
        String op = action.op() == null ? "" : action.op().toLowerCase(Locale.ROOT);
        return dsl.transactionResult(tx -> {
            long key = users.lockedKey(tx.dsl(), userId, idType);
            FeeRepository fees = new FeeRepository(tx.dsl());
            StoredFee fee = fees.findForUpdate(key, feeId).orElseThrow(() -> notFound(feeId));
            Instant now = clock.now();
            switch (op) {
                case "pay" ->
                    reduce(
                            fees,
                            fee,
                            "PAYMENT",
                            amountOf(action.amount(), fee.balance(), true),
                            method(action),
                            null,
                            action,
                            now);
                case "waive" ->
                    reduce(
                            fees,
                            fee,
                            "WAIVE",
                            amountOf(action.amount(), fee.balance(), false),
                            null,
                            reason(action),
                            action,
                            now);
                case "dispute" -> move(fees, fee, "ACTIVE", "INDISPUTE", "DISPUTE", action, now);
                case "restore" -> move(fees, fee, "INDISPUTE", "ACTIVE", "RESTORE", action, now);
                default ->
                    throw AlmaError.PARAMETER_NOT_VALID.refusal(
                            "op must be pay, waive, dispute or restore, got '" + action.op() + "'.");
            }
            return views.fee(fees, userId, links, fees.find(key, feeId).orElseThrow());
        });
    }

    /** {@code POST /users/{id}/fees/all?op=pay}: pays open fees oldest first, up to the amount (or all of them). */
    public FeeList payAll(String userId, String idType, Action action, AlmaLinks links) {
        if (!"pay".equalsIgnoreCase(action.op())) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal("op must be pay for all fees, got '" + action.op() + "'.");
        }
        return dsl.transactionResult(tx -> {
            long key = users.lockedKey(tx.dsl(), userId, idType);
            FeeRepository fees = new FeeRepository(tx.dsl());
            BigDecimal balance = PatronActivity.activeBalance(tx.dsl(), key);
            String method = method(action);
            BigDecimal left = amountOf(action.amount(), balance, true);
            if (left.compareTo(balance) > 0) {
                throw AlmaError.PARAMETER_NOT_VALID.refusal("amount " + left.toPlainString()
                        + " is more than the active balance " + balance.toPlainString() + ".");
            }
            Instant now = clock.now();
            for (StoredFee fee : fees.list(key, PatronActivity.OPEN_FEE_STATUSES)) {
                if (left.signum() == 0) {
                    break;
                }
                BigDecimal part = left.min(fee.balance());
                reduce(fees, fee, "PAYMENT", part, method, null, action, now);
                left = left.subtract(part);
            }
            return views.list(fees, userId, links, fees.list(key, PatronActivity.OPEN_FEE_STATUSES));
        });
    }

    private void reduce(
            FeeRepository fees,
            StoredFee fee,
            String type,
            BigDecimal amount,
            String method,
            String reason,
            Action action,
            Instant now) {
        if (fee.status().equals("CLOSED")) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    "Fee " + fee.id() + " is closed; there is nothing left to " + action.op() + ".");
        }
        if (amount.compareTo(fee.balance()) > 0) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal("amount " + amount.toPlainString()
                    + " is more than the balance " + fee.balance().toPlainString() + " of fee " + fee.id() + ".");
        }
        BigDecimal balance = fee.balance().subtract(amount);
        fees.change(fee.id(), balance, balance.signum() == 0 ? "CLOSED" : fee.status(), now);
        fees.record(new StoredTransaction(
                fee.id(), type, amount, method, reason, action.comment(), action.externalTransactionId(), now));
    }

    private void move(
            FeeRepository fees, StoredFee fee, String from, String to, String type, Action action, Instant now) {
        if (!fee.status().equals(from)) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal("Fee " + fee.id() + " is " + fee.status() + "; " + action.op()
                    + " applies to " + from + " fees only.");
        }
        fees.change(fee.id(), fee.balance(), to, now);
        fees.record(new StoredTransaction(
                fee.id(),
                type,
                BigDecimal.ZERO.setScale(2),
                null,
                null,
                action.comment(),
                action.externalTransactionId(),
                now));
    }

    /** {@code ALL}, or a positive amount with at most two decimals; waive without an amount waives the whole balance. */
    private static BigDecimal amountOf(String amount, BigDecimal balance, boolean mandatory) {
        if (amount == null || amount.isBlank()) {
            if (mandatory) {
                throw AlmaError.PARAMETER_NOT_VALID.refusal("The parameter amount is mandatory (a number, or ALL).");
            }
            return balance;
        }
        if (amount.trim().equalsIgnoreCase("ALL")) {
            return balance;
        }
        return Params.amount("amount", amount);
    }

    private static String method(Action action) {
        String method = action.method() == null ? null : action.method().toUpperCase(Locale.ROOT);
        if (method == null || !METHODS.contains(method)) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    "method is mandatory for pay and must be one of " + METHODS + ".");
        }
        return method;
    }

    private String reason(Action action) {
        if (action.reason() == null || !codes.contains(CodeTables.WAIVE_REASONS, action.reason())) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    "reason is mandatory for waive and must be a FineFeeTransactionReason code.");
        }
        return action.reason();
    }

    private static BigDecimal money(String name, BigDecimal value) {
        if (value.signum() <= 0
                || value.compareTo(Params.MAX_MONEY) > 0
                || value.stripTrailingZeros().scale() > 2) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    name + " must be greater than zero and at most " + Params.MAX_MONEY.toPlainString()
                            + ", with at most two decimals, got " + value.toEngineeringString() + ".");
        }
        return value.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static Code required(Code code, AlmaError missing) {
        if (code == null) {
            throw missing.refusal();
        }
        return code;
    }

    private static AlmaRefusal notFound(String feeId) {
        return AlmaError.FEE_NOT_FOUND.refusal(feeId);
    }
}
