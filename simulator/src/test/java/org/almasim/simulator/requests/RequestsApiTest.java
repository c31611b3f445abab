package org.almasim.simulator.requests;

import static org.almasim.simulator.support.Fixtures.items;
import static org.almasim.simulator.support.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.SimulatorTest;
import org.junit.jupiter.api.Test;

/** A user's hold requests through Alma's Users API: placed, listed, read, counted, cancelled, and what they change. */
class RequestsApiTest extends SimulatorTest {
    private static final String HOLD =
            "{\"request_type\":\"HOLD\",\"pickup_location_type\":\"LIBRARY\",\"pickup_location_library\":\"MAIN\","
                    + "\"comment\":\"for my thesis\"}";

    private String itemPid;
    private String mmsId;

    @Override
    protected void given() {
        alma.createUser(user("reader"));
        alma.createUser(user("borrower"));
        alma.loadPopulation(items("BOOK-1", "BOOK-2"));
        String location = alma.getJson("/almaws/v1/items", Map.of("item_barcode", "BOOK-1"))
                .headers()
                .firstValue("Location")
                .orElseThrow();
        JsonNode item = alma.getJson(location, Map.of()).isOk().json();
        itemPid = item.path("item_data").path("pid").asText();
        mmsId = item.path("bib_data").path("mms_id").asText();
    }

    private JsonNode place(String user, Map<String, String> query) {
        return alma.postJson("/almaws/v1/users/" + user + "/requests", query, HOLD)
                .isOk()
                .json();
    }

    @Test
    void aHoldRequestIsPlacedListedReadAndCounted() {
        JsonNode placed = place("reader", Map.of("item_pid", itemPid));
        assertThat(placed.path("request_type").asText()).isEqualTo("HOLD");
        assertThat(placed.path("request_status").asText())
                .as("the item is on the shelf")
                .isEqualTo("IN_PROCESS");
        assertThat(placed.path("user_primary_id").asText()).isEqualTo("reader");
        assertThat(placed.path("barcode").asText()).isEqualTo("BOOK-1");
        assertThat(placed.path("pickup_location_library").asText()).isEqualTo("MAIN");
        assertThat(placed.path("request_date").asText()).isEqualTo("2024-08-01Z");
        assertThat(placed.path("comment").asText()).isEqualTo("for my thesis");
        assertThat(placed.path("place_in_queue").asInt()).isEqualTo(1);
        String id = placed.path("request_id").asText();

        JsonNode list = alma.getJson("/almaws/v1/users/reader/requests", Map.of())
                .isOk()
                .json();
        assertThat(list.path("total_record_count").asInt()).isEqualTo(1);
        assertThat(list.path("user_request").get(0)).isEqualTo(placed);
        assertThat(alma.getJson("/almaws/v1/users/reader/requests/" + id, Map.of())
                        .isOk()
                        .json())
                .isEqualTo(placed);
        assertThat(alma.getJson("/almaws/v1/users/reader", Map.of("expand", "requests"))
                        .isOk()
                        .json()
                        .path("requests")
                        .path("value")
                        .asInt())
                .isEqualTo(1);
        assertThat(alma.get("/almaws/v1/users/reader/requests", Map.of(), AlmaClient.XML)
                        .isOk()
                        .body())
                .contains("<user_requests total_record_count=\"1\"><user_request>");
        JsonNode none = alma.getJson("/almaws/v1/users/borrower/requests", Map.of())
                .isOk()
                .json();
        assertThat(none.has("user_request")).isFalse();
        assertThat(none.path("total_record_count").asInt()).isZero();
    }

