package org.almasim.simulator.jobs;

import static org.almasim.simulator.db.Tables.JOB_EVENT;
import static org.almasim.simulator.db.Tables.JOB_INSTANCE;
import static org.almasim.simulator.db.Tables.JOB_LOCK;
import static org.almasim.simulator.db.Tables.PATRON;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.almasim.simulator.db.tables.records.JobInstanceRecord;
import org.almasim.simulator.store.BulkLookup;
import org.almasim.simulator.store.Page;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Job instances, their events and the users they hold, in H2 through jOOQ only. */
final class JobRepository {
    static final List<String> TERMINAL = List.of("COMPLETED_SUCCESS", "COMPLETED_WARNING", "COMPLETED_FAILED");

    private final DSLContext db;

    JobRepository(DSLContext db) {
        this.db = db;
    }

    record StoredInstance(
            String id,
            String jobId,
            String status,
            int progress,
            String submittedBy,
            Instant submitTime,
            Instant startTime,
            Instant endTime,
            String parameters,
            int processed,
            int withExceptions,
            String alert) {
        StoredInstance with(
                String newStatus,
                int newProgress,
                Instant start,
                Instant end,
                int newProcessed,
                int newExceptions,
                String newAlert) {
            return new StoredInstance(
                    id,
                    jobId,
                    newStatus,
                    newProgress,
                    submittedBy,
                    submitTime,
                    start,
                    end,
                    parameters,
                    newProcessed,
                    newExceptions,
                    newAlert);
        }
    }

    record StoredEvent(String userPrimaryId, String reasons) {}

    record RecordedEvent(String type, String userPrimaryId, String reasons) {}

    void insert(StoredInstance instance) {
        db.insertInto(JOB_INSTANCE).set(record(instance)).execute();
    }

    void update(StoredInstance instance) {
        db.update(JOB_INSTANCE)
                .set(record(instance))
                .where(JOB_INSTANCE.INSTANCE_ID.eq(instance.id()))
                .execute();
    }

    Optional<StoredInstance> find(String instanceId) {
        return db.selectFrom(JOB_INSTANCE)
                .where(JOB_INSTANCE.INSTANCE_ID.eq(instanceId))
                .fetchOptional(JobRepository::stored);
    }

    int count(Condition filter) {
        return db.fetchCount(JOB_INSTANCE, filter);
    }

    List<StoredInstance> list(Condition filter, Page page) {
        return db.selectFrom(JOB_INSTANCE)
                .where(filter)
                .orderBy(JOB_INSTANCE.SUBMIT_TIME.desc(), JOB_INSTANCE.INSTANCE_ID.desc())
                .limit(page.limit())
                .offset(page.offset())
                .fetch(JobRepository::stored);
    }

