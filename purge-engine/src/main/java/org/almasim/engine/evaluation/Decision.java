package org.almasim.engine.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a policy does to one patron, and every reason why; date fixes come before the stage that acts on them. */
public record Decision(
        @JsonProperty("primary_id") String primaryId,
        @JsonProperty("action") Action action,
        @JsonProperty("reasons") List<Reason> reasons,
        @JsonProperty("new_expiry_date") Optional<LocalDate> newExpiryDate,
        @JsonProperty("new_purge_date") Optional<LocalDate> newPurgeDate) {

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

    /** The reasons that decided the action: every blocker of a blocked purge, the fix-up of a date fix, else the last reason. */
    public List<Reason> deciding() {
        if (action == Action.PURGE_BLOCKED
                || reasons.stream().anyMatch(r -> r.code().blocks())) {
            return blockers();
        }
        if (reasons.isEmpty()) {
            return List.of();
        }
        return List.of(action == Action.FIX_DATES ? reasons.get(0) : reasons.get(reasons.size() - 1));
    }

    /** The blockers among the reasons: what Alma's purge job would refuse this patron for. */
    public List<Reason> blockers() {
        return reasons.stream().filter(r -> r.code().blocks()).toList();
    }

    /** The same decision with one more reason. */
    public Decision with(Reason reason) {
        List<Reason> more = new ArrayList<>(reasons);
        more.add(reason);
        return new Decision(primaryId, action, more, newExpiryDate, newPurgeDate);
    }

    public boolean fixesDates() {
        return newExpiryDate.isPresent() || newPurgeDate.isPresent();
    }
}
