package org.almasim.simulator.jobs;

import static org.almasim.simulator.support.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.AlmaResponse;
import org.almasim.simulator.support.SimulatorTest;
import org.junit.jupiter.api.Test;

class DeleteUserPolicyTest extends SimulatorTest {
    @Override
    protected void given() {
        alma.createUser(user("by-api", "GRAD", "2022-05-31Z"));
        alma.createUser(user("by-job", "UNDERGRAD", "2022-05-31Z"));
    }

    private AlmaResponse policy(String policy) {
        return alma.send(
                "PUT",
                "/almasim/v1/settings",
                Map.of(),
                "{\"delete_user_policy\":\"" + policy + "\"}",
                AlmaClient.JSON,
                AlmaClient.JSON);
    }

    /** Deletes one user through the API and one through Purge User Records; answers what was kept. */
    private JsonNode deleteBothWays() {
        assertThat(alma.attemptToDeleteUser("by-api").status()).isEqualTo(204);
        alma.runJob("/almaws/v1/conf/jobs/M26700", Map.of("user_group", "UNDERGRAD"));
        alma.attemptToGetUser("by-job").hasAlmaError("401861");
        alma.attemptToGetUser("by-api").hasAlmaError("401861");
        return alma.getJson("/almasim/v1/deleted-users", Map.of()).isOk().json();
    }

    @Test
    void fullyRemoveKeepsNothing() {
        assertThat(alma.getJson("/almasim/v1/settings", Map.of())
                        .json()
                        .path("delete_user_policy")
                        .asText())
                .isEqualTo("FULLY_REMOVE");
        assertThat(deleteBothWays().path("total_record_count").asInt()).isZero();
        assertThat(alma.getJson("/almasim/v1/deleted-users/statistics", Map.of())
                        .json()
                        .path("total")
                        .asInt())
                .isZero();
    }

    @Test
    void keepFullyReportableKeepsTheWholeRecordAsDeleted() {
        policy("KEEP_FULLY_REPORTABLE").isOk();
        JsonNode kept = deleteBothWays();
        assertThat(kept.path("total_record_count").asInt()).isEqualTo(2);
        JsonNode byApi = kept.path("deleted_user").get(0);
        assertThat(byApi.path("primary_id").asText()).isEqualTo("by-api");
        assertThat(byApi.path("deleted_by").asText()).isEqualTo("API");
        assertThat(byApi.path("record").path("status").path("value").asText()).isEqualTo("DELETED");
        assertThat(byApi.path("record")
                        .path("contact_info")
                        .path("email")
                        .get(0)
                        .path("email_address")
                        .asText())
                .isEqualTo("by-api@example.edu");
        assertThat(kept.path("deleted_user").get(1).path("deleted_by").asText()).startsWith("job ");
        alma.createUser(user("by-api"));
    }

    @Test
    void keepStatisticsKeepsCountsAndIdsButNoRecord() {
        policy("KEEP_STATISTICS").isOk();
        JsonNode kept = deleteBothWays();
        assertThat(kept.path("deleted_user").get(0).path("primary_id").asText()).isEqualTo("by-api");
        assertThat(kept.path("deleted_user").get(0).has("record")).isFalse();
        JsonNode statistics = alma.getJson("/almasim/v1/deleted-users/statistics", Map.of())
                .isOk()
                .json();
        assertThat(statistics.path("total").asInt()).isEqualTo(2);
        assertThat(statistics.path("by_user_group").path("GRAD").asInt()).isEqualTo(1);
        assertThat(statistics.path("by_record_type").path("PUBLIC").asInt()).isEqualTo(2);
        assertThat(statistics.path("by_purge_date").path("2022-05-31").asInt()).isEqualTo(2);
    }

    @Test
    void keepStatisticsAndRemovePrimaryIdKeepsNoId() {
        policy("KEEP_STATISTICS_REMOVE_PRIMARY_ID").isOk();
        JsonNode kept = deleteBothWays();
        assertThat(kept.path("total_record_count").asInt()).isEqualTo(2);
        assertThat(kept.path("deleted_user").get(0).has("primary_id")).isFalse();
        assertThat(kept.path("deleted_user").get(0).path("user_group").asText()).isEqualTo("GRAD");
    }

    @Test
    void unknownPolicyChangesNothing() {
        policy("SHRED").hasAlmaError("401666");
        assertThat(alma.getJson("/almasim/v1/settings", Map.of())
                        .json()
                        .path("delete_user_policy")
                        .asText())
                .isEqualTo("FULLY_REMOVE");
    }
}
