package org.almasim.simulator.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.RunningSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a client sent to Alma's API, kept for a test to verify: every request, its answer, and whose key it carried. */
class RequestJournalTest {
    private final RunningSimulator sim = RunningSimulator.start();
    private final AlmaClient alma = sim.client;

    @AfterEach
    void stop() {
        sim.close();
    }

    private JsonNode journal(Map<String, String> query) {
        return alma.getJson("/almasim/v1/journal", query).isOk().json();
    }

    @Test
    void exactlyTheDeletesAScriptSentAreThereWithAlmasAnswers() {
        alma.createUser("{\"primary_id\":\"leaver\",\"account_type\":{\"value\":\"INTERNAL\"}}");
        alma.attemptToDeleteUser("leaver");
        alma.attemptToDeleteUser("nobody");

        JsonNode deletes = journal(Map.of("method", "delete", "path", "/almaws/v1/users/*"));

        assertThat(deletes.path("total_record_count").asInt()).isEqualTo(2);
        JsonNode first = deletes.path("request").get(0);
        assertThat(first.path("path").asText()).isEqualTo("/almaws/v1/users/leaver");
        assertThat(first.path("status").asInt()).isEqualTo(204);
        assertThat(first.path("simulated_at").asText()).startsWith(RunningSimulator.TODAY.toString());
        JsonNode second = deletes.path("request").get(1);
        assertThat(second.path("status").asInt()).isEqualTo(400);
        assertThat(second.path("error_code").asText()).isEqualTo("401861");
        assertThat(journal(Map.of("method", "DELETE", "path", "/almaws/v1/users/leaver"))
                        .path("total_record_count")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void aWriteWithAReadOnlyKeyIsKeptAsRefusedAndTheKeyItselfIsNever() {
        alma.withKey(RunningSimulator.READ_ONLY_KEY).attemptToCreateUser("{\"primary_id\":\"x\"}");

        JsonNode post = journal(Map.of("method", "POST")).path("request").get(0);

        assertThat(post.path("key_access").asText()).isEqualTo("read-only");
        assertThat(post.path("error_code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(post.path("body").asText()).contains("\"primary_id\":\"x\"");
        assertThat(journal(Map.of()).toString())
                .doesNotContain(RunningSimulator.READ_ONLY_KEY)
                .doesNotContain(ApiKeys.DEVELOPMENT_KEY);
    }

    @Test
    void theControlPlaneIsNotJournalledAndClearingForgetsEverything() {
        alma.getJson("/almaws/v1/users", Map.of()).isOk();
        alma.getJson("/almasim/v1/patrons/summary", Map.of()).isOk();

        assertThat(journal(Map.of()).path("total_record_count").asInt()).isEqualTo(1);
        JsonNode cleared = alma.send("DELETE", "/almasim/v1/journal", Map.of(), null, null, "application/json")
                .isOk()
                .json();
        assertThat(cleared.path("cleared").asInt()).isEqualTo(1);
        assertThat(journal(Map.of()).path("total_record_count").asInt()).isZero();
    }

    @Test
    void lastGivesTheNewestRequestsFoundWithTheCountOfAllFound() {
        alma.attemptToGetUser("first");
        alma.attemptToGetUser("second");
        alma.attemptToGetUser("third");

        JsonNode newest = journal(Map.of("last", "2"));

        assertThat(newest.path("total_record_count").asInt()).isEqualTo(3);
        assertThat(newest.path("request").findValuesAsText("path"))
                .containsExactly("/almaws/v1/users/second", "/almaws/v1/users/third");
        alma.getJson("/almasim/v1/journal", Map.of("last", "0")).hasAlmaError("401666");
    }
}
