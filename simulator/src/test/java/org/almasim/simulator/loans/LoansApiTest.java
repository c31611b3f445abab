package org.almasim.simulator.loans;

import static org.almasim.simulator.support.Fixtures.items;
import static org.almasim.simulator.support.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Map;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.SimulatorTest;
import org.junit.jupiter.api.Test;

class LoansApiTest extends SimulatorTest {

    @Override
    protected void given() {
        alma.createUser(user("p1"));
        alma.createUser(user("p2"));
        alma.loadPopulation(items("BOOK-1", "BOOK-2"));
    }

    @Test
    void lendingCreatesAnActiveLoanDueIn28Days() {
        JsonNode loan = alma.lend("p1", "BOOK-1");
        assertThat(loan.path("loan_status").asText()).isEqualTo("ACTIVE");
        assertThat(loan.path("due_date").asText()).isEqualTo("2024-08-29T23:59:00Z");
        assertThat(loan.path("item_barcode").asText()).isEqualTo("BOOK-1");
        assertThat(loan.path("library").path("desc").asText()).isEqualTo("Main Library");
        String id = loan.path("loan_id").asText();
        assertThat(alma.getJson("/almaws/v1/users/p1/loans/" + id, Map.of())
                        .isOk()
                        .json())
                .isEqualTo(loan);
    }

    @Test
    void anItemOnLoanCannotBeLentAgain() {
        alma.lend("p1", "BOOK-1");
        alma.attemptToLend("p2", "BOOK-1").hasAlmaError("401651");
        alma.attemptToLend("p2", "NO-SUCH").hasAlmaError("401651");
    }

    @Test
    void lendingNeedsLibraryCircDeskAndAnItem() {
        alma.postJson(
                        "/almaws/v1/users/p1/loans",
                        Map.of("item_barcode", "BOOK-1"),
                        "{\"circ_desk\":{\"value\":\"DEFAULT_CIRC_DESK\"}}")
                .hasAlmaError("401664");
        alma.postJson(
                        "/almaws/v1/users/p1/loans",
                        Map.of(),
                        "{\"circ_desk\":{\"value\":\"D\"},\"library\":{\"value\":\"MAIN\"}}")
                .hasAlmaError("401672");
        alma.postJson(
                        "/almaws/v1/users/nobody/loans",
                        Map.of("item_barcode", "BOOK-1"),
                        "{\"circ_desk\":{\"value\":\"D\"},\"library\":{\"value\":\"MAIN\"}}")
                .hasAlmaError("401861");
    }

    @Test
    void listShowsActiveLoansByDefaultAndCompleteOnesOnRequest() {
        alma.lend("p1", "BOOK-1");
        JsonNode loan2 = alma.lend("p1", "BOOK-2");
        assertThat(alma.getJson("/almaws/v1/users/p1/loans", Map.of())
                        .json()
                        .path("total_record_count")
                        .asInt())
                .isEqualTo(2);
        scanIn(loan2);
        JsonNode active = alma.getJson("/almaws/v1/users/p1/loans", Map.of()).json();
        assertThat(active.path("total_record_count").asInt()).isEqualTo(1);
        JsonNode complete = alma.getJson("/almaws/v1/users/p1/loans", Map.of("loan_status", "Complete"))
                .json();
        assertThat(complete.path("item_loan").get(0).path("loan_status").asText())
                .isEqualTo("COMPLETE");
        assertThat(alma.getJson("/almaws/v1/users/p2/loans", Map.of()).json().has("item_loan"))
                .isFalse();
        alma.getJson("/almaws/v1/users/p1/loans", Map.of("loan_status", "Lost")).hasAlmaError("401666");
    }

    @Test
    void scanningTheItemInCompletesTheLoanAndFreesTheItem() {
        JsonNode loan = alma.lend("p1", "BOOK-1");
        JsonNode scanned = scanIn(loan);
        assertThat(scanned.path("item_data").path("barcode").asText()).isEqualTo("BOOK-1");
        assertThat(scanned.path("additional_info").asText()).contains("completed");
        alma.lend("p2", "BOOK-1");
    }

