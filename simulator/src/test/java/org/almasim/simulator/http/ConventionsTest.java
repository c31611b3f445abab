package org.almasim.simulator.http;

import static org.almasim.simulator.support.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.AlmaResponse;
import org.almasim.simulator.support.RunningSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What every route of the Alma API shares: keys, thresholds, formats and Alma-shaped refusals of bad input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConventionsTest {
    private final RunningSimulator sim = RunningSimulator.start();
    private final AlmaClient alma = sim.client;

    @BeforeEach
    void fresh() {
        sim.reset();
        alma.createUser(user("p1"));
    }

    @AfterAll
    void stop() {
        sim.close();
    }

    @Test
    void missingOrUnknownKeyIsUnauthorized() {
        alma.withKey(null).getJson("/almaws/v1/users/p1", Map.of()).hasAlmaError("UNAUTHORIZED");
        AlmaResponse wrong = alma.withKey("nope").getJson("/almaws/v1/users/p1", Map.of()).hasAlmaError("UNAUTHORIZED");
        assertThat(wrong.errorMessage()).isEqualTo("API-key not defined or not configured to allow this API.");
    }

    @Test
    void keyMayComeAsAQueryParameter() {
        alma.withKey(null).getJson("/almaws/v1/users/p1", Map.of("apikey", ApiKeys.DEVELOPMENT_KEY)).isOk();
    }

    @Test
    void readOnlyKeyReadsButCannotWrite() {
        AlmaClient readOnly = alma.withKey(RunningSimulator.READ_ONLY_KEY);
        readOnly.getJson("/almaws/v1/users/p1", Map.of()).isOk();
        readOnly.attemptToCreateUser(user("p2")).hasAlmaError("UNAUTHORIZED");
        readOnly.attemptToDeleteUser("p1").hasAlmaError("UNAUTHORIZED");
        alma.getUser("p1");
        alma.attemptToGetUser("p2").hasAlmaError("401861");
    }

    @Test
    void everyAnswerCountsDownTheDailyBudget() {
        long first = Long.parseLong(alma.getJson("/almaws/v1/users/p1", Map.of()).headers().firstValue("X-Exl-Api-Remaining").orElseThrow());
        long second = Long.parseLong(alma.getJson("/almaws/v1/users/p1", Map.of()).headers().firstValue("X-Exl-Api-Remaining").orElseThrow());
        assertThat(second).isEqualTo(first - 1);
    }

    @Test
    void perSecondThresholdAnswers429WhenSet() {
        try (RunningSimulator limited = RunningSimulator.start(Simulator.Config.defaults().withToday(RunningSimulator.TODAY)
                .withPerSecondThreshold(3).withApiKeys(List.of("k")))) {
            AlmaClient client = limited.client.withKey("k");
            int refused = 0;
            for (int i = 0; i < 20; i++) {
                AlmaResponse response = client.getJson("/almaws/v1/users", Map.of());
                if (response.status() == 429) {
                    response.hasAlmaError(429, "PER_SECOND_THRESHOLD");
                    refused++;
                }
            }
            assertThat(refused).as("20 calls against a threshold of 3 a second").isGreaterThan(0);
        }
    }

    @Test
    void malformedJsonIsAnAlmaError() {
        alma.attemptToCreateUser("{\"primary_id\": ").hasAlmaError("401676");
        alma.attemptToCreateUser("[1,2]").hasAlmaError("401676");
        alma.attemptToCreateUser("").hasAlmaError("401676");
    }

    @Test
    void malformedXmlIsAnAlmaErrorInXml() {
        alma.send("POST", "/almaws/v1/users", Map.of(), "<user><primary_id>x</user>", AlmaClient.XML, AlmaClient.XML)
                .hasAlmaError("401676");
    }

    @Test
    void wrongTypesUnknownFieldsAndImpossibleDatesAreRefused() {
        alma.attemptToCreateUser(user("p2").replace("\"first_name\":\"Dana\"", "\"first_name\":{\"a\":1}")).hasAlmaError("401676");
        alma.attemptToCreateUser(user("p2").replace("\"first_name\":\"Dana\"", "\"shoe_size\":44")).hasAlmaError("401676");
        alma.attemptToCreateUser(user("p2", "UNDERGRAD", "2023-02-30Z")).hasAlmaError("401676");
        alma.attemptToCreateUser(user("p2").replace("\"preferred\":true", "\"preferred\":\"maybe\"")).hasAlmaError("401676");
        alma.attemptToGetUser("p2").hasAlmaError("401861");
    }

    @Test
    void hugeBodyIsRefusedWithoutHarm() {
        String huge = user("p2").replace("\"Dana\"", "\"" + "x".repeat((int) Simulator.MAX_BODY_BYTES) + "\"");
        alma.attemptToCreateUser(huge).hasAlmaError("401676");
        alma.attemptToGetUser("p2").hasAlmaError("401861");
    }

    @Test
    void unknownRouteIsAnAlmaShaped404() {
        alma.getJson("/almaws/v1/spaceships", Map.of()).hasAlmaError(404, "NOT_FOUND");
    }
}
