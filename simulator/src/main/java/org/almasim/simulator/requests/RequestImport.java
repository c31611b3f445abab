package org.almasim.simulator.requests;

import java.time.LocalDate;
import java.util.Set;

/**
 * A hold request as a population document states it: whose, on which item (by barcode), where it stands, where it is
 * picked up, when it was placed ({@code null}: today) and until when the patron wants it.
 */
public record RequestImport(
        String userId, String barcode, String status, String pickupLibrary, LocalDate created, LocalDate lastInterest) {
    /** Where an active hold request stands in Alma, as almasim answers them. */
    public static final Set<String> STATUSES = Set.of("NOT_STARTED", "IN_PROCESS", "ON_HOLD_SHELF");
}
