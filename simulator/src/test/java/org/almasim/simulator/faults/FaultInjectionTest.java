package org.almasim.simulator.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.AlmaResponse;
import org.almasim.simulator.support.RunningSimulator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Faults injected into Alma's API, as a team rehearses Alma and its network failing under a purge script. */
class FaultInjectionTest {
    private final RunningSimulator sim = RunningSimulator.start();
    private final AlmaClient alma = sim.client;

    @AfterEach
    void stop() {
        sim.close();
    }

    private JsonNode addRule(String json) {
        return alma.postJson("/almasim/v1/faults", Map.of(), json).isOk().json();
    }

    private JsonNode rules() {
        return alma.getJson("/almasim/v1/faults", Map.of()).isOk().json();
    }

    private void createUser(String id) {
        alma.createUser("{\"primary_id\":\"" + id + "\",\"account_type\":{\"value\":\"INTERNAL\"}}");
    }

    @Test
    void aRuleWithACountAppliesThatManyTimesThenStops() {
        createUser("reader");
        JsonNode rule =
                addRule("{\"fault\":\"HTTP_503\",\"method\":\"GET\",\"path\":\"/almaws/v1/users/*\",\"count\":2}");

        AlmaResponse first = alma.attemptToGetUser("reader");
        AlmaResponse second = alma.attemptToGetUser("reader");
        AlmaResponse third = alma.attemptToGetUser("reader");

        assertThat(first.status()).isEqualTo(503);
        assertThat(first.body()).contains("Service Temporarily Unavailable");
        assertThat(second.status()).isEqualTo(503);
        assertThat(third.status()).isEqualTo(200);
        JsonNode listed = rules().path("fault_rule").get(0);
        assertThat(listed.path("id").asText()).isEqualTo(rule.path("id").asText());
        assertThat(listed.path("applied").asInt()).isEqualTo(2);
        assertThat(listed.path("remaining").asInt()).isZero();
    }

    @Test
    void aThrottlingFaultAnswersAlmasOwnBodyAndDoesNothing() {
        addRule("{\"fault\":\"PER_SECOND_THRESHOLD\",\"method\":\"POST\",\"count\":1}");

        alma.attemptToCreateUser("{\"primary_id\":\"throttled\",\"account_type\":{\"value\":\"INTERNAL\"}}")
                .hasAlmaError(429, "PER_SECOND_THRESHOLD");

        alma.attemptToGetUser("throttled").hasAlmaError("401861");
    }

    @Test
    void aConnectionDroppedAfterADeleteLeavesTheUserDeletedAndTheClientWithoutAnAnswer() {
        createUser("leaver");
        addRule("{\"fault\":\"DROP_AFTER\",\"method\":\"DELETE\",\"user\":\"leaver\"}");

        Throwable dropped = catchThrowable(() -> alma.attemptToDeleteUser("leaver"));

        assertThat(dropped).hasRootCauseInstanceOf(IOException.class);
        alma.attemptToGetUser("leaver").hasAlmaError("401861");
        JsonNode delete = alma.getJson("/almasim/v1/journal", Map.of("method", "DELETE"))
                .isOk()
                .json()
                .path("request")
                .get(0);
        assertThat(delete.path("fault").asText()).isEqualTo("F1");
    }

    @Test
    void aConnectionDroppedBeforeARequestChangesNothing() {
        addRule("{\"fault\":\"DROP_BEFORE\",\"method\":\"POST\",\"path\":\"/almaws/v1/users\",\"count\":1}");

        Throwable dropped = catchThrowable(
                () -> alma.attemptToCreateUser("{\"primary_id\":\"never\",\"account_type\":{\"value\":\"INTERNAL\"}}"));

        assertThat(dropped).hasRootCauseInstanceOf(IOException.class);
        alma.attemptToGetUser("never").hasAlmaError("401861");
    }

    @Test
    void aRefusedDeleteIsAlmas401850AndKeepsTheUser() {
        createUser("stays");
        addRule("{\"fault\":\"DELETE_REFUSED\",\"user\":\"stays\"}");

        alma.attemptToDeleteUser("stays").hasAlmaError("401850");

        assertThat(alma.attemptToGetUser("stays").status()).isEqualTo(200);
    }

