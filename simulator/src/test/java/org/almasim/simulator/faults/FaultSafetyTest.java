package org.almasim.simulator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.RunningSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whatever fault rules a client adds, the server stays up: matching is linear, rules are bounded, slow is bounded. */
class FaultSafetyTest {
    private static final String EVIL = "/almaws/v1/users/*a*a*a*a*a*a*a*a*a*a*a*a*!";

    private final RunningSimulator sim = RunningSimulator.start();
    private final AlmaClient alma = sim.client;

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void aPatternOfManyStarsCostsStepsInProportionToThePath() {
        // The audit's pattern, and one whose long piece is never found, so that every place of the path is tried.
        for (String pattern : List.of(EVIL, "/almaws/v1/users/*aaaaaaab*!")) {
            PathGlob glob = new PathGlob(pattern);
            int piece = 8;
            for (int length = 36; length <= 36 * 1024; length *= 2) {
                long near = Math.abs(glob.steps("/almaws/v1/users/" + "a".repeat(length) + "!"));
                long miss = Math.abs(glob.steps("/almaws/v1/users/" + "a".repeat(length) + "?"));

                assertThat(Math.max(near, miss))
                        .as("steps of %s for a segment of %d", pattern, length)
                        .isLessThanOrEqualTo((long) (piece + 1) * (length + 1) + 100);
            }
        }
    }

    @Test
    void globsMatchOneSegmentPerStarAndAnyRestForALastDoubleStar() {
        assertThat(new PathGlob("/almaws/v1/users/*").matches("/almaws/v1/users/jdoe"))
                .isTrue();
        assertThat(new PathGlob("/almaws/v1/users/*").matches("/almaws/v1/users/jdoe/fees"))
                .isFalse();
        assertThat(new PathGlob("/almaws/v1/users/test-*").matches("/almaws/v1/users/test-17"))
                .isTrue();
        assertThat(new PathGlob("/almaws/v1/users/test-*").matches("/almaws/v1/users/jdoe"))
                .isFalse();
        assertThat(new PathGlob("/almaws/v1/users/*/fees/*").matches("/almaws/v1/users/a/fees/1"))
                .isTrue();
        assertThat(new PathGlob("/almaws/v1/users/**").matches("/almaws/v1/users/a/fees/1"))
                .isTrue();
        assertThat(new PathGlob("/almaws/v1/users/**").matches("/almaws/v1/conf/sets"))
                .isFalse();
        assertThat(new PathGlob("/almaws/v1/users/a*b*c").matches("/almaws/v1/users/aXbYc"))
                .isTrue();
        assertThat(new PathGlob("/almaws/v1/users/a*b*c").matches("/almaws/v1/users/acb"))
                .isFalse();
        assertThat(new PathGlob("/almaws/v1/users/ab*ba").matches("/almaws/v1/users/aba"))
                .isFalse();
    }

    @Test
    void theAttacksRuleIsAnsweredAndRequestsGoOn() {
        alma.postJson("/almasim/v1/faults", Map.of(), "{\"fault\":\"HTTP_500\",\"path\":\"" + EVIL + "\"}")
                .isOk();

        assertThat(alma.attemptToGetUser("a".repeat(2000)).status()).isEqualTo(400);
        assertThat(alma.attemptToGetUser("a".repeat(12) + "!").status()).isEqualTo(500);
    }

    @Test
    void rulesAreBoundedInNumberAndSize() {
        for (int i = 0; i < FaultInjector.MAX_RULES; i++) {
            alma.postJson("/almasim/v1/faults", Map.of(), "{\"fault\":\"HTTP_503\",\"path\":\"/almaws/v1/x" + i + "\"}")
                    .isOk();
        }
        var tooMany =
                alma.postJson("/almasim/v1/faults", Map.of(), "{\"fault\":\"HTTP_503\",\"path\":\"/almaws/v1/y\"}");
        assertThat(alma.send("DELETE", "/almasim/v1/faults", Map.of(), null, null, AlmaClient.JSON)
                        .status())
                .isEqualTo(204);
        var tooLong = alma.postJson(
                "/almasim/v1/faults",
                Map.of(),
                "{\"fault\":\"HTTP_503\",\"path\":\"/almaws/v1/" + "x".repeat(FaultRule.MAX_PATH) + "\"}");
        var misplaced = alma.postJson(
                "/almasim/v1/faults", Map.of(), "{\"fault\":\"HTTP_503\",\"path\":\"/almaws/v1/**/fees\"}");

        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).contains("at most " + FaultInjector.MAX_RULES);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().length()).isLessThan(1_000);
        assertThat(misplaced.status()).isEqualTo(400);
        assertThat(sim.simulator.faults().rules()).isEmpty();
    }

    @Test
    void slowedRequestsPastTheBoundAreAnsweredAtOnceAndHealthAlways() throws Exception {
        alma.postJson(
                        "/almasim/v1/faults",
                        Map.of(),
                        "{\"fault\":\"SLOW\",\"path\":\"/almaws/v1/users\",\"delay_ms\":120000}")
                .isOk();
        HttpClient http = HttpClient.newHttpClient();
        int sent = 40;
        ExecutorService pool = Executors.newFixedThreadPool(sent);
        ExecutorCompletionService<Integer> answers = new ExecutorCompletionService<>(pool);
        List<Future<Integer>> all = new ArrayList<>();
        try {
            for (int i = 0; i < sent; i++) {
                all.add(answers.submit(() -> http.send(
                                HttpRequest.newBuilder(URI.create(sim.simulator.baseUrl() + "/almaws/v1/users"))
                                        .header("Authorization", "apikey " + ApiKeys.DEVELOPMENT_KEY)
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode()));
            }
            // The requests past the bound come back while the others are still held.
            List<Integer> answered = new ArrayList<>();
            for (int i = 0; i < sent - 32; i++) {
                answered.add(answers.take().get());
            }

            assertThat(answered).containsOnly(200);
            assertThat(alma.getJson("/almasim/v1/health", Map.of()).status()).isEqualTo(200);
            assertThat(alma.getJson("/almasim/v1/faults", Map.of()).status()).isEqualTo(200);
            assertThat(all.stream().filter(Future::isDone).count()).isEqualTo(sent - 32);
        } finally {
            pool.shutdownNow();
            CompletableFuture.runAsync(() -> {}).join();
        }
    }

    @Test
    void anUnknownFaultIsRefusedWithTheNamesThereAre() {
        var refused = alma.postJson("/almasim/v1/faults", Map.of(), "{\"fault\":\"HTTP_418\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body())
                .contains("fault must be one of")
                .contains("HTTP_503")
                .contains("'HTTP_418'");
    }
}
