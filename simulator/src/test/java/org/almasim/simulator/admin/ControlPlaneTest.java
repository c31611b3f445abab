package org.almasim.simulator.admin;

import static org.almasim.simulator.support.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.SimulatorTest;
import org.junit.jupiter.api.Test;

class ControlPlaneTest extends SimulatorTest {

    private JsonNode clock(String method, String path, String body) {
        return alma.send(method, "/almasim/v1/clock" + path, Map.of(), body, AlmaClient.JSON, AlmaClient.JSON)
                .isOk()
                .json();
    }

    @Test
    void clockCanBeReadSetAndAdvancedByAnyPeriod() {
        assertThat(clock("GET", "", null).path("today").asText()).isEqualTo("2024-08-01");
        assertThat(clock("PUT", "", "{\"today\":\"2022-10-21\"}").path("today").asText())
                .isEqualTo("2022-10-21");
        assertThat(clock("POST", "/advance", "{\"period\":\"P7D\"}")
                        .path("today")
                        .asText())
                .isEqualTo("2022-10-28");
        assertThat(clock("POST", "/advance", "{\"period\":\"P1Y2M\"}")
                        .path("today")
                        .asText())
                .isEqualTo("2023-12-28");
    }

    @Test
    void badClockRequestsChangeNothing() {
        alma.send("PUT", "/almasim/v1/clock", Map.of(), "{\"today\":\"2023-02-30\"}", AlmaClient.JSON, AlmaClient.JSON)
                .hasAlmaError("401666");
        alma.send(
                        "POST",
                        "/almasim/v1/clock/advance",
                        Map.of(),
                        "{\"period\":\"7 days\"}",
                        AlmaClient.JSON,
                        AlmaClient.JSON)
                .hasAlmaError("401666");
        alma.send(
                        "POST",
                        "/almasim/v1/clock/advance",
                        Map.of(),
                        "{\"period\":\"-P1D\"}",
                        AlmaClient.JSON,
                        AlmaClient.JSON)
                .hasAlmaError("401666");
        alma.send("POST", "/almasim/v1/clock/advance", Map.of(), "not json", AlmaClient.JSON, AlmaClient.JSON)
                .hasAlmaError("401676");
        assertThat(clock("GET", "", null).path("today").asText()).isEqualTo("2024-08-01");
    }

    @Test
    void theClockDecidesWhatCountsAsThePast() {
        alma.createUser(user("p1"));
        alma.loadPopulation("items:\n  - barcode: B1\n    title: T\n");
        JsonNode loan = alma.lend("p1", "B1");
        String path = "/almaws/v1/users/p1/loans/" + loan.path("loan_id").asText();
        clock("POST", "/advance", "{\"period\":\"P1Y\"}");
        alma.send("PUT", path, Map.of(), "{\"due_date\":\"2025-01-01T00:00:00Z\"}", AlmaClient.JSON, AlmaClient.JSON)
                .hasAlmaError("401681");
    }

