package org.almasim.simulator.fees;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.fees.FeeRepository.StoredFee;
import org.almasim.simulator.fees.FeeRepository.StoredTransaction;
import org.almasim.simulator.http.Params;
import org.almasim.simulator.store.AlmaIds;
import org.almasim.simulator.users.UserService;
import org.jooq.DSLContext;

/** Fees as population documents state them: checked before anything is written, then written in batches. */
public final class FeeImports {
    private final CodeTables codes;
    private final SimulatedClock clock;
    private final UserService users;

    FeeImports(CodeTables codes, SimulatedClock clock, UserService users) {
        this.codes = codes;
        this.clock = clock;
        this.users = users;
    }

    /** Checks a fee of a population document before anything is written; answers what is wrong, if anything. */
    public Optional<String> problemWith(FeeImport fee) {
        if (fee.type() == null || !codes.contains(CodeTables.FEE_TYPES, fee.type())) {
            return Optional.of("type must be a fine/fee type code, got " + fee.type());
        }
        if (fee.owner() == null || !codes.contains(CodeTables.LIBRARIES, fee.owner())) {
            return Optional.of("owner must be a library code, got " + fee.owner());
        }
        if (fee.amount() == null
                || fee.amount().signum() <= 0
                || fee.amount().compareTo(Params.MAX_MONEY) > 0
                || fee.amount().stripTrailingZeros().scale() > 2) {
            return Optional.of("amount must be greater than zero with at most two decimals");
        }
        BigDecimal balance = fee.balance() == null ? fee.amount() : fee.balance();
        if (balance.signum() < 0
                || balance.compareTo(fee.amount()) > 0
                || balance.stripTrailingZeros().scale() > 2) {
            return Optional.of("balance must be between 0 and the amount");
        }
        if (fee.status() != null && !FeeService.STATUSES.contains(fee.status())) {
            return Optional.of("status must be one of " + FeeService.STATUSES);
        }
        return fee.transactions().stream()
                .map(t -> problemWith(t, fee.amount()))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private Optional<String> problemWith(FeeImport.TransactionImport transaction, BigDecimal feeAmount) {
        if (transaction.type() == null || !codes.contains(CodeTables.TRANSACTION_TYPES, transaction.type())) {
            return Optional.of("a transaction's type must be a " + CodeTables.TRANSACTION_TYPES + " code, got "
                    + transaction.type());
        }
        if (transaction.amount() == null
                || transaction.amount().signum() <= 0
                || transaction.amount().compareTo(feeAmount) > 0
                || transaction.amount().stripTrailingZeros().scale() > 2) {
            return Optional.of("a transaction's amount must be greater than zero and at most the fee's, with at most"
                    + " two decimals");
        }
        if (transaction.method() != null && !codes.contains(CodeTables.PAYMENT_METHODS, transaction.method())) {
            return Optional.of("a transaction's method must be a " + CodeTables.PAYMENT_METHODS + " code, got "
                    + transaction.method());
        }
        if (transaction.reason() != null && !codes.contains(CodeTables.WAIVE_REASONS, transaction.reason())) {
            return Optional.of("a transaction's reason must be a " + CodeTables.WAIVE_REASONS + " code, got "
                    + transaction.reason());
        }
        return Optional.empty();
    }

    /**
     * Loads many checked fees inside the caller's transaction. A fee with nothing left to pay is CLOSED whatever its
     * stated status.
     */
    public void importAll(DSLContext tx, List<FeeImport> imports) {
        if (imports.isEmpty()) {
            return;
        }
        {
            var keys = users.keysByPrimaryId(
                    tx, imports.stream().map(FeeImport::userId).toList());
            List<String> ids = AlmaIds.next(tx, imports.size());
            List<StoredFee> stored = new ArrayList<>(imports.size());
            for (int i = 0; i < imports.size(); i++) {
                FeeImport f = imports.get(i);
                BigDecimal amount = f.amount().setScale(2, RoundingMode.UNNECESSARY);
                BigDecimal balance =
                        (f.balance() == null ? f.amount() : f.balance()).setScale(2, RoundingMode.UNNECESSARY);
                String status = balance.signum() == 0 ? "CLOSED" : f.status() == null ? "ACTIVE" : f.status();
                Instant created = (f.created() == null ? clock.today() : f.created())
                        .atStartOfDay()
                        .toInstant(ZoneOffset.UTC);
                stored.add(new StoredFee(
                        ids.get(i),
                        keys.get(UserService.foldId(f.userId())),
                        f.type(),
                        status,
                        balance,
                        amount,
                        created,
                        created,
                        f.comment(),
                        f.owner(),
                        null,
                        null));
            }
            List<StoredTransaction> transactions = new ArrayList<>();
            for (int i = 0; i < imports.size(); i++) {
                for (FeeImport.TransactionImport t : imports.get(i).transactions()) {
                    transactions.add(new StoredTransaction(
                            ids.get(i),
                            t.type(),
                            t.amount().setScale(2, RoundingMode.UNNECESSARY),
                            t.method(),
                            t.reason(),
                            null,
                            null,
                            t.date() == null
                                    ? stored.get(i).creationTime()
                                    : t.date().atStartOfDay().toInstant(ZoneOffset.UTC)));
                }
            }
            FeeRepository repository = new FeeRepository(tx);
            repository.insertAll(stored);
            repository.recordAll(transactions);
        }
    }
}
