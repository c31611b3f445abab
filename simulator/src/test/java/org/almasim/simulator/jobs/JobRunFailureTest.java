package org.almasim.simulator.jobs;

import static org.almasim.simulator.db.Tables.JOB_LOCK;
import static org.almasim.simulator.db.Tables.PATRON;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.almasim.simulator.Database;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.jobs.JobRepository.StoredInstance;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A run that breaks off in any phase ends COMPLETED_FAILED with an alert that says why, and lets go of its users:
 * a client polling the instance sees it end, and the job can run again. (The API gives no way to break a run on
 * purpose, so these runs are started directly on a real database.)
 */
class JobRunFailureTest {
    private final Database database = Database.open("mem");
    private final DSLContext dsl = database.dsl();
    private final SimulatedClock clock = SimulatedClock.startingAt(LocalDate.of(2024, 8, 1));

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aRunThatFailsChoosingItsCandidatesEndsFailedWithWhy() {
        StoredInstance instance = submitted("1");
        new JobRun(
                        dsl,
                        clock,
                        () -> {
                            throw new IllegalStateException("too many candidates for one statement");
                        },
                        action(),
                        PurgeAction.EVENT,
                        instance,
                        new JobGate(),
                        Optional.empty())
                .run();
        StoredInstance ended = new JobRepository(dsl).find("1").orElseThrow();
        assertThat(ended.status()).isEqualTo("COMPLETED_FAILED");
        assertThat(ended.alert()).contains("too many candidates for one statement");
        assertThat(ended.endTime()).isNotNull();
    }

    @Test
    void aRunThatFailsOnAUserEndsFailedAndReleasesItsUsers() {
        StoredInstance instance = submitted("2");
        Map<Long, String> users = Map.of(patron("first"), "first", patron("second"), "second");
        new JobRun(
                        dsl,
                        clock,
                        () -> users,
                        new JobRun.UserAction() {
                            @Override
                            public Optional<String> apply(DSLContext tx, long userKey) {
                                throw new IllegalStateException("the action broke");
                            }
                        },
                        PurgeAction.EVENT,
                        instance,
                        new JobGate(),
                        Optional.empty())
                .run();
        StoredInstance ended = new JobRepository(dsl).find("2").orElseThrow();
        assertThat(ended.status()).isEqualTo("COMPLETED_FAILED");
        assertThat(ended.alert()).contains("the action broke");
        assertThat(dsl.fetchCount(JOB_LOCK)).as("no user is left locked").isZero();
    }

    private StoredInstance submitted(String id) {
        StoredInstance instance =
                new StoredInstance(id, "M26700", "QUEUED", 0, "test", clock.now(), null, null, "{}", 0, 0, null);
        dsl.transaction(tx -> new JobRepository(tx.dsl()).insert(instance));
        return instance;
    }

    private long patron(String primaryId) {
        return dsl.insertInto(PATRON)
                .set(PATRON.PRIMARY_ID, primaryId)
                .set(PATRON.PRIMARY_ID_FOLD, primaryId)
                .set(PATRON.PRIMARY_ID_NATURAL, primaryId)
                .set(PATRON.RECORD_TYPE, "PUBLIC")
                .set(PATRON.ACCOUNT_TYPE, "INTERNAL")
                .set(PATRON.STATUS, "ACTIVE")
                .set(PATRON.EMAILS, "")
                .set(PATRON.CREATED_DATE, clock.today())
                .set(PATRON.DOCUMENT, "{}")
                .returning(PATRON.USER_KEY)
                .fetchOne(PATRON.USER_KEY);
    }

    private static JobRun.UserAction action() {
        return (tx, userKey) -> Optional.empty();
    }
}