    @Test
    void aRenewalRunsTheLoanPeriodFromTheDayOfRenewalUntilTheRenewalLimit() {
        JsonNode loan = alma.lend("p1", "BOOK-1");
        String path = "/almaws/v1/users/p1/loans/" + loan.path("loan_id").asText();
        assertThat(loan.path("due_date").asText()).isEqualTo("2024-08-29T23:59:00Z");
        JsonNode atOnce =
                alma.postJson(path, Map.of("op", "renew"), null).isOk().json();
        assertThat(atOnce.path("due_date").asText())
                .as("renewed the day it was lent: the period from today is where the due date already is")
                .isEqualTo("2024-08-29T23:59:00Z");
        assertThat(atOnce.path("last_renew_status").path("value").asText()).isEqualTo("401193;");

        sim.simulator.clock().set(LocalDate.of(2024, 8, 8));
        JsonNode renewed =
                alma.postJson(path, Map.of("op", "renew"), null).isOk().json();
        assertThat(renewed.path("due_date").asText())
                .as("28 days from the day of the renewal, not from the old due date")
                .isEqualTo("2024-09-05T23:59:00Z");
        assertThat(renewed.path("process_status").asText()).isEqualTo("RENEW");
        assertThat(renewed.path("last_renew_date").asText()).startsWith("2024-08-08");

        sim.simulator.clock().set(LocalDate.of(2025, 1, 10));
        JsonNode capped =
                alma.postJson(path, Map.of("op", "renew"), null).isOk().json();
        assertThat(capped.path("due_date").asText())
                .as("no later than the maximum renewal period, 168 days from the loan date")
                .isEqualTo("2025-01-16T23:59:00Z");
        for (int renewal = 4; renewal <= 5; renewal++) {
            alma.postJson(path, Map.of("op", "renew"), null).isOk();
        }
        assertThat(alma.getJson(path, Map.of()).isOk().json().path("renewable").asBoolean())
                .isFalse();
        alma.postJson(path, Map.of("op", "renew"), null).hasAlmaError("401822");
        alma.postJson("/almaws/v1/users/p1/loans/404", Map.of("op", "renew"), null)
                .hasAlmaError("401823");
    }

    @Test
    void dueDateCanBeChangedButNotIntoThePast() {
        JsonNode loan = alma.lend("p1", "BOOK-1");
        String path = "/almaws/v1/users/p1/loans/" + loan.path("loan_id").asText();
        JsonNode changed = alma.send(
                        "PUT",
                        path,
                        Map.of(),
                        "{\"due_date\":\"2024-12-24T12:00:00Z\"}",
                        AlmaClient.JSON,
                        AlmaClient.JSON)
                .isOk()
                .json();
        assertThat(changed.path("due_date").asText()).isEqualTo("2024-12-24T12:00:00Z");
        alma.send("PUT", path, Map.of(), "{\"due_date\":\"2020-01-01T12:00:00Z\"}", AlmaClient.JSON, AlmaClient.JSON)
                .hasAlmaError("401681");
        alma.send("PUT", path, Map.of(), "{\"circ_desk\":{\"value\":\"X\"}}", AlmaClient.JSON, AlmaClient.JSON)
                .hasAlmaError("401824");
    }

    @Test
    void activeLoanBlocksDeletionWithTheReason() {
        JsonNode loan = alma.lend("p1", "BOOK-1");
        assertThat(alma.attemptToDeleteUser("p1").hasAlmaError("401850").errorMessage())
                .contains("1 active loan");
        scanIn(loan);
        assertThat(alma.attemptToDeleteUser("p1").status()).isEqualTo(204);
    }

    @Test
    void loansRenderInXmlAsItemLoans() {
        alma.lend("p1", "BOOK-1");
        String xml = alma.get("/almaws/v1/users/p1/loans", Map.of(), AlmaClient.XML)
                .isOk()
                .body();
        assertThat(xml).contains("<item_loans total_record_count=\"1\"><item_loan link=\"");
    }

    private JsonNode scanIn(JsonNode loan) {
        String path = "/almaws/v1/bibs/" + loan.path("mms_id").asText() + "/holdings/"
                + loan.path("holding_id").asText() + "/items/"
                + loan.path("item_id").asText();
        return alma.postJson(path, Map.of("op", "scan", "library", "MAIN", "circ_desk", "DEFAULT_CIRC_DESK"), null)
                .isOk()
                .json();
    }
}
