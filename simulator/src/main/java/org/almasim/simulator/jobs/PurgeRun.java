package org.almasim.simulator.jobs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.almasim.simulator.blockers.DeletionBlocker;
import org.almasim.simulator.blockers.DeletionBlockers;
import org.almasim.simulator.blockers.JobLocks;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.jobs.JobRepository.StoredEvent;
import org.almasim.simulator.jobs.JobRepository.StoredInstance;
import org.almasim.simulator.sets.SetService;
import org.almasim.simulator.users.UserService;
import org.jooq.DSLContext;

/**
 * One run of a purge job: choose the candidates (by purge date, or a set's members), hold them, delete each one that
 * nothing blocks, and record every other one as a "User Deletion Validation Failed" event with all its reasons.
 * Records processed = candidates; records with exceptions = the ones not deleted.
 */
final class PurgeRun implements Runnable {
    static final String VALIDATION_FAILED = "User Deletion Validation Failed";
    private static final int BATCH = 200;

    private final DSLContext dsl;
    private final SimulatedClock clock;
    private final CodeTables codes;
    private final SetService sets;
    private final JobDefinition job;
    private final Map<String, String> parameters;
    private final JobGate gate;
    private StoredInstance instance;

    PurgeRun(DSLContext dsl, SimulatedClock clock, CodeTables codes, SetService sets, JobDefinition job, Map<String, String> parameters,
             StoredInstance instance, JobGate gate) {
        this.dsl = dsl;
        this.clock = clock;
        this.codes = codes;
        this.sets = sets;
        this.job = job;
        this.parameters = parameters;
        this.instance = instance;
        this.gate = gate;
    }

    @Override
    public void run() {
        try {
            advance("INITIALIZING", 0, 0, 0, null);
            List<Long> candidates = candidates();
            Set<Long> held = dsl.transactionResult(tx -> new JobRepository(tx.dsl()).hold(candidates, instance.id()));
            gate.passWhenOpen();
            advance("RUNNING", 0, 0, 0, null);
            BigDecimal threshold = new BigDecimal(parameters.getOrDefault("waive_threshold", "0"));
            int exceptions = 0;
            for (int from = 0; from < candidates.size(); from += BATCH) {
                List<Long> batch = candidates.subList(from, Math.min(candidates.size(), from + BATCH));
                exceptions += dsl.transactionResult(tx -> purge(tx.dsl(), batch, held, threshold));
                int done = Math.min(candidates.size(), from + BATCH);
                advance("RUNNING", done * 100 / candidates.size(), done, exceptions, null);
            }
            advance("FINALIZING", 100, candidates.size(), exceptions, null);
            dsl.transaction(tx -> new JobRepository(tx.dsl()).release(instance.id()));
            finish(exceptions == 0 ? "COMPLETED_SUCCESS" : "COMPLETED_WARNING", candidates.size(), exceptions, null);
        } catch (RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            dsl.transaction(tx -> new JobRepository(tx.dsl()).release(instance.id()));
            finish("COMPLETED_FAILED", instance.processed(), instance.withExceptions(), "The job failed: " + e.getMessage());
        }
    }

    private List<Long> candidates() {
        if (job.kind() == JobDefinition.Kind.PURGE_SET) {
            return sets.memberKeys(dsl, parameters.get("set_id"));
        }
        int grace = Integer.parseInt(parameters.getOrDefault("number_of_days_after_purge_date", "0"));
        return new JobRepository(dsl).purgeCandidates(clock.today().minusDays(grace), parameters.get("user_group"),
                parameters.get("record_type"));
    }

    /** Deletes the batch's deletable users and answers how many could not be deleted. */
    private int purge(DSLContext tx, List<Long> batch, Set<Long> held, BigDecimal threshold) {
        Map<Long, String> ids = UserService.primaryIds(tx, batch);
        List<StoredEvent> events = new ArrayList<>();
        for (Long key : batch) {
            String primaryId = ids.get(key);
            if (primaryId == null) {
                continue;
            }
            List<String> reasons = held.contains(key)
                    ? DeletionBlockers.of(tx, key, threshold, codes.currency(), instance.id()).stream().map(DeletionBlocker::reason).toList()
                    : List.of(JobLocks.REASON);
            if (reasons.isEmpty()) {
                UserService.deleteKey(tx, key, clock.today(), "job " + instance.id());
            } else {
                events.add(new StoredEvent(primaryId, reasons.stream().collect(Collectors.joining(" "))));
            }
        }
        new JobRepository(tx).addEvents(instance.id(), VALIDATION_FAILED, events);
        return events.size();
    }

    private void advance(String status, int progress, int processed, int exceptions, String alert) {
        instance = instance.with(status, progress, instance.startTime() == null ? clock.now() : instance.startTime(), null, processed,
                exceptions, alert);
        dsl.transaction(tx -> new JobRepository(tx.dsl()).update(instance));
    }

    private void finish(String status, int processed, int exceptions, String alert) {
        instance = instance.with(status, 100, instance.startTime() == null ? clock.now() : instance.startTime(), clock.now(), processed,
                exceptions, alert);
        dsl.transaction(tx -> new JobRepository(tx.dsl()).update(instance));
    }
}