    @Test
    void aTitleLevelRequestOnALentItemWaitsInTheQueueAndStopsTheLoansRenewal() {
        JsonNode loan = alma.lend("borrower", "BOOK-1");
        JsonNode placed = place("reader", Map.of("mms_id", mmsId));
        assertThat(placed.path("request_status").asText()).isEqualTo("NOT_STARTED");
        assertThat(placed.path("item_id").asText()).isEqualTo(itemPid);

        String loanPath =
                "/almaws/v1/users/borrower/loans/" + loan.path("loan_id").asText();
        assertThat(alma.getJson(loanPath, Map.of())
                        .isOk()
                        .json()
                        .path("renewable")
                        .asBoolean())
                .as("another patron waits for the item")
                .isFalse();
        alma.postJson(loanPath, Map.of("op", "renew"), null).hasAlmaError("401822");
        alma.postJson("/almaws/v1/users/reader/requests", Map.of("mms_id", mmsId), HOLD)
                .hasAlmaError("401136");
        assertThat(place("reader", Map.of("mms_id", mmsId, "allow_same_request", "true"))
                        .path("place_in_queue")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void aCancelledRequestMovesToTheHistoryWithItsReason() {
        String id =
                place("reader", Map.of("item_pid", itemPid)).path("request_id").asText();
        String path = "/almaws/v1/users/reader/requests/" + id;

        alma.send("DELETE", path, Map.of("reason", "NoSuchReason"), null, null, AlmaClient.JSON)
                .hasAlmaError("401666");
        assertThat(alma.send(
                                "DELETE",
                                path,
                                Map.of("reason", "PatronNotInterested", "note", "found it elsewhere"),
                                null,
                                null,
                                AlmaClient.JSON)
                        .status())
                .isEqualTo(204);

        assertThat(alma.getJson("/almaws/v1/users/reader/requests", Map.of())
                        .isOk()
                        .json()
                        .path("total_record_count")
                        .asInt())
                .isZero();
        JsonNode history = alma.getJson("/almaws/v1/users/reader/requests", Map.of("status", "history"))
                .isOk()
                .json()
                .path("user_request")
                .get(0);
        assertThat(history.path("request_status").asText()).isEqualTo("CANCELLED");
        assertThat(history.path("cancel_reason").path("desc").asText()).isEqualTo("Patron no longer interested");
        alma.send("DELETE", path, Map.of(), null, null, AlmaClient.JSON).hasAlmaError("401694");
    }

    @Test
    void mistakesAnswerAlmasCodesAndChangeNothing() {
        alma.postJson("/almaws/v1/users/reader/requests", Map.of(), HOLD).hasAlmaError("60328");
        alma.postJson("/almaws/v1/users/reader/requests", Map.of("item_pid", "404"), HOLD)
                .hasAlmaError("60328");
        alma.postJson("/almaws/v1/users/reader/requests", Map.of("mms_id", "404"), HOLD)
                .hasAlmaError("401129");
        alma.postJson(
                        "/almaws/v1/users/reader/requests",
                        Map.of("item_pid", itemPid),
                        HOLD.replace("\"MAIN\"", "\"NOWHERE\""))
                .hasAlmaError("401895");
        alma.postJson(
                        "/almaws/v1/users/reader/requests",
                        Map.of("item_pid", itemPid),
                        HOLD.replace("HOLD", "DIGITIZATION"))
                .hasAlmaError("401666");
        alma.postJson("/almaws/v1/users/nobody/requests", Map.of("item_pid", itemPid), HOLD)
                .hasAlmaError("401861");
        alma.getJson("/almaws/v1/users/reader/requests/404", Map.of()).hasAlmaError("401694");
        alma.getJson("/almaws/v1/users/reader/requests", Map.of("status", "later"))
                .hasAlmaError("401666");
        assertThat(alma.getJson("/almaws/v1/users/reader/requests", Map.of())
                        .isOk()
                        .json()
                        .path("total_record_count")
                        .asInt())
                .isZero();
    }

    @Test
    void deletingAUserWithRequestsCancelsThemWithTheUser() {
        place("reader", Map.of("item_pid", itemPid));
        assertThat(alma.send("DELETE", "/almaws/v1/users/reader", Map.of(), null, null, AlmaClient.JSON)
                        .status())
                .as("a plain request does not stop a deletion")
                .isEqualTo(204);
        assertThat(place("borrower", Map.of("item_pid", itemPid))
                        .path("place_in_queue")
                        .asInt())
                .isEqualTo(1);
    }
}
