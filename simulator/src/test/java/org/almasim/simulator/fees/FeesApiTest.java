package org.almasim.simulator.fees;

import static org.almasim.simulator.support.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.SimulatorTest;
import org.junit.jupiter.api.Test;

class FeesApiTest extends SimulatorTest {
    private static final String FINE =
            "{\"type\":{\"value\":\"OVERDUEFINE\"},\"original_amount\":10.5,\"owner\":{\"value\":\"MAIN\"},\"comment\":\"late\"}";

    @Override
    protected void given() {
        alma.createUser(user("p1"));
    }

    private String fine() {
        return alma.createFee("p1", FINE).path("id").asText();
    }

    private static BigDecimal money(JsonNode node) {
        return node.decimalValue();
    }

    @Test
    void createdFeeIsActiveWithItsWholeAmountAsBalance() {
        JsonNode fee = alma.createFee("p1", FINE);
        assertThat(fee.path("status").path("value").asText()).isEqualTo("ACTIVE");
        assertThat(money(fee.path("balance"))).isEqualByComparingTo("10.5");
        assertThat(fee.path("type").path("desc").asText()).isEqualTo("Overdue fine");
        assertThat(fee.path("creation_time").asText()).startsWith("2024-08-01T").endsWith("Z");
        assertThat(alma.getJson("/almaws/v1/users/p1/fees/" + fee.path("id").asText(), Map.of())
                        .isOk()
                        .json())
                .isEqualTo(fee);
    }

    @Test
    void listCarriesTotalSumAndCurrencyAndFiltersByStatus() {
        fine();
        fine();
        JsonNode fees = alma.fees("p1", Map.of());
        assertThat(fees.path("total_record_count").asInt()).isEqualTo(2);
        assertThat(money(fees.path("total_sum"))).isEqualByComparingTo("21");
        assertThat(fees.path("currency").asText()).isEqualTo("USD");
        JsonNode closed = alma.fees("p1", Map.of("status", "CLOSED"));
        assertThat(closed.has("fee")).isFalse();
        assertThat(closed.path("total_record_count").asInt()).isZero();
        alma.getJson("/almaws/v1/users/p1/fees", Map.of("status", "LOST")).hasAlmaError("401666");
    }

    @Test
    void createRefusesMissingTypeAmountOrOwnerWithAlmasCodes() {
        alma.postJson("/almaws/v1/users/p1/fees", Map.of(), "{\"original_amount\":1,\"owner\":{\"value\":\"MAIN\"}}")
                .hasAlmaError("4019991");
        alma.postJson("/almaws/v1/users/p1/fees", Map.of(), FINE.replace("OVERDUEFINE", "PARKING"))
                .hasAlmaError("4019992");
        alma.postJson(
                        "/almaws/v1/users/p1/fees",
                        Map.of(),
                        "{\"type\":{\"value\":\"OTHER\"},\"owner\":{\"value\":\"MAIN\"}}")
                .hasAlmaError("4019994");
        alma.postJson("/almaws/v1/users/p1/fees", Map.of(), "{\"type\":{\"value\":\"OTHER\"},\"original_amount\":1}")
                .hasAlmaError("4019996");
        alma.postJson("/almaws/v1/users/p1/fees", Map.of(), FINE.replace("10.5", "10.505"))
                .hasAlmaError("401666");
        alma.postJson("/almaws/v1/users/nobody/fees", Map.of(), FINE).hasAlmaError("401861");
        assertThat(alma.fees("p1", Map.of()).path("total_record_count").asInt()).isZero();
    }

    @Test
    void partialPaymentLowersTheBalanceAndRecordsATransaction() {
        String id = fine();
        JsonNode paid = alma.attemptFeeAction("p1", id, Map.of("op", "pay", "amount", "4.25", "method", "CASH"))
                .isOk()
                .json();
        assertThat(money(paid.path("balance"))).isEqualByComparingTo("6.25");
        assertThat(money(paid.path("original_amount"))).isEqualByComparingTo("10.5");
        assertThat(paid.path("status").path("value").asText()).isEqualTo("ACTIVE");
        JsonNode transaction = paid.path("transaction").get(0);
        assertThat(transaction.path("type").path("value").asText()).isEqualTo("PAYMENT");
        assertThat(transaction.path("payment_method").path("value").asText()).isEqualTo("CASH");
        assertThat(money(transaction.path("amount"))).isEqualByComparingTo("4.25");
    }

    @Test
    void payingTheWholeBalanceClosesTheFee() {
        String id = fine();
        JsonNode paid = alma.attemptFeeAction("p1", id, Map.of("op", "pay", "amount", "ALL", "method", "ONLINE"))
                .isOk()
                .json();
        assertThat(paid.path("status").path("value").asText()).isEqualTo("CLOSED");
        assertThat(money(paid.path("balance"))).isEqualByComparingTo("0");
        alma.attemptFeeAction("p1", id, Map.of("op", "pay", "amount", "1", "method", "CASH"))
                .hasAlmaError("401666");
    }

    @Test
    void paymentRulesAreAlmas() {
        String id = fine();
        alma.attemptFeeAction("p1", id, Map.of("op", "pay", "amount", "11", "method", "CASH"))
                .hasAlmaError("401666");
        alma.attemptFeeAction("p1", id, Map.of("op", "pay", "amount", "1")).hasAlmaError("401666");
        alma.attemptFeeAction("p1", id, Map.of("op", "pay", "method", "CASH")).hasAlmaError("401666");
        alma.attemptFeeAction("p1", id, Map.of("op", "pay", "amount", "-1", "method", "CASH"))
                .hasAlmaError("401666");
        alma.attemptFeeAction("p1", id, Map.of("op", "pay", "amount", "0.001", "method", "CASH"))
                .hasAlmaError("401666");
        alma.attemptFeeAction("p1", id, Map.of("op", "refund")).hasAlmaError("401666");
        alma.attemptFeeAction("p1", "999", Map.of("op", "pay", "amount", "1", "method", "CASH"))
                .hasAlmaError("401665");
        assertThat(money(alma.fees("p1", Map.of()).path("total_sum"))).isEqualByComparingTo("10.5");
    }

