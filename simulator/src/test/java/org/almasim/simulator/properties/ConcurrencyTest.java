package org.almasim.simulator.properties;

import static org.almasim.simulator.support.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.almasim.simulator.support.AlmaResponse;
import org.almasim.simulator.support.SimulatorTest;
import org.junit.jupiter.api.Test;

class ConcurrencyTest extends SimulatorTest {
    private static final int CLIENTS = 16;

    /** Runs every task at the same moment (a start gate, not a sleep) and answers their results in order. */
    private static <T> List<T> allAtOnce(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(() -> {
                gate.await();
                return task.call();
            }));
        }
        gate.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        pool.shutdown();
        return results;
    }

    @Test
    void concurrentUpdatesOfOneUserLeaveExactlyOneWholeVersion() throws Exception {
        alma.createUser(user("shared"));
        List<Callable<AlmaResponse>> updates = new ArrayList<>();
        for (int v = 0; v < CLIENTS; v++) {
            String version = "v" + v;
            // Every field a version touches carries its name, so a mix of two versions would show.
            String body = user("shared")
                    .replace("\"first_name\":\"Dana\"", "\"first_name\":\"" + version + "\"")
                    .replace("\"last_name\":\"Diaz\"", "\"last_name\":\"" + version + "\"")
                    .replace("shared@example.edu", version + "@example.edu")
                    .replace("B-shared", "B-" + version);
            updates.add(() -> alma.attemptToUpdateUser("shared", body, Map.of()));
        }
        List<AlmaResponse> answers = allAtOnce(updates);
        assertThat(answers).allSatisfy(AlmaResponse::isOk);

        JsonNode stored = alma.getUser("shared");
        String version = stored.path("first_name").asText();
        assertThat(stored.path("last_name").asText()).isEqualTo(version);
        assertThat(stored.path("contact_info")
                        .path("email")
                        .get(0)
                        .path("email_address")
                        .asText())
                .isEqualTo(version + "@example.edu");
        assertThat(stored.path("user_identifier").get(0).path("value").asText()).isEqualTo("B-" + version);
        assertThat(alma.getUser("B-" + version).path("primary_id").asText()).isEqualTo("shared");
        for (int v = 0; v < CLIENTS; v++) {
            if (!("v" + v).equals(version)) {
                alma.attemptToGetUser("B-v" + v).hasAlmaError("401861");
            }
        }
    }

    @Test
    void concurrentPaymentsNeverOverdrawAFee() throws Exception {
        alma.createUser(user("payer"));
        String feeId = alma.createFee(
                        "payer",
                        "{\"type\":{\"value\":\"OVERDUEFINE\"},\"original_amount\":10,\"owner\":{\"value\":\"MAIN\"}}")
                .path("id")
                .asText();
        List<Callable<AlmaResponse>> payments = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            payments.add(() ->
                    alma.attemptFeeAction("payer", feeId, Map.of("op", "pay", "amount", "1.00", "method", "CASH")));
        }
        List<AlmaResponse> answers = allAtOnce(payments);
        long accepted = answers.stream().filter(a -> a.status() == 200).count();
        answers.stream().filter(a -> a.status() != 200).forEach(a -> a.hasAlmaError("401666"));
        assertThat(accepted).isEqualTo(10);

        JsonNode fee = alma.getJson("/almaws/v1/users/payer/fees/" + feeId, Map.of())
                .isOk()
                .json();
        assertThat(fee.path("balance").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(fee.path("status").path("value").asText()).isEqualTo("CLOSED");
        BigDecimal paid = BigDecimal.ZERO;
        for (JsonNode transaction : fee.path("transaction")) {
            paid = paid.add(transaction.path("amount").decimalValue());
        }
        assertThat(paid).isEqualByComparingTo("10");
    }

    @Test
    void concurrentCreatesOfOneIdMakeOneUser() throws Exception {
        List<Callable<AlmaResponse>> creates = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            creates.add(() -> alma.attemptToCreateUser(user("racer")));
        }
        List<AlmaResponse> answers = allAtOnce(creates);
        assertThat(answers.stream().filter(a -> a.status() == 200).count()).isEqualTo(1);
        answers.stream().filter(a -> a.status() != 200).forEach(a -> a.hasAlmaError("401851"));
    }

    @Test
    void concurrentLoansOfOneItemLendItOnce() throws Exception {
        alma.loadPopulation("items:\n  - barcode: ONE\n    title: The only copy\n");
        List<Callable<AlmaResponse>> loans = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            String id = "borrower" + i;
            alma.createUser(user(id));
            loans.add(() -> alma.attemptToLend(id, "ONE"));
        }
        List<AlmaResponse> answers = allAtOnce(loans);
        assertThat(answers.stream().filter(a -> a.status() == 200).count()).isEqualTo(1);
        answers.stream().filter(a -> a.status() != 200).forEach(a -> a.hasAlmaError("401651"));
    }
}
