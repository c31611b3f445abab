package org.almasim.simulator.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.AlmaResponse;
import org.almasim.simulator.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulator on a file database killed as {@code kill -9} kills it, then started again on the same file: every write
 * it acknowledged is there, the simulated date is the one it had, and no job is left running for ever.
 */
class CrashRecoveryTest {
    private static final LocalDate DAY = LocalDate.of(2024, 9, 1);

    @TempDir
    Path folder;

    @Test
    void everyAcknowledgedPaymentAndNewUserSurvivesAKill() throws Exception {
        Path database = folder.resolve("library");
        List<String> createdUsers = new ArrayList<>();
        int payments = 0;
        try (SimulatorProcess first = SimulatorProcess.start(database, Optional.of(DAY))) {
            AlmaClient alma = new AlmaClient(first.baseUrl(), ApiKeys.DEVELOPMENT_KEY);
            alma.attemptToLoadPopulation("""
                    users:
                      - {primary_id: payer, record_type: {value: PUBLIC}, account_type: {value: INTERNAL}, user_group: {value: GRAD}}
                    fees:
                      - {user: payer, type: OVERDUEFINE, amount: 5000.00}
                    """).isOk();
            String feeId =
                    alma.fees("payer", Map.of()).path("fee").path(0).path("id").asText();
            // Writes keep coming until the kill: the last ones are acknowledged just before the process dies.
            AtomicBoolean killed = new AtomicBoolean();
            Thread killer = new Thread(() -> {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> alma.fees("payer", Map.of())
                                        .path("total_sum")
                                        .decimalValue()
                                        .compareTo(new BigDecimal("4998.00"))
                                <= 0);
                killed.set(true);
                first.kill();
            });
            killer.start();
            for (int i = 0; !killed.get() && i < 100_000; i++) {
                AlmaResponse paid = attempt(() ->
                        alma.attemptFeeAction("payer", feeId, Map.of("op", "pay", "amount", "0.01", "method", "CASH")));
                if (paid == null) {
                    break;
                }
                if (paid.status() == 200) {
                    payments++;
                }
                String id = "new-" + i;
                AlmaResponse created = attempt(() -> alma.attemptToCreateUser(Fixtures.user(id)));
                if (created == null) {
                    break;
                }
                if (created.status() == 200) {
                    createdUsers.add(id);
                }
            }
            killer.join();
        }
        assertThat(payments).as("payments acknowledged before the kill").isGreaterThanOrEqualTo(200);

        try (SimulatorProcess second = SimulatorProcess.start(database, Optional.empty())) {
            AlmaClient alma = new AlmaClient(second.baseUrl(), ApiKeys.DEVELOPMENT_KEY);
            BigDecimal balance = alma.fees("payer", Map.of()).path("total_sum").decimalValue();
            BigDecimal acknowledged =
                    new BigDecimal("5000.00").subtract(new BigDecimal("0.01").multiply(BigDecimal.valueOf(payments)));
            // One payment may have been committed after its answer was lost to the kill; none acknowledged may be
            // missing.
            assertThat(balance)
                    .as("balance after %d acknowledged payments", payments)
                    .isLessThanOrEqualTo(acknowledged)
                    .isGreaterThanOrEqualTo(acknowledged.subtract(new BigDecimal("0.01")));
            for (String id : createdUsers) {
                assertThat(alma.attemptToGetUser(id).status())
                        .as("acknowledged user " + id)
                        .isEqualTo(200);
            }
            assertThat(alma.getJson("/almasim/v1/clock", Map.of())
                            .json()
                            .path("today")
                            .asText())
                    .isEqualTo(DAY.toString());
        }
    }

    @Test
    void aJobKilledMidRunEndsFailedAtRestartAndLetsGoOfItsUsers() throws Exception {
        Path database = folder.resolve("library");
        try (SimulatorProcess first = SimulatorProcess.start(database, Optional.of(DAY))) {
            AlmaClient alma = new AlmaClient(first.baseUrl(), ApiKeys.DEVELOPMENT_KEY);
            alma.createUser(Fixtures.user("expired-long-ago", "GRAD", "2020-01-01Z"));
            alma.postJson("/almasim/v1/jobs/pause", Map.of(), null).isOk();
            alma.attemptToRunJob("/almaws/v1/conf/jobs/M26700", Map.of()).isOk();
            // The run has taken hold of its users and waits at the paused gate: it is in the middle of its work.
            await().atMost(Duration.ofSeconds(30)).until(() -> !unfinished(alma).isEmpty());
            assertThat(alma.attemptToDeleteUser("expired-long-ago").body()).contains("locked");
            first.kill();
        }
        try (SimulatorProcess second = SimulatorProcess.start(database, Optional.empty())) {
            AlmaClient alma = new AlmaClient(second.baseUrl(), ApiKeys.DEVELOPMENT_KEY);
            assertThat(unfinished(alma)).as("no instance is left unfinished").isEmpty();
            JsonNode instance = alma.getJson("/almasim/v1/jobs/instances", Map.of())
                    .isOk()
                    .json()
                    .path("job_instance")
                    .path(0);
            assertThat(instance.path("status").path("value").asText()).isEqualTo("COMPLETED_FAILED");
            assertThat(instance.toString()).contains("The simulator stopped while this job was running");
            alma.attemptToRunJob("/almaws/v1/conf/jobs/M26700", Map.of()).isOk();
            await().atMost(Duration.ofSeconds(30)).until(() -> unfinished(alma).isEmpty());
            assertThat(alma.attemptToGetUser("expired-long-ago").status())
                    .as("purged by the second run")
                    .isEqualTo(400);
        }
    }

    private static List<String> unfinished(AlmaClient alma) {
        List<String> ids = new ArrayList<>();
        for (JsonNode instance : alma.getJson("/almasim/v1/jobs/instances", Map.of())
                .isOk()
                .json()
                .path("job_instance")) {
            if (!instance.path("status").path("value").asText().startsWith("COMPLETED")) {
                ids.add(instance.path("id").asText());
            }
        }
        return ids;
    }

    /** The answer, or null when the process died under the request. */
    private static AlmaResponse attempt(Supplier<AlmaResponse> request) {
        try {
            return request.get();
        } catch (AssertionError connectionLost) {
            return null;
        }
    }
}
