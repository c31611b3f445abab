package org.almasim.simulator.fees;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A fee as a population document states it: an amount, what is left of it, and its status. */
public record FeeImport(
        String userId,
        String type,
        BigDecimal amount,
        BigDecimal balance,
        String status,
        String owner,
        String comment,
        LocalDate created) {}
