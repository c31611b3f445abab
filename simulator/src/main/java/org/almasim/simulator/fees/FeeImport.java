package org.almasim.simulator.fees;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A fee as a population document states it: an amount, what is left of it, its status, and what was done to it. */
public record FeeImport(
        String userId,
        String type,
        BigDecimal amount,
        BigDecimal balance,
        String status,
        String owner,
        String comment,
        LocalDate created,
        List<TransactionImport> transactions) {

    public FeeImport {
        transactions = transactions == null ? List.of() : List.copyOf(transactions);
    }

    /** A payment, waiver or other transaction of the fee, on a day ({@code null}: the fee's creation day). */
    public record TransactionImport(String type, BigDecimal amount, String method, String reason, LocalDate date) {}
}
