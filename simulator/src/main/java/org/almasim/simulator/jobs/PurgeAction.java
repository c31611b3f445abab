package org.almasim.simulator.jobs;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.almasim.simulator.deletion.DeletionBlocker;
import org.almasim.simulator.deletion.DeletionBlockers;
import org.almasim.simulator.settings.InstitutionSettings;
import org.almasim.simulator.users.UserWrites;
import org.jooq.DSLContext;

/** The purge jobs' action: delete the user unless something blocks it, and then name every blocker. */
final class PurgeAction implements JobRun.UserAction {
    static final String EVENT = "User Deletion Validation Failed";

    private final BigDecimal waiveThreshold;
    private final String currency;
    private final String instanceId;
    private final LocalDate today;

    PurgeAction(BigDecimal waiveThreshold, String currency, String instanceId, LocalDate today) {
        this.waiveThreshold = waiveThreshold;
        this.currency = currency;
        this.instanceId = instanceId;
        this.today = today;
    }

    private Map<Long, List<DeletionBlocker>> blockers = Map.of();
    private InstitutionSettings.DeleteUserPolicy policy;
    /** The batch's users nothing blocks, deleted together once the batch has been seen. */
    private final List<Long> deletable = new ArrayList<>();

    @Override
    public void prepare(DSLContext tx, List<Long> userKeys) {
        blockers = DeletionBlockers.of(tx, userKeys, waiveThreshold, currency, instanceId);
        policy = InstitutionSettings.deleteUserPolicy(tx);
    }

    @Override
    public Optional<String> apply(DSLContext tx, long userKey) {
        List<DeletionBlocker> found = blockers.getOrDefault(userKey, List.of());
        if (!found.isEmpty()) {
            return Optional.of(found.stream().map(DeletionBlocker::reason).collect(Collectors.joining(" ")));
        }
        deletable.add(userKey);
        return Optional.empty();
    }

    @Override
    public void finishBatch(DSLContext tx) {
        UserWrites.deleteKeys(tx, deletable, today, "job " + instanceId, policy);
        deletable.clear();
    }
}
