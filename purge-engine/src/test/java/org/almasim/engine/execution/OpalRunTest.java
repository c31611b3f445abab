package org.almasim.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.almasim.engine.DemoAlma;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaJobs;
import org.almasim.engine.alma.AlmaUsers;
import org.almasim.engine.evaluation.Reason;
import org.almasim.engine.evaluation.ReasonCode;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.policy.PolicyReader;
import org.almasim.engine.progress.ProgressListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each rule of the OPAL guide carried out by {@code policy run} over HTTP, by the job path and user by user, on patrons
 * placed either side of the rule's boundary (today is 2024-08-01: seven days expired is 2024-07-25, three years is
 * 2021-08-01).
 */
class OpalRunTest {
    private static final Policy OPAL = PolicyReader.load("opal-lifecycle");

    private DemoAlma demo;
    private AlmaClient alma;

    @BeforeEach
    void simulator() {
        demo = DemoAlma.empty();
        alma = demo.alma;
        demo.loadPopulation("""
                users:
                  - {primary_id: expired-7-days, record_type: {value: PUBLIC}, account_type: {value: INTERNAL}, user_group: {value: UNDERGRAD}, expiry_date: 2024-07-25}
                  - {primary_id: expired-6-days, record_type: {value: PUBLIC}, account_type: {value: INTERNAL}, user_group: {value: UNDERGRAD}, expiry_date: 2024-07-26}
                  - {primary_id: expired-over-3-years, record_type: {value: PUBLIC}, account_type: {value: INTERNAL}, user_group: {value: UNDERGRAD}, expiry_date: 2021-07-31, status: {value: INACTIVE}}
                  - {primary_id: expired-exactly-3-years, record_type: {value: PUBLIC}, account_type: {value: INTERNAL}, user_group: {value: UNDERGRAD}, expiry_date: 2021-08-01, status: {value: INACTIVE}}
                  - {primary_id: community-borrower, record_type: {value: PUBLIC}, account_type: {value: INTERNAL}, user_group: {value: COMMUNITY}, expiry_date: 2020-01-31, status: {value: INACTIVE}}
                  - {primary_id: old-with-loan, record_type: {value: PUBLIC}, account_type: {value: INTERNAL}, user_group: {value: UNDERGRAD}, expiry_date: 2020-05-31, status: {value: INACTIVE}}
                  - {primary_id: current, record_type: {value: PUBLIC}, account_type: {value: INTERNAL}, user_group: {value: GRAD}, expiry_date: 2026-05-31}
                  - {primary_id: filler-1, record_type: {value: PUBLIC}, account_type: {value: INTERNAL}, user_group: {value: GRAD}, expiry_date: 2026-05-31}
                  - {primary_id: filler-2, record_type: {value: PUBLIC}, account_type: {value: INTERNAL}, user_group: {value: GRAD}, expiry_date: 2026-05-31}
                  - {primary_id: filler-3, record_type: {value: PUBLIC}, account_type: {value: INTERNAL}, user_group: {value: GRAD}, expiry_date: 2026-05-31}
                items:
                  - {barcode: "B1", title: Ohio rivers}
                loans:
                  - {user: old-with-loan, barcode: "B1", loan_date: 2020-05-01, due_date: 2020-05-29}
                """);
        demo.itemizedSet("Community patrons", List.of("community-borrower"));
        demo.opalCandidateSets();
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    private RunReport run(PolicyRun.Mode mode, ProgressListener progress) {
        return run(OPAL, mode, progress);
    }

    private RunReport run(Policy policy, PolicyRun.Mode mode, ProgressListener progress) {
        return new PolicyRun(alma, AlmaJobs.Ids.ALMASIM, progress).run(policy, DemoAlma.FLVC_2024, mode);
    }

    private String status(String id) {
        return new AlmaUsers(alma).get(id).path("status").path("value").asText();
    }

    @ParameterizedTest
    @EnumSource(PolicyRun.Mode.class)
    void patronExpiredSevenDaysIsMarkedInactiveAndSixDaysIsNot(PolicyRun.Mode mode) {
        RunReport report = run(mode, ProgressListener.NONE);
        assertThat(status("expired-7-days")).isEqualTo("INACTIVE");
        assertThat(status("expired-6-days")).isEqualTo("ACTIVE");
        assertThat(status("current")).isEqualTo("ACTIVE");
        assertThat(report.inactive().done()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(PolicyRun.Mode.class)
    void patronExpiredMoreThanThreeYearsIsPurgedAndExactlyThreeYearsIsKept(PolicyRun.Mode mode) {
        RunReport report = run(mode, ProgressListener.NONE);
        assertThat(demo.exists("expired-over-3-years")).isFalse();
        assertThat(demo.exists("expired-exactly-3-years")).isTrue();
        assertThat(report.purge().done()).isEqualTo(1);
        assertThat(report.differences()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(PolicyRun.Mode.class)
    void communityPatronsInTheirOwnSetAreKept(PolicyRun.Mode mode) {
        run(mode, ProgressListener.NONE);
        assertThat(demo.exists("community-borrower")).isTrue();
        assertThat(status("community-borrower")).isEqualTo("INACTIVE");
    }

    @Test
    void expiredPatronWithALoanIsRefusedByAlmasJobWhenTheJobPurgesTheCandidateSet() {
        RunReport report = run(PolicyRun.Mode.JOB, ProgressListener.NONE);
        assertThat(demo.exists("old-with-loan")).isTrue();
        assertThat(report.predicted())
                .as("the candidate set's purge is left to Alma's job")
                .isFalse();
        assertThat(report.purge().heldBack()).isEmpty();
        assertThat(report.purge().exceptions()).containsOnlyKeys("old-with-loan");
        assertThat(report.purge().notDoneByReason()).containsExactly(entry("active loans", 1));
    }

    @Test
    void expiredPatronWithALoanIsHeldBackNotSentToPurgeUserByUser() {
        RunReport report = run(PolicyRun.Mode.PER_USER, ProgressListener.NONE);
        assertThat(demo.exists("old-with-loan")).isTrue();
        assertThat(report.purge().exceptions()).isEmpty();
        assertThat(report.purge().heldBack()).containsOnlyKeys("old-with-loan");
        assertThat(report.purge().heldBack().get("old-with-loan"))
                .containsExactly(Reason.of(ReasonCode.ACTIVE_LOANS, "count", 1));
        assertThat(report.purge().notDoneByReason()).containsExactly(entry("active loans", 1));
    }

    @ParameterizedTest
    @EnumSource(PolicyRun.Mode.class)
    void reinstatedPatronIsNotMarkedInactiveAgain(PolicyRun.Mode mode) {
        run(mode, ProgressListener.NONE);
        new Reinstatement(alma, AlmaJobs.Ids.ALMASIM).reinstate(OPAL, List.of("expired-7-days"), DemoAlma.FLVC_2024);
        RunReport again = run(mode, ProgressListener.NONE);
        assertThat(status("expired-7-days")).isEqualTo("ACTIVE");
        assertThat(new AlmaUsers(alma).get("expired-7-days").path("expiry_date").asText())
                .isEqualTo("2025-08-01Z");
        assertThat(again.inactive().done()).isZero();
    }

    @Test
    void aPatronTheJobRefusedEarlierTodayIsReportedNotSentAgain() {
        ObjectNode blockers = new ObjectMapper().createObjectNode();
        blockers.putArray("blocker").addObject().put("kind", "PO_LINE").put("detail", "POL-9");
        demo.control.replaceBlockers("expired-over-3-years", blockers);
        RunReport first = run(PolicyRun.Mode.JOB, ProgressListener.NONE);
        assertThat(first.purge().exceptions().get("expired-over-3-years")).contains("PO lines");
        RunReport again = run(PolicyRun.Mode.JOB, ProgressListener.NONE);
        assertThat(again.purge().jobInstance())
                .as("nobody left to send: no second purge job")
                .isNull();
        assertThat(again.purge().exceptions())
                .as("nothing was sent to Alma, so Alma refused nothing")
                .isEmpty();
        assertThat(again.purge().heldBack().get("expired-over-3-years"))
                .singleElement()
                .satisfies(r -> assertThat(r.code()).isEqualTo(ReasonCode.REFUSED_EARLIER_TODAY))
                .satisfies(r -> assertThat(r.sentence())
                        .startsWith("refused earlier today")
                        .contains("PO lines"));
        assertThat(alma.get("/almaws/v1/conf/jobs/M26701/instances", Map.of())
                        .path("total_record_count")
                        .asInt())
                .isEqualTo(1);
        assertThat(demo.exists("expired-over-3-years")).isTrue();
    }

    @Test
    void aRunWaitsForAnEarlierRunOfTheJobInsteadOfOverlappingIt() {
        // The monthly purge alone: the pause below holds every job, the weekly stage's too.
        Policy monthlyPurge = PolicyReader.read("""
                name: OPAL monthly purge
                purge: {by: expiry_date, older_than: P3Y}
                protect: {sets: [Community patrons]}
                """.getBytes(StandardCharsets.UTF_8), "monthly-purge.yaml");
        // An earlier, interrupted engine run left a purge job going: here it is held at the simulator's pause gate.
        demo.control.pauseJobs();
        String set = demo.itemizedSet("left by an earlier run", List.of("filler-1"));
        String earlier = demo.startJob("M26701", set);
        List<String> stages = new CopyOnWriteArrayList<>();
        ProgressListener recording = new ProgressListener() {
            @Override
            public void stage(String name, long total) {
                stages.add(name);
            }

            @Override
            public void done(long count) {}
        };
        CompletableFuture<RunReport> rerun =
                CompletableFuture.supplyAsync(() -> run(monthlyPurge, PolicyRun.Mode.JOB, recording));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> stages.contains("waiting for an earlier run of job M26701 to finish"));
        assertThat(rerun).isNotDone();
        demo.control.resumeJobs();
        RunReport report = rerun.orTimeout(60, TimeUnit.SECONDS).join();
        assertThat(report.purge().done()).isEqualTo(1);
        assertThat(demo.exists("expired-over-3-years")).isFalse();
        assertThat(demo.jobStatus(earlier)).isEqualTo("COMPLETED_SUCCESS");
    }
}
