package org.almasim.simulator.settings;

import static org.almasim.simulator.support.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.AlmaResponse;
import org.almasim.simulator.support.SimulatorTest;
import org.junit.jupiter.api.Test;

class CurrencySettingTest extends SimulatorTest {
    @Override
    protected void given() {
        alma.createUser(user("owes", "GRAD", "2022-05-31Z"));
        alma.createFee(
                "owes",
                "{\"type\":{\"value\":\"OVERDUEFINE\"},\"original_amount\":5.00,\"owner\":{\"value\":\"MAIN\"}}");
    }

    private AlmaResponse currency(String body) {
        return alma.send("PUT", "/almasim/v1/settings", Map.of(), body, AlmaClient.JSON, AlmaClient.JSON);
    }

    @Test
    void theInstitutionCurrencyNamesEveryBalance() {
        assertThat(currency("{\"currency\":\"EUR\"}").status()).isEqualTo(200);
        assertThat(alma.getJson("/almasim/v1/settings", Map.of())
                        .json()
                        .path("currency")
                        .asText())
                .isEqualTo("EUR");
        assertThat(alma.fees("owes", Map.of()).path("currency").asText()).isEqualTo("EUR");
        assertThat(alma.attemptToDeleteUser("owes")
                        .json()
                        .path("errorList")
                        .path("error")
                        .path(0)
                        .path("errorMessage")
                        .asText())
                .contains("5.00 EUR");
    }

    @Test
    void aCurrencyThatIsNotACodeChangesNothing() {
        currency("{\"currency\":\"euros\"}").hasAlmaError("401666");
        assertThat(alma.getJson("/almasim/v1/settings", Map.of())
                        .json()
                        .path("currency")
                        .asText())
                .isEqualTo("USD");
    }
}