    @Test
    void waiveNeedsAReasonAndWaivesTheBalanceWhenNoAmountIsGiven() {
        String id = fine();
        alma.attemptFeeAction("p1", id, Map.of("op", "waive")).hasAlmaError("401666");
        JsonNode waived = alma.attemptFeeAction("p1", id, Map.of("op", "waive", "reason", "LIBRARY_ERROR"))
                .isOk()
                .json();
        assertThat(waived.path("status").path("value").asText()).isEqualTo("CLOSED");
        assertThat(waived.path("transaction")
                        .get(0)
                        .path("reason")
                        .path("value")
                        .asText())
                .isEqualTo("LIBRARY_ERROR");
    }

    @Test
    void disputeAndRestoreMoveBetweenActiveAndInDispute() {
        String id = fine();
        assertThat(alma.attemptFeeAction("p1", id, Map.of("op", "dispute"))
                        .isOk()
                        .json()
                        .path("status")
                        .path("value")
                        .asText())
                .isEqualTo("INDISPUTE");
        alma.attemptFeeAction("p1", id, Map.of("op", "dispute")).hasAlmaError("401666");
        assertThat(alma.fees("p1", Map.of("status", "INDISPUTE"))
                        .path("total_record_count")
                        .asInt())
                .isEqualTo(1);
        assertThat(alma.attemptFeeAction("p1", id, Map.of("op", "restore"))
                        .isOk()
                        .json()
                        .path("status")
                        .path("value")
                        .asText())
                .isEqualTo("ACTIVE");
        alma.attemptFeeAction("p1", id, Map.of("op", "restore")).hasAlmaError("401666");
    }

    @Test
    void opPostsAcceptTheLiteralNullBody() {
        String id = fine();
        alma.send(
                        "POST",
                        "/almaws/v1/users/p1/fees/" + id,
                        Map.of("op", "dispute"),
                        "null",
                        AlmaClient.JSON,
                        AlmaClient.JSON)
                .isOk();
    }

    @Test
    void payAllPaysOldestFirstAndStopsAtTheAmount() {
        fine();
        fine();
        JsonNode left = alma.postJson(
                        "/almaws/v1/users/p1/fees/all", Map.of("op", "pay", "amount", "15", "method", "CASH"), null)
                .isOk()
                .json();
        assertThat(money(left.path("total_sum"))).isEqualByComparingTo("6");
        assertThat(left.path("total_record_count").asInt()).isEqualTo(1);
        JsonNode none = alma.postJson(
                        "/almaws/v1/users/p1/fees/all", Map.of("op", "pay", "amount", "ALL", "method", "CASH"), null)
                .isOk()
                .json();
        assertThat(none.path("total_record_count").asInt()).isZero();
        alma.postJson("/almaws/v1/users/p1/fees/all", Map.of("op", "pay", "amount", "1", "method", "CASH"), null)
                .hasAlmaError("401666");
    }

    @Test
    void feesRenderInXmlWithTotalsAsAttributes() {
        fine();
        String xml = alma.get("/almaws/v1/users/p1/fees", Map.of(), AlmaClient.XML)
                .isOk()
                .body();
        assertThat(xml)
                .contains("<fees total_record_count=\"1\" total_sum=\"10.5\" currency=\"USD\">")
                .contains("<type desc=\"Overdue fine\">OVERDUEFINE</type>");
    }

    @Test
    void moneyInXmlIsPlainDigitsAsInJsonNeverScientificNotation() {
        alma.createFee(
                "p1", "{\"type\":{\"value\":\"OVERDUEFINE\"},\"original_amount\":70,\"owner\":{\"value\":\"MAIN\"}}");
        alma.createFee(
                "p1",
                "{\"type\":{\"value\":\"OVERDUEFINE\"},\"original_amount\":100.00,\"owner\":{\"value\":\"MAIN\"}}");
        String xml = alma.get("/almaws/v1/users/p1/fees", Map.of(), AlmaClient.XML)
                .isOk()
                .body();
        JsonNode json =
                alma.getJson("/almaws/v1/users/p1/fees", Map.of()).isOk().json();
        assertThat(xml).doesNotContainPattern("[0-9]E[+-]?[0-9]");
        assertThat(xml)
                .contains("total_sum=\"" + json.path("total_sum").decimalValue().toPlainString() + "\"");
        for (JsonNode fee : json.path("fee")) {
            assertThat(xml)
                    .contains("<balance>" + fee.path("balance").decimalValue().toPlainString() + "</balance>")
                    .contains("<original_amount>"
                            + fee.path("original_amount").decimalValue().toPlainString() + "</original_amount>");
        }
    }

    @Test
    void openBalanceBlocksDeletionButAClosedFeeDoesNot() {
        String id = fine();
        String message = alma.attemptToDeleteUser("p1").hasAlmaError("401850").errorMessage();
        assertThat(message).contains("active balance of 10.50 USD");
        alma.attemptFeeAction("p1", id, Map.of("op", "pay", "amount", "ALL", "method", "CASH"))
                .isOk();
        assertThat(alma.attemptToDeleteUser("p1").status()).isEqualTo(204);
    }
}
