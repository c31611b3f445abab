package org.almasim.simulator.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.almasim.simulator.Institution;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.RunningSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The journal keeps what a client sent, never a secret it sent, and shows each key only what it may see. */
class JournalSecretsTest {
    private static final String MEMBER_KEY = "member-read-write-key-7781";
    private static final String PASSWORD = "Pa55-w0rd-of-a-patron";

    private final RunningSimulator sim = RunningSimulator.start();
    private final AlmaClient home = sim.client;
    private final AlmaClient readOnly = home.withKey(RunningSimulator.READ_ONLY_KEY);

    @AfterEach
    void stop() {
        sim.close();
    }

    private static JsonNode journal(AlmaClient client, Map<String, String> query) {
        return client.getJson("/almasim/v1/journal", query).isOk().json();
    }

    @Test
    void passwordsAndKeysSentInQueriesAndBodiesAreNeverShownBack() {
        AlmaClient keyInQuery = home.withKey(null);
        keyInQuery.send(
                "POST",
                "/almaws/v1/users",
                Map.of("apikey", ApiKeys.DEVELOPMENT_KEY),
                "{\"primary_id\":\"pw-json\",\"account_type\":{\"value\":\"INTERNAL\"},\"password\":\"" + PASSWORD
                        + "\"}",
                AlmaClient.JSON,
                AlmaClient.JSON);
        home.send(
                "POST",
                "/almaws/v1/users",
                Map.of(),
                "<user><primary_id>pw-xml</primary_id><account_type>INTERNAL</account_type><password>" + PASSWORD
                        + "</password></user>",
                AlmaClient.XML,
                AlmaClient.XML);
        home.send("POST", "/almaws/v1/users/pw-json", Map.of("op", "auth", "password", PASSWORD), null, null, null);
        home.authenticate("pw-json", PASSWORD);

        String seen = journal(readOnly, Map.of()).toString();

        assertThat(journal(readOnly, Map.of()).path("total_record_count").asInt())
                .isEqualTo(4);
        assertThat(seen)
                .doesNotContain(PASSWORD)
                .doesNotContain(ApiKeys.DEVELOPMENT_KEY)
                .contains(RequestJournal.REDACTED)
                .contains("pw-json")
                .contains("pw-xml");
    }

    @Test
    void aRequestWithAWrongKeyIsShownOnlyToTheDefaultInstitutionsReadWriteKeyAndWithoutTheKey() {
        sim.simulator.addInstitution(new Institution.Spec("01JOURNAL_M", "Member", List.of(MEMBER_KEY)));
        AlmaClient member = home.withKey(MEMBER_KEY);
        // A member's key mistyped by one character.
        home.withKey(MEMBER_KEY + "x").getJson("/almaws/v1/users", Map.of());

        JsonNode runner = journal(home, Map.of());

        assertThat(runner.path("total_record_count").asInt()).isEqualTo(1);
        assertThat(runner.path("request").get(0).path("key").asText()).isEmpty();
        assertThat(runner.path("request").get(0).path("key_access").asText()).isEqualTo("unknown");
        assertThat(runner.toString()).doesNotContain(MEMBER_KEY);
        assertThat(journal(readOnly, Map.of()).path("total_record_count").asInt())
                .isZero();
        assertThat(journal(member, Map.of()).path("total_record_count").asInt()).isZero();
    }

    @Test
    void theJournalIsReadAPageAtATime() {
        for (int i = 0; i < 130; i++) {
            home.getJson("/almaws/v1/users/nobody-" + i, Map.of());
        }

        JsonNode first = journal(home, Map.of());
        JsonNode second = journal(home, Map.of("limit", "50", "offset", "100"));
        JsonNode newest = journal(home, Map.of("last", "5"));

        assertThat(first.path("total_record_count").asInt()).isEqualTo(130);
        assertThat(first.path("request").size()).isEqualTo(RequestJournal.MAX_PAGE);
        assertThat(second.path("request").size()).isEqualTo(30);
        assertThat(second.path("request").get(0).path("path").asText()).isEqualTo("/almaws/v1/users/nobody-100");
        assertThat(newest.path("request").get(4).path("path").asText()).isEqualTo("/almaws/v1/users/nobody-129");
        assertThat(home.getJson("/almasim/v1/journal", Map.of("limit", "101")).status())
                .isEqualTo(400);
        assertThat(home.getJson("/almasim/v1/journal", Map.of("last", "10000")).status())
                .isEqualTo(400);
    }

    @Test
    void aBodyInAnUnknownCharacterSetIsRefusedBeforeAnythingIsDone() {
        for (String charset : List.of("nope", "ebcdic", "\"utf-99\"", "x y")) {
            var answer = home.send(
                    "POST",
                    "/almaws/v1/users",
                    Map.of(),
                    "{\"primary_id\":\"charset-" + charset.length() + "\",\"account_type\":{\"value\":\"INTERNAL\"}}",
                    "application/json; charset=" + charset,
                    AlmaClient.JSON);

            assertThat(answer.status()).as(charset).isEqualTo(400);
            assertThat(home.attemptToGetUser("charset-" + charset.length()).status())
                    .isEqualTo(400);
        }
        assertThat(journal(home, Map.of("method", "POST"))
                        .path("total_record_count")
                        .asInt())
                .isEqualTo(4);
    }

    @Test
    void aBodyOverTheBoundIsRefusedInAlmasEnvelopeAndJournalled() {
        String huge = "{\"primary_id\":\"huge\",\"x\":\"" + "a".repeat(11 * 1024 * 1024) + "\"}";

        var answer = home.send("POST", "/almaws/v1/users", Map.of(), huge, AlmaClient.JSON, AlmaClient.JSON);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("larger than the allowed maximum");
        assertThat(home.attemptToGetUser("huge").status()).isEqualTo(400);
        assertThat(journal(home, Map.of("method", "POST"))
                        .path("request")
                        .get(0)
                        .path("error_code")
                        .asText())
                .isEqualTo("401676");
    }
}
