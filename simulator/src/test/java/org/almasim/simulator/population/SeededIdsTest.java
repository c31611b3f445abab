package org.almasim.simulator.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.almasim.simulator.support.SimulatorTest;
import org.junit.jupiter.api.Test;

/** A population document seeds the ids another team's own test suite expects, and shares defaults with YAML merge keys. */
class SeededIdsTest extends SimulatorTest {
    @Test
    void identifierTypesItemIdsAndSetIdsAreTheOnesTheDocumentGives() {
        alma.loadPopulation("""
                identifier_types:
                  - {code: "01", description: University ID}
                items:
                  - {barcode: B-1, title: One bib, mms_id: "991234", holding_id: "221234", item_pid: "231234"}
                  - {barcode: B-2, title: One bib, mms_id: "991234", holding_id: "221234", item_pid: "231235"}
                users:
                  - primary_id: tester
                    record_type: {value: PUBLIC}
                    account_type: {value: INTERNAL}
                    user_group: {value: UNDERGRAD}
                    user_identifier: [{id_type: {value: "01"}, value: U-777, status: ACTIVE}]
                sets:
                  - {id: "5555", name: Test patrons, members: [tester]}
                  - {id: "5556", name: Expiring, query: "expiry_date is empty"}
                """);
        assertThat(alma.getJson("/almaws/v1/users/U-777", Map.of("user_id_type", "01"))
                        .isOk()
                        .json()
                        .path("primary_id")
                        .asText())
                .isEqualTo("tester");
        JsonNode item = alma.getJson("/almaws/v1/bibs/991234/holdings/221234/items/231235", Map.of())
                .isOk()
                .json();
        assertThat(item.path("item_data").path("barcode").asText()).isEqualTo("B-2");
        JsonNode itemized =
                alma.getJson("/almaws/v1/conf/sets/5555", Map.of()).isOk().json();
        assertThat(itemized.path("number_of_members").path("value").asInt()).isEqualTo(1);
        assertThat(alma.getJson("/almaws/v1/conf/sets/5556", Map.of())
                        .isOk()
                        .json()
                        .path("type")
                        .path("value")
                        .asText())
                .isEqualTo("LOGICAL");
    }

    @Test
    void jobsAnswerByTheInstitutionsOwnIds() {
        alma.loadPopulation(
                "job_ids: {M26701: S5843217}\nusers:\n  - {primary_id: gone, record_type: {value: PUBLIC}, account_type: {value: INTERNAL}}\n"
                        + "sets:\n  - {id: \"77\", name: To purge, members: [gone]}\n");
        JsonNode job =
                alma.getJson("/almaws/v1/conf/jobs/S5843217", Map.of()).isOk().json();
        assertThat(job.path("id").asText()).isEqualTo("S5843217");
        assertThat(job.path("name").asText()).isEqualTo("Users - Purge Users on a Set");
        JsonNode done = alma.runJob("/almaws/v1/conf/jobs/S5843217", Map.of("set_id", "77"));
        assertThat(done.path("link").asText()).contains("/conf/jobs/S5843217/instances/");
        assertThat(done.path("job_info").path("id").asText()).isEqualTo("S5843217");
        alma.attemptToGetUser("gone").hasAlmaError("401861");
        assertThat(alma.getJson("/almaws/v1/conf/jobs/M26701", Map.of())
                        .isOk()
                        .json()
                        .path("id")
                        .asText())
                .as("almasim's own id still answers")
                .isEqualTo("S5843217");
        alma.send(
                        "PUT",
                        "/almasim/v1/settings",
                        Map.of(),
                        "{\"job_ids\":{\"M999\":\"S1\"}}",
                        "application/json",
                        "application/json")
                .hasAlmaError("401666");
        alma.send(
                        "PUT",
                        "/almasim/v1/settings",
                        Map.of(),
                        "{\"job_ids\":{\"M26700\":\"M148\"}}",
                        "application/json",
                        "application/json")
                .hasAlmaError("401666");
        assertThat(alma.getJson("/almasim/v1/settings", Map.of())
                        .isOk()
                        .json()
                        .path("job_ids")
                        .path("M26701")
                        .asText())
                .isEqualTo("S5843217");
    }

    @Test
    void aGivenIdAlreadyTakenRefusesTheWholeDocument() {
        alma.loadPopulation("sets:\n  - {id: \"5555\", name: First}\n");
        JsonNode before =
                alma.getJson("/almasim/v1/state/digest", Map.of()).isOk().json();
        alma.attemptToLoadPopulation("""
                users:
                  - {primary_id: newcomer, record_type: {value: PUBLIC}, account_type: {value: INTERNAL}}
                sets:
                  - {id: "5555", name: Second}
                """).hasAlmaError("401666");
        alma.attemptToLoadPopulation(
                        "items:\n  - {barcode: X-1, title: T, item_pid: \"1\"}\n  - {barcode: X-2, title: T, item_pid: \"1\"}\n")
                .hasAlmaError("401666");
        assertThat(alma.getJson("/almasim/v1/state/digest", Map.of()).isOk().json())
                .isEqualTo(before);
    }

    @Test
    void usersShareDefaultsThroughAnchorsAndMergeKeys() {
        alma.loadPopulation("""
                x-patron: &patron
                  record_type: {value: PUBLIC}
                  account_type: {value: INTERNAL}
                  user_group: {value: GRAD}
                  expiry_date: 2030-01-16
                users:
                  - {<<: *patron, primary_id: merged-1}
                  - <<: *patron
                    primary_id: merged-2
                    user_group: {value: UNDERGRAD}
                """);
        JsonNode first = alma.getUser("merged-1");
        assertThat(first.path("user_group").path("value").asText()).isEqualTo("GRAD");
        assertThat(first.path("expiry_date").asText()).isEqualTo("2030-01-16Z");
        assertThat(alma.getUser("merged-2").path("user_group").path("value").asText())
                .as("a key of its own wins")
                .isEqualTo("UNDERGRAD");
    }
}
