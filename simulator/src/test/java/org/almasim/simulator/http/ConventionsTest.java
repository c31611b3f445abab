package org.almasim.simulator.http;

import static org.almasim.simulator.support.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.AlmaResponse;
import org.almasim.simulator.support.RunningSimulator;
import org.almasim.simulator.support.SimulatorTest;
import org.junit.jupiter.api.Test;

/** What every route of the Alma API shares: keys, thresholds, formats and Alma-shaped refusals of bad input. */
class ConventionsTest extends SimulatorTest {

    @Override
    protected void given() {
        alma.createUser(user("p1"));
    }

    @Test
    void missingOrUnknownKeyIsUnauthorized() {
        alma.withKey(null).getJson("/almaws/v1/users/p1", Map.of()).hasAlmaError("UNAUTHORIZED");
        AlmaResponse wrong =
                alma.withKey("nope").getJson("/almaws/v1/users/p1", Map.of()).hasAlmaError("UNAUTHORIZED");
        assertThat(wrong.errorMessage()).isEqualTo("API-key not defined or not configured to allow this API.");
    }

    @Test
    void keyMayComeAsAQueryParameter() {
        alma.withKey(null)
                .getJson("/almaws/v1/users/p1", Map.of("apikey", ApiKeys.DEVELOPMENT_KEY))
                .isOk();
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
        long first = Long.parseLong(alma.getJson("/almaws/v1/users/p1", Map.of())
                .headers()
                .firstValue("X-Exl-Api-Remaining")
                .orElseThrow());
        long second = Long.parseLong(alma.getJson("/almaws/v1/users/p1", Map.of())
                .headers()
                .firstValue("X-Exl-Api-Remaining")
                .orElseThrow());
        assertThat(second).isEqualTo(first - 1);
    }

    @Test
    void perSecondThresholdAnswers429WhenSet() {
        // The threshold counts in the test's own time, which stands still until the test moves it: the outcome does
        // not depend on how busy the machine is.
        AtomicLong nanos = new AtomicLong();
        try (RunningSimulator limited = RunningSimulator.start(SimulatorConfig.defaults()
                .withToday(RunningSimulator.TODAY)
                .withPerSecondThreshold(3)
                .withTicker(nanos::get)
                .withApiKeys(List.of("k")))) {
            AlmaClient client = limited.client.withKey("k");
            for (int i = 0; i < 3; i++) {
                client.getJson("/almaws/v1/users", Map.of()).isOk();
            }
            client.getJson("/almaws/v1/users", Map.of()).hasAlmaError(429, "PER_SECOND_THRESHOLD");
            nanos.addAndGet(1_000_000_000L);
            // A second later the key may call again.
            client.getJson("/almaws/v1/users", Map.of()).isOk();
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
    void wrongTypesAndImpossibleDatesAreRefused() {
        alma.attemptToCreateUser(user("p2").replace("\"first_name\":\"Dana\"", "\"first_name\":{\"a\":1}"))
                .hasAlmaError("401676");
        alma.attemptToCreateUser(user("p2", "UNDERGRAD", "2023-02-30Z")).hasAlmaError("401676");
        alma.attemptToCreateUser(user("p2").replace("\"preferred\":true", "\"preferred\":\"maybe\""))
                .hasAlmaError("401676");
        alma.attemptToGetUser("p2").hasAlmaError("401861");
    }

    @Test
    void hugeBodyIsRefusedWithoutHarm() {
        String huge = user("p2").replace("\"Dana\"", "\"" + "x".repeat((int) Simulator.MAX_BODY_BYTES) + "\"");
        alma.attemptToCreateUser(huge).hasAlmaError("401676");
        alma.attemptToGetUser("p2").hasAlmaError("401861");
    }

    @Test
    void everyRoutesErrorsComeAsAlmaXmlWhenXmlIsAsked() {
        String fee = "<fee><type>OVERDUEFINE</type><original_amount>1</original_amount><owner>MAIN</owner></fee>";
        record Case(String method, String path, Map<String, String> query, String body, String code) {}
        List<Case> cases = List.of(
                new Case("GET", "/almaws/v1/users", Map.of("limit", "500"), null, "401666"),
                new Case("GET", "/almaws/v1/users/nobody", Map.of(), null, "401861"),
                new Case("POST", "/almaws/v1/users", Map.of(), "<user><primary_id>p9</primary_id></user>", "401664"),
                new Case(
                        "PUT",
                        "/almaws/v1/users/nobody",
                        Map.of(),
                        "<user><primary_id>p9</primary_id></user>",
                        "401861"),
                new Case("DELETE", "/almaws/v1/users/nobody", Map.of(), null, "401861"),
                new Case("GET", "/almaws/v1/users/p1/fees", Map.of("status", "GONE"), null, "401666"),
                new Case("POST", "/almaws/v1/users/p1/fees", Map.of(), fee.replace("OVERDUEFINE", "NOPE"), "4019992"),
                new Case("GET", "/almaws/v1/users/p1/fees/123", Map.of(), null, "401665"),
                new Case("POST", "/almaws/v1/users/p1/fees/123", Map.of("op", "pay"), null, "401665"),
                new Case("POST", "/almaws/v1/users/p1/fees/all", Map.of("op", "waive"), null, "401666"),
                new Case("GET", "/almaws/v1/users/p1/loans", Map.of("loan_status", "Lost"), null, "401666"),
                new Case(
                        "POST",
                        "/almaws/v1/users/p1/loans",
                        Map.of("item_barcode", "X"),
                        "<item_loan><circ_desk>DEFAULT_CIRC_DESK</circ_desk><library>MAIN</library></item_loan>",
                        "401651"),
                new Case("GET", "/almaws/v1/users/p1/loans/123", Map.of(), null, "401823"),
                new Case("POST", "/almaws/v1/users/p1/loans/123", Map.of("op", "renew"), null, "401823"),
                new Case(
                        "PUT",
                        "/almaws/v1/users/p1/loans/123",
                        Map.of(),
                        "<item_loan><due_date>2030-01-01T00:00:00Z</due_date></item_loan>",
                        "401823"),
                new Case(
                        "POST",
                        "/almaws/v1/bibs/1/holdings/2/items/3",
                        Map.of("op", "scan", "library", "MAIN", "circ_desk", "D"),
                        null,
                        "401689"));
        for (Case c : cases) {
            AlmaResponse response = alma.send(
                    c.method(),
                    c.path(),
                    c.query(),
                    c.body(),
                    c.body() == null ? null : AlmaClient.XML,
                    AlmaClient.XML);
            assertThat(response.body()).as(c.method() + " " + c.path()).startsWith("<?xml");
            response.hasAlmaError(c.code());
        }
    }

    @Test
    void unknownRouteIsAnAlmaShaped404() {
        alma.getJson("/almaws/v1/spaceships", Map.of()).hasAlmaError(404, "NOT_FOUND");
    }
}