    static Condition filter(String jobId, String status, LocalDate from, LocalDate to) {
        Condition filter = DSL.noCondition();
        if (jobId != null) {
            filter = filter.and(JOB_INSTANCE.JOB_ID.eq(jobId));
        }
        if (status != null) {
            filter = filter.and(JOB_INSTANCE.STATUS.eq(status));
        }
        if (from != null) {
            filter = filter.and(JOB_INSTANCE.SUBMIT_TIME.ge(from.atStartOfDay().atOffset(ZoneOffset.UTC)));
        }
        if (to != null) {
            filter = filter.and(
                    JOB_INSTANCE.SUBMIT_TIME.lt(to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC)));
        }
        return filter;
    }

    int running() {
        return db.fetchCount(JOB_INSTANCE, JOB_INSTANCE.STATUS.notIn(TERMINAL));
    }

    int running(String jobId) {
        return db.fetchCount(JOB_INSTANCE, JOB_INSTANCE.JOB_ID.eq(jobId).and(JOB_INSTANCE.STATUS.notIn(TERMINAL)));
    }

    int submittedSince(String jobId, Instant since) {
        return db.fetchCount(JOB_INSTANCE, JOB_INSTANCE.JOB_ID.eq(jobId).and(JOB_INSTANCE.SUBMIT_TIME.ge(time(since))));
    }

    /**
     * The users a purge by date deletes or reports, each with its primary id, in key order (the condition is {@link
     * PurgeParameters#candidates}).
     */
    Map<Long, String> purgeCandidates(Condition candidates) {
        return db.select(PATRON.USER_KEY, PATRON.PRIMARY_ID)
                .from(PATRON)
                .where(candidates)
                .orderBy(PATRON.USER_KEY)
                .fetchMap(PATRON.USER_KEY, PATRON.PRIMARY_ID);
    }

    /** Holds these users for the instance; answers the ones it got (another job may hold the rest). */
    Set<Long> hold(Collection<Long> keys, String instanceId) {
        Set<Long> already =
                new HashSet<>(db.select(JOB_LOCK.USER_KEY).from(JOB_LOCK).fetch(JOB_LOCK.USER_KEY));
        List<Long> free = new ArrayList<>();
        for (Long key : keys) {
            if (!already.contains(key)) {
                free.add(key);
            }
        }
        // A JDBC batch a chunk at a time: a job over a million users would otherwise hold every row's binds at once.
        for (List<Long> chunk : BulkLookup.chunks(free)) {
            var batch = db.batch(db.insertInto(JOB_LOCK, JOB_LOCK.USER_KEY, JOB_LOCK.INSTANCE_ID)
                    .values((Long) null, null));
            for (Long key : chunk) {
                batch = batch.bind(key, instanceId);
            }
            batch.execute();
        }
        return new HashSet<>(free);
    }

    /**
     * Ends every instance a stopped process left unfinished as failed, with why, and lets go of its users: answers how
     * many it ended. Only called at start-up, when no run of this process can be in progress.
     */
    int endUnfinished(Instant now, String alert) {
        int ended = db.update(JOB_INSTANCE)
                .set(JOB_INSTANCE.STATUS, "COMPLETED_FAILED")
                .set(JOB_INSTANCE.END_TIME, time(now))
                .set(JOB_INSTANCE.ALERT, alert)
                .where(JOB_INSTANCE.STATUS.notIn(TERMINAL))
                .execute();
        db.deleteFrom(JOB_LOCK).execute();
        return ended;
    }

    void release(String instanceId) {
        db.deleteFrom(JOB_LOCK).where(JOB_LOCK.INSTANCE_ID.eq(instanceId)).execute();
    }

    void addEvents(String instanceId, String type, List<StoredEvent> events) {
        var batch = db.batch(db.insertInto(
                        JOB_EVENT,
                        JOB_EVENT.INSTANCE_ID,
                        JOB_EVENT.EVENT_TYPE,
                        JOB_EVENT.USER_PRIMARY_ID,
                        JOB_EVENT.REASONS)
                .values((String) null, null, null, null));
        for (StoredEvent e : events) {
            batch = batch.bind(instanceId, type, e.userPrimaryId(), e.reasons());
        }
        if (!events.isEmpty()) {
            batch.execute();
        }
    }

    int eventCount(String instanceId) {
        return db.fetchCount(JOB_EVENT, JOB_EVENT.INSTANCE_ID.eq(instanceId));
    }

    List<RecordedEvent> events(String instanceId, Page page) {
        return db.select(JOB_EVENT.EVENT_TYPE, JOB_EVENT.USER_PRIMARY_ID, JOB_EVENT.REASONS)
                .from(JOB_EVENT)
                // A page walks the (instance, event) index in its order. Without the bound on the event id (always
                // true: ids start at 1), H2 picks the index its foreign key made on the instance alone and sorts every
                // event of the instance for each page: a report of 11,000 events took 350 ms to page, not 50 ms.
                .where(JOB_EVENT.INSTANCE_ID.eq(instanceId).and(JOB_EVENT.EVENT_ID.ge(0L)))
                .orderBy(JOB_EVENT.INSTANCE_ID, JOB_EVENT.EVENT_ID)
                .limit(page.limit())
                .offset(page.offset())
                .fetch(r -> new RecordedEvent(r.value1(), r.value2(), r.value3()));
    }

    private JobInstanceRecord record(StoredInstance i) {
        JobInstanceRecord r = db.newRecord(JOB_INSTANCE);
        r.setInstanceId(i.id());
        r.setJobId(i.jobId());
        r.setStatus(i.status());
        r.setProgress(i.progress());
        r.setSubmittedBy(i.submittedBy());
        r.setSubmitTime(time(i.submitTime()));
        r.setStartTime(i.startTime() == null ? null : time(i.startTime()));
        r.setEndTime(i.endTime() == null ? null : time(i.endTime()));
        r.setParameters(i.parameters());
        r.setProcessed(i.processed());
        r.setWithExceptions(i.withExceptions());
        r.setAlert(i.alert());
        return r;
    }

    private static StoredInstance stored(JobInstanceRecord r) {
        return new StoredInstance(
                r.getInstanceId(),
                r.getJobId(),
                r.getStatus(),
                r.getProgress(),
                r.getSubmittedBy(),
                r.getSubmitTime().toInstant(),
                r.getStartTime() == null ? null : r.getStartTime().toInstant(),
                r.getEndTime() == null ? null : r.getEndTime().toInstant(),
                r.getParameters(),
                r.getProcessed(),
                r.getWithExceptions(),
                r.getAlert());
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
