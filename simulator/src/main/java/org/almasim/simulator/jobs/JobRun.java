package org.almasim.simulator.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.deletion.JobLocks;
import org.almasim.simulator.faults.Fault;
import org.almasim.simulator.faults.FaultRule;
import org.almasim.simulator.faults.InjectedFault;
import org.almasim.simulator.jobs.JobRepository.StoredEvent;
import org.almasim.simulator.jobs.JobRepository.StoredInstance;
import org.almasim.simulator.users.UserWrites;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a job over users: choose the candidates, hold them, apply the job's action to each in batches, and record
 * every user the action could not process as an event with all its reasons. Records processed = candidates; records
 * with exceptions = the users not processed.
 */
final class JobRun implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);
    /** Users per transaction: every statement of a batch is bounded by it, whatever the population. */
    private static final int BATCH = 1_000;

    static final String GONE = "The user was deleted before the job reached it.";

    /** What a job does to one held user inside the batch's transaction: nothing to report, or the reasons it could not. */
    interface UserAction {
        /** Reads, once for the batch's users, what {@link #apply} will need for each. */
        default void prepare(DSLContext tx, List<Long> userKeys) {}

        Optional<String> apply(DSLContext tx, long userKey);

        /** Finishes the batch's work inside its transaction, after {@link #apply} has seen each user (a batch's deletes). */
        default void finishBatch(DSLContext tx) {}
    }

    private final DSLContext dsl;
    private final SimulatedClock clock;
    /** The run's users, each with its primary id. */
    private final Supplier<Map<Long, String>> candidates;

    private final UserAction action;
    private final String eventType;
    private final JobGate gate;
    private final Optional<FaultRule> fault;
    private StoredInstance instance;

    JobRun(
            DSLContext dsl,
            SimulatedClock clock,
            Supplier<Map<Long, String>> candidates,
            UserAction action,
            String eventType,
            StoredInstance instance,
            JobGate gate,
            Optional<FaultRule> fault) {
        this.dsl = dsl;
        this.clock = clock;
        this.candidates = candidates;
        this.action = action;
        this.eventType = eventType;
        this.instance = instance;
        this.gate = gate;
        this.fault = fault;
    }

    @Override
    public void run() {
        try {
            advance("INITIALIZING", 0, 0, 0);
            // Names taken with the candidates, so a user deleted by someone else before the run reaches it can still be
            // reported.
            Map<Long, String> ids = candidates.get();
            List<Long> users = ids.keySet().stream().sorted().toList();
            Set<Long> held = dsl.transactionResult(tx -> new JobRepository(tx.dsl()).hold(users, instance.id()));
            gate.passWhenOpen();
            advance("RUNNING", 0, 0, 0);
            meetInjectedFault();
            int exceptions = 0;
            for (int from = 0; from < users.size(); from += BATCH) {
                List<Long> batch = users.subList(from, Math.min(users.size(), from + BATCH));
                exceptions += dsl.transactionResult(tx -> apply(tx.dsl(), batch, held, ids));
                int done = Math.min(users.size(), from + BATCH);
                advance("RUNNING", done * 100 / users.size(), done, exceptions);
            }
            advance("FINALIZING", 100, users.size(), exceptions);
            dsl.transaction(tx -> new JobRepository(tx.dsl()).release(instance.id()));
            finish(exceptions == 0 ? "COMPLETED_SUCCESS" : "COMPLETED_WARNING", users.size(), exceptions, null);
        } catch (Throwable e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            fail(e);
        }
    }

    /** A JOB_STUCK fault holds the run RUNNING for its simulated minutes; a JOB_FAILED fault fails it here. */
    private void meetInjectedFault() throws InterruptedException {
        if (fault.isEmpty()) {
            return;
        }
        FaultRule rule = fault.get();
        if (rule.fault() == Fault.JOB_STUCK) {
            gate.passWhenPast(
                    instance.submitTime().plus(Duration.ofMinutes(rule.minutes().orElse(0))), clock::now);
        } else if (rule.fault() == Fault.JOB_FAILED) {
            throw new InjectedFault(rule);
        }
    }

    /**
     * Ends a run that broke off, whatever broke it: an instance left RUNNING would keep every client polling it, and
     * this job from running again, for ever. The cause goes to the log, since nobody reads the task's future.
     */
    private void fail(Throwable cause) {
        if (cause instanceof InjectedFault) {
            LOG.info("Job instance {} failed: {}", instance.id(), cause.getMessage());
        } else {
            LOG.warn("Job instance {} failed", instance.id(), cause);
        }
        try {
            dsl.transaction(tx -> new JobRepository(tx.dsl()).release(instance.id()));
        } catch (RuntimeException e) {
            LOG.warn("Job instance {} could not release its users", instance.id(), e);
        }
        finish(
                "COMPLETED_FAILED",
                instance.processed(),
                instance.withExceptions(),
                "The job failed: " + cause.getMessage());
    }

    /** Applies the action to the batch's users and answers how many it could not process. */
    private int apply(DSLContext tx, List<Long> batch, Set<Long> held, Map<Long, String> ids) {
        Set<Long> present = UserWrites.existingKeys(tx, batch);
        action.prepare(
                tx,
                batch.stream()
                        .filter(key -> present.contains(key) && held.contains(key))
                        .toList());
        List<StoredEvent> events = new ArrayList<>();
        for (Long key : batch) {
            String primaryId = ids.getOrDefault(key, "user " + key);
            Optional<String> failure = !present.contains(key)
                    ? Optional.of(GONE)
                    : held.contains(key) ? action.apply(tx, key) : Optional.of(JobLocks.REASON);
            failure.ifPresent(reasons -> events.add(new StoredEvent(primaryId, reasons)));
        }
        action.finishBatch(tx);
        new JobRepository(tx).addEvents(instance.id(), eventType, events);
        return events.size();
    }

    private void advance(String status, int progress, int processed, int exceptions) {
        instance = instance.with(
                status,
                progress,
                instance.startTime() == null ? clock.now() : instance.startTime(),
                null,
                processed,
                exceptions,
                null);
        dsl.transaction(tx -> new JobRepository(tx.dsl()).update(instance));
    }

    private void finish(String status, int processed, int exceptions, String alert) {
        instance = instance.with(
                status,
                100,
                instance.startTime() == null ? clock.now() : instance.startTime(),
                clock.now(),
                processed,
                exceptions,
                alert);
        dsl.transaction(tx -> new JobRepository(tx.dsl()).update(instance));
    }
}
