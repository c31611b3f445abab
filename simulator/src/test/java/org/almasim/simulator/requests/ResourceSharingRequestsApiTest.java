package org.almasim.simulator.requests;

import static org.almasim.simulator.support.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.SimulatorTest;
import org.junit.jupiter.api.Test;

/**
 * A user's resource-sharing (borrowing) requests through Alma's Users API, and the one FLVC's guide names: a request
 * waiting on the hold shelf stops the user's deletion, by the API and by the purge job alike.
 */
class ResourceSharingRequestsApiTest extends SimulatorTest {
    private static final String REQUEST = "{\"title\":\"Florida waterways\",\"author\":\"Doe\","
            + "\"citation_type\":{\"value\":\"BOOK\"},\"format\":{\"value\":\"PHYSICAL\"},\"owner\":{\"value\":\"MAIN\"}}";

    @Override
    protected void given() {
        // The user belongs to MAIN's resource-sharing library, as a patron record names it.
        alma.createUser(user("borrower")
                .replace("\"user_role\"", "\"rs_library\":[{\"code\":{\"value\":\"MAIN\"}}],\"user_role\""));
        alma.createUser(user("other"));
    }

    private JsonNode place(String userId) {
        return alma.postJson("/almaws/v1/users/" + userId + "/resource-sharing-requests", Map.of(), REQUEST)
                .isOk()
                .json();
    }

    @Test
    void aRequestIsPlacedReadAndItsShippingUpdated() {
        JsonNode placed = place("borrower");
        assertThat(placed.path("status").path("value").asText()).isEqualTo("READY_TO_SEND");
        assertThat(placed.path("owner").path("value").asText()).isEqualTo("MAIN");
        assertThat(placed.path("title").asText()).isEqualTo("Florida waterways");
        String path = "/almaws/v1/users/borrower/resource-sharing-requests/"
                + placed.path("request_id").asText();
        assertThat(alma.getJson(path, Map.of()).isOk().json()).isEqualTo(placed);

        JsonNode shipped = alma.postJson(
                        path, Map.of("op", "update_shipping", "shipping_cost", "4.50", "fund_code", "ILL"), null)
                .isOk()
                .json();
        assertThat(shipped.path("shipping_cost").decimalValue()).isEqualByComparingTo("4.50");
        alma.postJson(path, Map.of("op", "update_shipping", "shipping_cost", "-1"), null)
                .hasAlmaError("40166425");
        alma.postJson(path, Map.of("op", "ship"), null).hasAlmaError("40166411");
        assertThat(alma.get(path, Map.of(), AlmaClient.XML).isOk().body()).contains("<user_resource_sharing_request>");
    }

    @Test
    void mistakesAnswerAlmasCodes() {
        place("borrower");
        alma.postJson("/almaws/v1/users/borrower/resource-sharing-requests", Map.of(), REQUEST)
                .hasAlmaError("402362");
        alma.postJson("/almaws/v1/users/other/resource-sharing-requests", Map.of(), REQUEST)
                .hasAlmaError("401608");
        alma.postJson(
                        "/almaws/v1/users/borrower/resource-sharing-requests",
                        Map.of(),
                        REQUEST.replace(",\"owner\":{\"value\":\"MAIN\"}", ""))
                .hasAlmaError("401607");
        alma.postJson(
                        "/almaws/v1/users/borrower/resource-sharing-requests",
                        Map.of(),
                        REQUEST.replace("\"title\":\"Florida waterways\",", ""))
                .hasAlmaError("401664");
        alma.getJson("/almaws/v1/users/borrower/resource-sharing-requests/404", Map.of())
                .hasAlmaError("40166450");
    }

    @Test
    void aRequestOnTheHoldShelfStopsTheDeletionUntilItIsCancelled() {
        String id = place("borrower").path("request_id").asText();
        String path = "/almaws/v1/users/borrower/resource-sharing-requests/" + id;
        assertThat(alma.send(
                                "PUT",
                                "/almasim/v1/users/borrower/resource-sharing-requests/" + id,
                                Map.of(),
                                "{\"status\":\"ON_HOLD_SHELF\"}",
                                AlmaClient.JSON,
                                AlmaClient.JSON)
                        .isOk()
                        .json()
                        .path("status")
                        .path("value")
                        .asText())
                .isEqualTo("ON_HOLD_SHELF");

        alma.send("DELETE", "/almaws/v1/users/borrower", Map.of(), null, null, AlmaClient.JSON)
                .hasAlmaError("401850");
        assertThat(alma.getJson("/almasim/v1/users/borrower/blockers", Map.of())
                        .isOk()
                        .json()
                        .path("deletion_blocked_by")
                        .toString())
                .contains("resource-sharing requests on the hold shelf")
                .contains(id);
        assertThat(alma.getJson("/almasim/v1/patrons", Map.of("has_blockers", "true"))
                        .isOk()
                        .json()
                        .path("patron")
                        .toString())
                .contains("borrower");

        assertThat(alma.send("DELETE", path, Map.of("reason", "PatronNotInterested"), null, null, AlmaClient.JSON)
                        .status())
                .isEqualTo(204);
        assertThat(alma.getJson(path, Map.of())
                        .isOk()
                        .json()
                        .path("status")
                        .path("value")
                        .asText())
                .isEqualTo("CANCELLED");
        assertThat(alma.send("DELETE", "/almaws/v1/users/borrower", Map.of(), null, null, AlmaClient.JSON)
                        .status())
                .as("a cancelled request stops nothing")
                .isEqualTo(204);
    }
}
