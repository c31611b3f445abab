package org.almasim.simulator.deletion;

import static org.almasim.simulator.support.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.AlmaResponse;
import org.almasim.simulator.support.SimulatorTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeletionBlockersTest extends SimulatorTest {
    private AlmaResponse setBlockers(String userId, String json) {
        return alma.send(
                "PUT", "/almasim/v1/users/" + userId + "/blockers", Map.of(), json, AlmaClient.JSON, AlmaClient.JSON);
    }

    private AlmaResponse setResearch(boolean enabled) {
        return alma.send(
                "PUT",
                "/almasim/v1/settings",
                Map.of(),
                "{\"research_enabled\":" + enabled + "}",
                AlmaClient.JSON,
                AlmaClient.JSON);
    }

    @ParameterizedTest
    @EnumSource(BlockerKind.class)
    void everyKindOfBlockerStopsTheApiAndThePurgeJob(BlockerKind kind) {
        setResearch(true).isOk();
        alma.createUser(user("held", "UNDERGRAD", "2020-01-01Z"));
        setBlockers("held", "{\"blocker\":[{\"kind\":\"" + kind.name() + "\"}]}")
                .isOk();
        assertThat(alma.attemptToDeleteUser("held").hasAlmaError("401850").errorMessage())
                .contains(kind.reason().replace(".", ""));
        String path = alma.awaitFinished(alma.startJob("/almaws/v1/conf/jobs/M26700", Map.of()))
                .path("link")
                .asText()
                .replaceAll(".*(/almaws)", "$1");
        assertThat(alma.getJson(path + "/events", Map.of())
                        .json()
                        .path("event")
                        .get(0)
                        .path("description")
                        .asText())
                .contains(kind.reason().replace(".", ""));
        alma.getUser("held");
    }

    @Test
    void deleteNamesEveryBlockerNotOnlyTheFirst() {
        alma.createUser(user("busy"));
        alma.loadPopulation("items:\n  - barcode: B1\n    title: T\n");
        alma.lend("busy", "B1");
        alma.createFee(
                "busy", "{\"type\":{\"value\":\"OVERDUEFINE\"},\"original_amount\":3,\"owner\":{\"value\":\"MAIN\"}}");
        setBlockers(
                        "busy",
                        "{\"blocker\":[{\"kind\":\"PO_LINE\",\"detail\":\"POL-42\"},{\"kind\":\"MD_EDITOR_SESSION\"}]}")
                .isOk();

        String message = alma.attemptToDeleteUser("busy").hasAlmaError("401850").errorMessage();
        assertThat(message)
                .contains("1 active loan")
                .contains("active balance of 3.00 USD")
                .contains("PO lines assigned (POL-42)")
                .contains("MD Editor");
        JsonNode view =
                alma.getJson("/almasim/v1/users/busy/blockers", Map.of()).isOk().json();
        assertThat(view.path("blocker")).hasSize(2);
        assertThat(view.path("deletion_blocked_by"))
                .extracting(b -> b.path("kind").asText())
                .containsExactly("ACTIVE_LOANS", "ACTIVE_BALANCE", "PO_LINE", "MD_EDITOR_SESSION");
    }

    @Test
    void clearingTheBlockersMakesTheUserDeletable() {
        alma.createUser(user("locked"));
        setBlockers("locked", "{\"blocker\":[{\"kind\":\"LOCKED_BIB_RECORD\"},{\"kind\":\"import_profile\"}]}")
                .isOk();
        alma.attemptToDeleteUser("locked").hasAlmaError("401850");
        setBlockers("locked", "{\"blocker\":[]}").isOk();
        assertThat(alma.attemptToDeleteUser("locked").status()).isEqualTo(204);
    }

    @Test
    void researchBlockersCountOnlyWhereResearchIsEnabled() {
        alma.createUser(user("researcher"));
        alma.createUser(user("grantee"));
        setBlockers("researcher", "{\"blocker\":[{\"kind\":\"RESEARCH_ASSET\"}]}")
                .isOk();
        setBlockers("grantee", "{\"blocker\":[{\"kind\":\"RESEARCH_GRANT\",\"detail\":\"NSF-1\"}]}")
                .isOk();
        assertThat(alma.attemptToDeleteUser("researcher").status()).isEqualTo(204);
        assertThat(setResearch(true).isOk().json().path("research_enabled").asBoolean())
                .isTrue();
        assertThat(alma.attemptToDeleteUser("grantee").hasAlmaError("401850").errorMessage())
                .contains("research grants")
                .contains("NSF-1");
    }

    @Test
    void badBlockersAndSettingsChangeNothing() {
        alma.createUser(user("p1"));
        setBlockers("p1", "{\"blocker\":[{\"kind\":\"PO_LINE\"},{\"kind\":\"ALIENS\"}]}")
                .hasAlmaError("401666");
        setBlockers("nobody", "{\"blocker\":[]}").hasAlmaError("401861");
        setBlockers("p1", "{\"blockers\":[]}").hasAlmaError("401676");
        assertThat(alma.getJson("/almasim/v1/users/p1/blockers", Map.of())
                        .json()
                        .path("blocker")
                        .isMissingNode())
                .isTrue();
        alma.send(
                        "PUT",
                        "/almasim/v1/settings",
                        Map.of(),
                        "{\"research_enabled\":\"maybe\"}",
                        AlmaClient.JSON,
                        AlmaClient.JSON)
                .hasAlmaError("401666");
        alma.send(
                        "PUT",
                        "/almasim/v1/settings",
                        Map.of(),
                        "{\"purge_everyone\":true}",
                        AlmaClient.JSON,
                        AlmaClient.JSON)
                .hasAlmaError("401666");
        assertThat(alma.getJson("/almasim/v1/settings", Map.of())
                        .json()
                        .path("research_enabled")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void populationDocumentsCarryBlockers() {
        alma.loadPopulation("""
                users:
                  - primary_id: buyer
                    record_type: {value: STAFF}
                    account_type: {value: INTERNAL}
                blockers:
                  - {user: buyer, kind: INVOICE, detail: INV-7}
                  - {user: buyer, kind: RS_REQUEST_ON_HOLD_SHELF}
                """);
        assertThat(alma.attemptToDeleteUser("buyer").hasAlmaError("401850").errorMessage())
                .contains("invoices assigned (INV-7)")
                .contains("hold shelf");
        alma.attemptToLoadPopulation("blockers:\n  - {user: buyer, kind: NOPE}\n")
                .hasAlmaError("401666");
        alma.attemptToLoadPopulation("blockers:\n  - {user: ghost, kind: INVOICE}\n")
                .hasAlmaError("401666");
    }
}
