package org.almasim.engine.evaluation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/** What the engine can see of a user through Alma's API: the fields rules read, active loans and balance, set memberships. */
public record Patron(
        String primaryId,
        String userGroup,
        String userGroupDescription,
        String recordType,
        String accountType,
        String status,
        Optional<LocalDate> expiryDate,
        Optional<LocalDate> purgeDate,
        int activeLoans,
        BigDecimal activeBalance,
        Set<String> sets) {

    public Patron {
        sets = Set.copyOf(sets);
    }

    Patron withDates(Optional<LocalDate> expiry, Optional<LocalDate> purge) {
        return new Patron(
                primaryId,
                userGroup,
                userGroupDescription,
                recordType,
                accountType,
                status,
                expiry,
                purge,
                activeLoans,
                activeBalance,
                sets);
    }
}
