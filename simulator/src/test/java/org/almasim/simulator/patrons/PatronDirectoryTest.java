package org.almasim.simulator.patrons;

import static org.almasim.simulator.support.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.SimulatorTest;
import org.junit.jupiter.api.Test;

/** The console's patron list and patron page (control plane, {@code /almasim/v1/patrons}). */
class PatronDirectoryTest extends SimulatorTest {
    @Override
    protected void given() {
        alma.send("PUT", "/almasim/v1/clock", Map.of(), "{\"today\":\"2024-08-01\"}", AlmaClient.JSON, AlmaClient.JSON)
                .isOk();
        alma.createUser(user("anna-current", "UNDERGRAD", "2026-05-31Z"));
        alma.createUser(user("ben-expired", "GRAD", "2024-07-15Z"));
        alma.createUser(user("cara-expired-long-ago", "UNDERGRAD", "2020-01-01Z"));
        alma.createUser(user("dan-borrower", "UNDERGRAD", "2023-01-01Z"));
        alma.loadPopulation("items:\n  - barcode: B1\n    title: Florida waterways\n");
        alma.lend("dan-borrower", "B1");
        alma.createUser(user("eve-owes", "STAFF", "2023-01-01Z"));
        alma.createFee(
                "eve-owes",
                "{\"type\":{\"value\":\"OVERDUEFINE\"},\"original_amount\":4.5,\"owner\":{\"value\":\"MAIN\"}}");
    }

    private JsonNode list(Map<String, String> query) {
        return alma.getJson("/almasim/v1/patrons", query).isOk().json();
    }

    private static List<String> ids(JsonNode page) {
        return StreamSupport.stream(page.path("patron").spliterator(), false)
                .map(p -> p.path("primary_id").asText())
                .toList();
    }

    @Test
    void everyPatronIsListedInPrimaryIdOrderAndPaged() {
        JsonNode first = list(Map.of("limit", "2"));
        assertThat(first.path("total_record_count").asInt()).isEqualTo(5);
        assertThat(ids(first)).containsExactly("anna-current", "ben-expired");
        assertThat(ids(list(Map.of("limit", "2", "offset", "4")))).containsExactly("eve-owes");
    }

    @Test
    void featuredPatronsComeFirstAndIdsSortNaturally() {
        alma.loadPopulation("""
                featured: [zed-named]
                users:
                  - {primary_id: class-10, record_type: {value: PUBLIC}, user_group: {value: UNDERGRAD}, account_type: {value: INTERNAL}}
                  - {primary_id: class-2, record_type: {value: PUBLIC}, user_group: {value: UNDERGRAD}, account_type: {value: INTERNAL}}
                  - {primary_id: class-002a, record_type: {value: PUBLIC}, user_group: {value: UNDERGRAD}, account_type: {value: INTERNAL}}
                  - {primary_id: zed-named, record_type: {value: PUBLIC}, user_group: {value: UNDERGRAD}, account_type: {value: INTERNAL}}
                """);
        assertThat(ids(list(Map.of("limit", "4"))))
                .containsExactly("zed-named", "anna-current", "ben-expired", "cara-expired-long-ago");
        assertThat(ids(list(Map.of("q", "class")))).containsExactly("class-2", "class-002a", "class-10");
    }

    @Test
    void patronsWithBlockersAreThoseWithALoanOrABalance() {
        assertThat(ids(list(Map.of("has_blockers", "true")))).containsExactly("dan-borrower", "eve-owes");
        assertThat(ids(list(Map.of("has_blockers", "false"))))
                .containsExactly("anna-current", "ben-expired", "cara-expired-long-ago");
    }

    @Test
    void expiredSinceListsPatronsWhoseExpiryFallsBetweenThatDayAndToday() {
        assertThat(ids(list(Map.of("expired_since", "2023-01-01"))))
                .containsExactly("ben-expired", "dan-borrower", "eve-owes");
    }

    @Test
    void filtersCombineAndMatchCodesWhateverTheirCase() {
        assertThat(ids(list(Map.of("user_group", "undergrad", "q", "expired"))))
                .containsExactly("cara-expired-long-ago");
        assertThat(ids(list(Map.of("status", "INACTIVE")))).isEmpty();
    }

    @Test
    void patronPageSaysWhatThePurgeJobWouldDoToday() {
        JsonNode dan = alma.getJson("/almasim/v1/patrons/dan-borrower", Map.of())
                .isOk()
                .json();
        assertThat(dan.path("user").path("primary_id").asText()).isEqualTo("dan-borrower");
        assertThat(dan.path("loans").path("item_loan")).hasSize(1);
        JsonNode refused = dan.path("purge_job_today");
        assertThat(refused.path("outcome").asText()).isEqualTo("REFUSED");
        assertThat(refused.path("reasons").path(0).path("code").asText()).isEqualTo("ACTIVE_LOANS");
        assertThat(refused.path("sentence").asText())
                .contains("refuse to delete")
                .contains("User has 1 active loan.");

        JsonNode cara = alma.getJson("/almasim/v1/patrons/cara-expired-long-ago", Map.of())
                .isOk()
                .json()
                .path("purge_job_today");
        assertThat(cara.path("outcome").asText()).isEqualTo("DELETED");
        assertThat(cara.path("sentence").asText()).startsWith("The purge job would delete this patron today.");
    }

