package org.almasim.engine.evaluation;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** What a policy does to one patron, and every reason why; date fixes come before the stage that acts on them. */
public record Decision(String primaryId, Action action, List<String> reasons, Optional<LocalDate> newExpiryDate,
                       Optional<LocalDate> newPurgeDate) {

    public enum Action {
        /** Purged: a candidate nothing visible blocks. */
        PURGE,
        /** A purge candidate the job will report as an exception: a loan or a balance the engine can see. */
        PURGE_BLOCKED,
        MARK_INACTIVE,
        /** Only the pre-purge date fix-ups apply. */
        FIX_DATES,
        KEEP
    }

    public Decision {
        reasons = List.copyOf(reasons);
    }

    public boolean fixesDates() {
        return newExpiryDate.isPresent() || newPurgeDate.isPresent();
    }
}
