package org.almasim.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
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

/** Policies carried out over HTTP against a simulator holding the demo patrons. */
class PolicyRunTest {
    private static final LocalDate FLVC_2024 = DemoAlma.FLVC_2024;
    private static final List<String> PURGED =
            List.of("flvc-expired-2022", "flvc-no-purge-date", "flvc-closed-fine", "opal-expired-4y", "opal-community");

    private DemoAlma demo;
    private AlmaClient alma;

    @BeforeEach
    void demo() {
        demo = DemoAlma.withDemoPatrons();
        alma = demo.alma;
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    private RunReport run(String policy, PolicyRun.Mode mode) {
        return run(PolicyReader.load(policy), mode);
    }

    private RunReport run(Policy policy, PolicyRun.Mode mode) {
        return new PolicyRun(alma, AlmaJobs.Ids.ALMASIM, ProgressListener.NONE).run(policy, FLVC_2024, mode);
    }

    private boolean exists(String id) {
        return demo.exists(id);
    }

    @Test
    void flvcRunThroughTheJobDoesWhatThePreviewPredicted() {
        RunReport report = run("flvc-annual", PolicyRun.Mode.JOB);
        assertThat(report.datesFixed()).isEqualTo(2);
        assertThat(report.planned().get("fix_dates"))
                .as("the plan counts the patrons whose dates it fixes, a patron purged afterwards too")
                .isEqualTo(report.datesFixed());
        assertThat(report.purge().processed())
                .as("patrons with a visible blocker are never sent")
                .isEqualTo(5);
        assertThat(report.purge().exceptions())
                .as("Alma refused none of the patrons it was sent")
                .isEmpty();
        assertThat(report.purge().heldBack()).containsOnlyKeys("flvc-with-loan", "flvc-with-balance");
        assertThat(report.purge().heldBack().get("flvc-with-balance"))
                .extracting(Reason::code)
                .containsExactly(ReasonCode.ACTIVE_BALANCE);
        assertThat(Reason.join(report.purge().heldBack().get("flvc-with-balance")))
                .contains("75");
        assertThat(report.purge().done()).isEqualTo(5);
        assertThat(report.differences()).isEmpty();
        assertThat(PURGED).noneMatch(this::exists);
        assertThat(new AlmaUsers(alma).get("flvc-ill-dept").path("purge_date").asText())
                .isEqualTo("2050-01-01Z");
        assertThat(exists("flvc-with-loan")).isTrue();
    }

    @Test
    void flvcRunUserByUserEndsTheSame() {
        RunReport report = run("flvc-annual", PolicyRun.Mode.PER_USER);
        assertThat(report.purge().exceptions()).isEmpty();
        assertThat(report.purge().heldBack()).containsOnlyKeys("flvc-with-loan", "flvc-with-balance");
        assertThat(report.purge().heldBack().get("flvc-with-loan"))
                .containsExactly(Reason.of(ReasonCode.ACTIVE_LOANS, "count", 1));
        assertThat(report.differences()).isEmpty();
        assertThat(PURGED).noneMatch(this::exists);
    }

    @Test
    void aSecondRunChangesNothing() {
        run("flvc-annual", PolicyRun.Mode.JOB);
        JsonNode users = alma.get("/almaws/v1/users", Map.of("limit", "100", "expand", "full"));
        RunReport again = run("flvc-annual", PolicyRun.Mode.JOB);
        assertThat(again.datesFixed()).isZero();
        assertThat(again.purge().done()).isZero();
        assertThat(again.purge().jobInstance())
                .as("nothing left to send to a job")
                .isNull();
        assertThat(alma.get("/almaws/v1/users", Map.of("limit", "100", "expand", "full")))
                .isEqualTo(users);
    }

    @Test
    void opalRunMarksPatronsInactiveThroughUpdateNotifyUsers() {
        demo.itemizedSet("Community patrons", List.of());
        demo.opalCandidateSets();
        RunReport report = run("opal-lifecycle", PolicyRun.Mode.JOB);
        assertThat(report.inactive().jobInstance()).isNotNull();
        assertThat(new AlmaUsers(alma)
                        .get("opal-expired-last-week")
                        .path("status")
                        .path("value")
                        .asText())
                .isEqualTo("INACTIVE");
        assertThat(new AlmaUsers(alma)
                        .get("current-student")
                        .path("status")
                        .path("value")
                        .asText())
                .isEqualTo("ACTIVE");
        assertThat(exists("opal-expired-4y")).isFalse();
        assertThat(exists("opal-community"))
                .as("not in the community set: nothing protects it")
                .isFalse();
        assertThat(report.differences()).isEmpty();
    }

    @Test
    void aRunBeyondTheSafetyLimitsIsRefusedAndChangesNothing() {
        Policy strict = PolicyReader.read("""
                name: strict
                purge:
                  cutoff_rule: july_1_previous_year
                safety:
                  max_purges: 2
                """.getBytes(StandardCharsets.UTF_8), "strict.yaml");
        JsonNode before = demo.control.digest();
        assertThatThrownBy(() -> run(strict, PolicyRun.Mode.JOB))
                .isInstanceOfSatisfying(
                        RunRefused.class,
                        e -> assertThat(e.reasons())
                                .anySatisfy(r -> assertThat(r).contains("more than max_purges 2")));
        assertThat(demo.control.digest()).isEqualTo(before);
    }
}
