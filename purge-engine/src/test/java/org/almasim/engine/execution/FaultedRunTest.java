package org.almasim.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.almasim.engine.DemoAlma;
import org.almasim.engine.alma.AlmaApiException;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaJobs;
import org.almasim.engine.alma.AlmaJson;
import org.almasim.engine.alma.AlmaUsers;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.progress.ProgressListener;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.journal.RequestJournal;
import org.almasim.simulator.population.SyntheticPopulation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A purge run against an Alma that fails as Alma and its network fail (faults injected through the control plane):
 * it survives what it should survive, resumes after what it cannot, never deletes a patron twice and ends where a run
 * without faults ends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultedRunTest {
    private static final LocalDate TODAY = DemoAlma.FLVC_2024;
    private static final long POPULATION_SEED = 20261128L;
    private static final int PATRONS = 80;
    private static final Policy POLICY = RunPolicies.EVERY_STAGE;

    private final DemoAlma demo = DemoAlma.empty();
    /** Retries come quickly here: the faults are the simulator's, not a real Alma's load. */
    private final AlmaClient alma =
            new AlmaClient(demo.sim.baseUrl(), ApiKeys.DEVELOPMENT_KEY, 6, Duration.ofMillis(5));

    private final Map<PolicyRun.Mode, List<JsonNode>> unfaulted = new HashMap<>();

    @AfterAll
    void stop() {
        demo.close();
    }

    @BeforeEach
    void freshLibrary() {
        load();
    }

    private void load() {
        demo.reset();
        demo.control.clearFaults();
        demo.sim.journal().clear();
        demo.sim.load(SyntheticPopulation.chunk(POPULATION_SEED, 0, PATRONS, TODAY));
    }

    /** The library after a run without faults, from the same population: where every faulted run must end. */
    private List<JsonNode> unfaultedEnd(PolicyRun.Mode mode) {
        return unfaulted.computeIfAbsent(mode, m -> {
            run(m);
            List<JsonNode> end = users();
            load();
            return end;
        });
    }

    private RunReport run(PolicyRun.Mode mode) {
        return new PolicyRun(alma, AlmaJobs.Ids.ALMASIM, ProgressListener.NONE).run(POLICY, TODAY, mode);
    }

    private void inject(String json) {
        try {
            demo.control.addFault(AlmaJson.MAPPER.readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private List<JsonNode> users() {
        List<JsonNode> users = new ArrayList<>();
        new AlmaUsers(alma).matching(null).forEachRemaining(users::add);
        return users;
    }

    private List<RequestJournal.Entry> faulted() {
        return demo.sim.journal().find(Optional.empty(), Optional.empty()).stream()
                .filter(e -> !e.fault().isEmpty())
                .toList();
    }

    /** No patron was deleted twice: Alma carried out at most one DELETE of each user. */
    private void deletedAtMostOnceEach() {
        Map<String, Long> deletes = new HashMap<>();
        demo.sim.journal().find(Optional.of("DELETE"), Optional.of("/almaws/v1/users/*")).stream()
                .filter(e -> e.status() == 204)
                .forEach(e -> deletes.merge(e.path(), 1L, Long::sum));
        assertThat(deletes)
                .allSatisfy((path, times) ->
                        assertThat(times).as(path + " deleted more than once").isEqualTo(1L));
    }

    @ParameterizedTest
    @EnumSource(PolicyRun.Mode.class)
    void aRunSurvivesThrottlingAndGatewayErrorsAndEndsAsARunWithoutThem(PolicyRun.Mode mode) {
        List<JsonNode> expected = unfaultedEnd(mode);
        inject("{\"fault\":\"HTTP_503\",\"method\":\"GET\",\"probability\":0.1}");
        inject("{\"fault\":\"PER_SECOND_THRESHOLD\",\"probability\":0.05}");
        inject("{\"fault\":\"HTTP_502\",\"method\":\"PUT\",\"probability\":0.1}");
        inject("{\"fault\":\"HTTP_504\",\"method\":\"DELETE\",\"probability\":0.2}");

        RunReport report = run(mode);

        assertThat(faulted()).as("faults the run met").isNotEmpty();
        assertThat(report.differences()).isEmpty();
        assertThat(users()).isEqualTo(expected);
        deletedAtMostOnceEach();
    }

    @ParameterizedTest
    @EnumSource(value = PolicyRun.Mode.class, names = "PER_USER")
    void aDeleteWhoseAnswerIsLostIsNotSentTwiceAsADeletion(PolicyRun.Mode mode) {
        List<JsonNode> expected = unfaultedEnd(mode);
        inject("{\"fault\":\"DROP_AFTER\",\"method\":\"DELETE\",\"count\":3}");

        RunReport report = run(mode);

        assertThat(faulted()).hasSize(3);
        assertThat(report.purge().exceptions()).isEmpty();
        assertThat(users()).isEqualTo(expected);
        deletedAtMostOnceEach();
    }

    @ParameterizedTest
    @EnumSource(value = PolicyRun.Mode.class, names = "JOB")
    void aJobStartWhoseAnswerIsLostIsFoundAmongTheJobsInstancesNotStartedAgain(PolicyRun.Mode mode) {
        List<JsonNode> expected = unfaultedEnd(mode);
        long expectedStarts = jobsStartedWithoutFaults(mode);
        inject("{\"fault\":\"DROP_AFTER\",\"method\":\"POST\",\"path\":\"/almaws/v1/conf/jobs/*\",\"op\":\"run\","
                + "\"count\":1}");

        RunReport report = run(mode);

        assertThat(faulted()).hasSize(1);
        long jobStarts = demo.sim.journal().find(Optional.of("POST"), Optional.of("/almaws/v1/conf/jobs/*")).stream()
                .filter(e -> e.query().getOrDefault("op", List.of()).contains("run"))
                .count();
        assertThat(jobStarts)
                .as("one start of each job the run needs (mark inactive, purge), the lost one not repeated")
                .isEqualTo(expectedStarts)
                .isPositive();
        assertThat(report.differences()).isEmpty();
        assertThat(users()).isEqualTo(expected);
        deletedAtMostOnceEach();
    }

    private long jobsStartedWithoutFaults(PolicyRun.Mode mode) {
        RunReport plain = new PolicyRun(alma, AlmaJobs.Ids.ALMASIM, ProgressListener.NONE).run(POLICY, TODAY, mode);
        load();
        return (plain.inactive().jobInstance() == null ? 0 : 1) + (plain.purge().jobInstance() == null ? 0 : 1);
    }

    @ParameterizedTest
    @EnumSource(value = PolicyRun.Mode.class, names = "PER_USER")
    void aRunAlmaKeepsRefusingReportsWhomItCouldNotDeleteAndTheNextRunFinishes(PolicyRun.Mode mode) {
        List<JsonNode> expected = unfaultedEnd(mode);
        inject("{\"fault\":\"DAILY_THRESHOLD\",\"method\":\"DELETE\"}");

        RunReport first = run(mode);

        assertThat(first.purge().exceptions())
                .isNotEmpty()
                .allSatisfy((id, why) -> assertThat(why).contains("DAILY_THRESHOLD"));
        demo.control.clearFaults();
        run(mode);
        assertThat(users()).isEqualTo(expected);
        deletedAtMostOnceEach();
    }

    @ParameterizedTest
    @EnumSource(value = PolicyRun.Mode.class, names = "JOB")
    void aPurgeJobThatFailsStopsTheRunAndTheRerunFinishesTheWork(PolicyRun.Mode mode) {
        List<JsonNode> expected = unfaultedEnd(mode);
        inject("{\"fault\":\"JOB_FAILED\",\"path\":\"/almaws/v1/conf/jobs/" + AlmaJobs.Ids.ALMASIM_PURGE_ON_SET
                + "\",\"count\":1}");

        assertThatThrownBy(() -> run(mode))
                .isInstanceOf(AlmaApiException.class)
                .hasMessageContaining("COMPLETED_FAILED");
        assertThat(users()).as("a failed job deletes nobody").isNotEqualTo(expected);
        run(mode);

        assertThat(users()).isEqualTo(expected);
        deletedAtMostOnceEach();
    }
}