    @Test
    void healthAnswersWithTheSimulatedDate() {
        JsonNode health = alma.getJson("/almasim/v1/health", Map.of()).isOk().json();
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("today").asText()).isEqualTo("2024-08-01");
    }

    @Test
    void resetEmptiesEverything() {
        alma.createUser(user("p1"));
        alma.send("POST", "/almasim/v1/reset", Map.of(), null, null, AlmaClient.JSON)
                .isOk();
        alma.attemptToGetUser("p1").hasAlmaError("401861");
    }

    @Test
    void aResetLibraryIsTheLibraryAFreshSimulatorHasIdsAndCodeTablesIncluded() {
        alma.loadPopulation("user_groups: [{code: VISITOR, description: Visitor}]\n");
        alma.createUser(user("p1"));
        String firstFee = alma.createFee(
                        "p1",
                        "{\"type\":{\"value\":\"OVERDUEFINE\"},\"original_amount\":5,\"owner\":{\"value\":\"MAIN\"}}")
                .path("id")
                .asText();
        alma.send("POST", "/almasim/v1/reset", Map.of(), null, null, AlmaClient.JSON)
                .isOk();

        assertThat(alma.getJson("/almaws/v1/users", Map.of())
                        .isOk()
                        .json()
                        .path("total_record_count")
                        .asInt())
                .isZero();
        assertThat(alma.getJson("/almaws/v1/conf/code-tables/UserGroups", Map.of())
                        .isOk()
                        .json()
                        .findValuesAsText("code"))
                .as("a group a document added is gone; the default ones are back")
                .doesNotContain("VISITOR")
                .contains("UNDERGRAD");
        alma.createUser(user("p1"));
        assertThat(alma.createFee(
                                "p1",
                                "{\"type\":{\"value\":\"OVERDUEFINE\"},\"original_amount\":5,\"owner\":{\"value\":\"MAIN\"}}")
                        .path("id")
                        .asText())
                .as("numbering starts again: the same steps give the same ids")
                .isEqualTo(firstFee);
    }

    @Test
    void populationDocumentLoadsUsersItemsLoansAndFees() {
        String yaml = """
                today: 2023-08-01
                user_groups:
                  - code: ILL_DEPT
                    description: ILL Department (internal)
                items:
                  - barcode: B1
                    title: Florida waterways
                users:
                  - primary_id: ill1
                    record_type: {value: PUBLIC}
                    account_type: {value: INTERNAL}
                    user_group: {value: ILL_DEPT}
                    expiry_date: 2050-01-01
                    purge_date: 2050-01-01
                  - primary_id: stu1
                    record_type: {value: PUBLIC}
                    account_type: {value: EXTERNAL}
                    external_id: SIS
                    user_group: {value: UNDERGRAD}
                    expiry_date: 2022-05-31Z
                loans:
                  - user: stu1
                    barcode: B1
                    loan_date: 2023-07-01
                fees:
                  - user: stu1
                    type: OVERDUEFINE
                    amount: 12.50
                    balance: 2.50
                """;
        JsonNode loaded = alma.send(
                        "POST", "/almasim/v1/population", Map.of(), yaml, "application/yaml", AlmaClient.JSON)
                .isOk()
                .json();
        assertThat(loaded.path("users").asInt()).isEqualTo(2);
        assertThat(loaded.path("loans").asInt()).isEqualTo(1);
        assertThat(loaded.path("today").asText()).isEqualTo("2023-08-01");
        assertThat(alma.getUser("ill1").path("user_group").path("desc").asText())
                .isEqualTo("ILL Department (internal)");
        JsonNode expanded = alma.getJson("/almaws/v1/users/stu1", Map.of("expand", "loans,fees"))
                .json();
        assertThat(expanded.path("loans").path("value").asInt()).isEqualTo(1);
        assertThat(expanded.path("fees").path("value").decimalValue()).isEqualByComparingTo("2.5");
    }

    @Test
    void badPopulationDocumentSaysWhereAndChangesNothing() {
        String yaml = """
                today: 2020-01-01
                user_groups:
                  - code: NEW_GROUP
                users:
                  - primary_id: ok1
                    record_type: {value: PUBLIC}
                    account_type: {value: INTERNAL}
                loans:
                  - user: ok1
                    barcode: NO-SUCH-ITEM
                """;
        String message =
                alma.attemptToLoadPopulation(yaml).hasAlmaError("401666").errorMessage();
        assertThat(message).contains("loans[0]").contains("NO-SUCH-ITEM");
        alma.attemptToGetUser("ok1").hasAlmaError("401861");
        alma.attemptToCreateUser(user("x", "NEW_GROUP", "2030-01-01Z")).hasAlmaError("401852");
        assertThat(clock("GET", "", null).path("today").asText()).isEqualTo("2024-08-01");

        String malformed = "users:\n  - primary_id: a\n    expiry_date: [oops\n";
        assertThat(alma.attemptToLoadPopulation(malformed)
                        .hasAlmaError("401666")
                        .errorMessage())
                .contains("line");
    }
}