    @Test
    void theSameSeedMeetsTheSameFaultsInTheSameRequests() {
        createUser("coin");
        String rule = "{\"fault\":\"HTTP_500\",\"path\":\"/almaws/v1/users/coin\",\"probability\":0.5}";
        addRule(rule);
        List<Integer> firstRun = statuses(40);
        alma.send("DELETE", "/almasim/v1/faults", Map.of(), null, null, "application/json");
        addRule(rule);
        List<Integer> secondRun = statuses(40);

        assertThat(firstRun).contains(500, 200);
        assertThat(secondRun).isEqualTo(firstRun);
    }

    private List<Integer> statuses(int requests) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            statuses.add(alma.attemptToGetUser("coin").status());
        }
        return statuses;
    }

    @Test
    void aRuleWithAProblemIsRefusedAndNothingIsAdded() {
        alma.postJson("/almasim/v1/faults", Map.of(), "{\"fault\":\"HTTP_503\",\"probability\":2}")
                .hasAlmaError("401666");
        alma.postJson("/almasim/v1/faults", Map.of(), "{\"fault\":\"HTTP_503\",\"methd\":\"GET\"}")
                .hasAlmaError("401676");
        alma.postJson("/almasim/v1/faults", Map.of(), "{\"fault\":\"NO_SUCH_FAULT\"}")
                .hasAlmaError("401676");

        assertThat(rules().path("total_record_count").asInt()).isZero();
    }

    @Test
    void aFaultNeverHidesAnAuthorisationError() {
        addRule("{\"fault\":\"HTTP_503\"}");

        alma.withKey("l8xx-wrong").attemptToGetUser("anyone").hasAlmaError("UNAUTHORIZED");
    }

    @Test
    void aRemovedRuleNoLongerApplies() {
        createUser("back");
        String id = addRule("{\"fault\":\"HTTP_502\"}").path("id").asText();
        assertThat(alma.attemptToGetUser("back").status()).isEqualTo(502);

        alma.send("DELETE", "/almasim/v1/faults/" + id, Map.of(), null, null, "application/json");

        assertThat(alma.attemptToGetUser("back").status()).isEqualTo(200);
        alma.send("DELETE", "/almasim/v1/faults/" + id, Map.of(), null, null, "application/json")
                .hasAlmaError("401666");
    }

    private static final String PURGE = "/almaws/v1/conf/jobs/M26700";

    private void expiredPatron(String id) {
        alma.loadPopulation(
                "users:\n  - {primary_id: " + id + ", record_type: {value: PUBLIC}, account_type: {value: INTERNAL},"
                        + " user_group: {value: UNDERGRAD}, purge_date: 2023-06-30}\n");
    }

    private String status(String instancePath) {
        return alma.getJson(instancePath, Map.of())
                .isOk()
                .json()
                .path("status")
                .path("value")
                .asText();
    }

    @Test
    void aFailedJobEndsCompletedFailedAndDeletesNobody() {
        expiredPatron("expired");
        addRule("{\"fault\":\"JOB_FAILED\",\"path\":\"/almaws/v1/conf/jobs/M26700\",\"count\":1}");

        JsonNode failed = alma.runJob(PURGE, Map.of());
        JsonNode next = alma.runJob(PURGE, Map.of());

        assertThat(failed.path("status").path("value").asText()).isEqualTo("COMPLETED_FAILED");
        assertThat(next.path("status").path("value").asText()).isEqualTo("COMPLETED_SUCCESS");
        alma.attemptToGetUser("expired").hasAlmaError("401861");
    }

    @Test
    void aStuckJobStaysRunningUntilTheSimulatedTimeHasMovedOnItsMinutes() {
        expiredPatron("waiting");
        addRule("{\"fault\":\"JOB_STUCK\",\"minutes\":600,\"op\":\"run\"}");

        String instance = alma.startJob(PURGE, Map.of());
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> status(instance).equals("RUNNING"));

        assertThat(alma.attemptToGetUser("waiting").status())
                .as("held, not yet deleted")
                .isEqualTo(200);
        alma.send(
                        "PUT",
                        "/almasim/v1/clock",
                        Map.of(),
                        "{\"today\":\"2024-08-02\"}",
                        "application/json",
                        "application/json")
                .isOk();
        JsonNode finished = alma.awaitFinished(instance);
        assertThat(finished.path("status").path("value").asText()).isEqualTo("COMPLETED_SUCCESS");
        alma.attemptToGetUser("waiting").hasAlmaError("401861");
    }
}