    @Test
    void aPatronWhosePurgeDateHasNotComeIsNotACandidateNotADeletion() {
        JsonNode anna = alma.getJson("/almasim/v1/patrons/anna-current", Map.of())
                .isOk()
                .json()
                .path("purge_job_today");
        assertThat(anna.path("outcome").asText()).isEqualTo("NOT_A_CANDIDATE");
        assertThat(anna.path("reasons").path(0).path("code").asText()).isEqualTo("PURGE_DATE_AFTER_CUTOFF");
        assertThat(anna.path("reasons")
                        .path(0)
                        .path("parameters")
                        .path("purge_date")
                        .asText())
                .isEqualTo("2026-05-31");
        assertThat(anna.path("sentence").asText())
                .contains("would not consider")
                .doesNotContain("would delete");
        assertThat(anna.path("assumed").path("number_of_days_after_purge_date").asInt())
                .isZero();
    }

    @Test
    void theListFiltersOnWhatThePurgeJobWouldDoToday() {
        assertThat(ids(list(Map.of("purge_job_today", "deleted"))))
                .containsExactly("ben-expired", "cara-expired-long-ago");
        assertThat(ids(list(Map.of("purge_job_today", "REFUSED")))).containsExactly("dan-borrower", "eve-owes");
        assertThat(ids(list(Map.of("purge_job_today", "not_a_candidate")))).containsExactly("anna-current");
        alma.getJson("/almasim/v1/patrons", Map.of("purge_job_today", "MAYBE")).hasAlmaError("401666");
    }

    @Test
    void theVerdictFollowsTheJobParametersItIsGiven() {
        JsonNode graced = alma.getJson(
                        "/almasim/v1/patrons/ben-expired", Map.of("number_of_days_after_purge_date", "30"))
                .isOk()
                .json()
                .path("purge_job_today");
        assertThat(graced.path("outcome").asText())
                .as("purge date 2024-07-15 is inside 30 days of grace")
                .isEqualTo("NOT_A_CANDIDATE");
        JsonNode otherGroup = alma.getJson("/almasim/v1/patrons/cara-expired-long-ago", Map.of("user_group", "GRAD"))
                .isOk()
                .json()
                .path("purge_job_today");
        assertThat(otherGroup.path("reasons").path(0).path("code").asText()).isEqualTo("OTHER_USER_GROUP");
        JsonNode waived = alma.getJson("/almasim/v1/patrons/eve-owes", Map.of("waive_threshold", "5.00"))
                .isOk()
                .json()
                .path("purge_job_today");
        assertThat(waived.path("outcome").asText())
                .as("a 4.50 balance under a 5.00 threshold")
                .isEqualTo("DELETED");
        alma.getJson("/almasim/v1/patrons/eve-owes", Map.of("waive_threshold", "1e3"))
                .hasAlmaError("401666");
    }

    @Test
    void patronPageNamesTheSetsThePatronIsInNow() {
        alma.postJson("/almaws/v1/conf/sets", Map.of(), """
                {"name":"Expired long ago","type":{"value":"LOGICAL"},"content":{"value":"USER"},
                 "query":{"value":"expiry_date before 2021-01-01"}}""").isOk();
        alma.postJson("/almaws/v1/conf/sets", Map.of(), """
                {"name":"Hand picked","type":{"value":"ITEMIZED"},"content":{"value":"USER"},
                 "members":{"member":[{"id":"cara-expired-long-ago"}]}}""").isOk();
        JsonNode cara = alma.getJson("/almasim/v1/patrons/cara-expired-long-ago", Map.of())
                .isOk()
                .json();
        assertThat(cara.path("sets")).extracting(JsonNode::asText).containsExactly("Expired long ago", "Hand picked");
    }

    @Test
    void summaryCountsPatronsByStatus() {
        JsonNode summary =
                alma.getJson("/almasim/v1/patrons/summary", Map.of()).isOk().json();
        assertThat(summary.path("today").asText()).isEqualTo("2024-08-01");
        assertThat(summary.path("by_status").path("ACTIVE").asInt()).isEqualTo(5);
    }

    @Test
    void badFiltersGetAlmasErrorAndAnUnknownPatronIsNotFound() {
        alma.getJson("/almasim/v1/patrons", Map.of("expired_since", "last year"))
                .hasAlmaError("401666");
        alma.getJson("/almasim/v1/patrons", Map.of("has_blockers", "maybe")).hasAlmaError("401666");
        alma.getJson("/almasim/v1/patrons", Map.of("limit", "1000")).hasAlmaError("401666");
        alma.getJson("/almasim/v1/patrons/nobody", Map.of()).hasAlmaError("401861");
    }

    @Test
    void jobInstancesOfEveryJobAreListedNewestFirst() {
        alma.runJob("/almaws/v1/conf/jobs/M26700", Map.of());
        JsonNode instances = alma.getJson("/almasim/v1/jobs/instances", Map.of("limit", "5"))
                .isOk()
                .json();
        assertThat(instances.path("total_record_count").asInt()).isEqualTo(1);
        String id = instances.path("job_instance").get(0).path("id").asText();
        alma.getJson("/almasim/v1/jobs/instances/" + id + "/events", Map.of()).isOk();
    }
}
