package org.almasim.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Optional;
import org.almasim.simulator.faults.Fault;
import org.almasim.simulator.faults.FaultRule;
import org.almasim.simulator.population.PopulationService;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The extension as a team uses it: a running Alma with the demo library, reached over HTTP with the given key. */
@AlmasimTest(population = "demo", today = "2024-08-01", resetBetweenTests = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlmasimExtensionTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEMO_USERS = PopulationService.demo().users().size();

    private static HttpResponse<String> send(Almasim alma, String method, String path, String key)
            throws IOException, InterruptedException {
        return send(alma, method, path, key, null);
    }

    private static HttpResponse<String> send(Almasim alma, String method, String path, String key, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(alma.baseUrl() + path))
                .header("Accept", "application/json")
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "apikey " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int users(Almasim alma) throws IOException, InterruptedException {
        JsonNode list = JSON.readTree(
                send(alma, "GET", "/almaws/v1/users?limit=1", alma.apiKey()).body());
        return list.path("total_record_count").asInt();
    }

    @Test
    @Order(1)
    void aTestGetsARunningAlmaOnTheAnnotationsDateWithItsPopulation(Almasim alma) throws Exception {
        assertThat(alma.today()).isEqualTo(LocalDate.of(2024, 8, 1));
        assertThat(users(alma)).isPositive();
    }

    @Test
    @Order(2)
    void aWriteInOneTest(Almasim alma) throws Exception {
        HttpResponse<String> created = send(
                alma,
                "POST",
                "/almaws/v1/users",
                alma.apiKey(),
                "{\"primary_id\":\"written-by-a-test\",\"account_type\":{\"value\":\"INTERNAL\"}}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(users(alma)).isEqualTo(DEMO_USERS + 1);
        assertThat(alma.journal().find(Optional.of("POST"), Optional.of("/almaws/v1/users")))
                .singleElement()
                .satisfies(request -> assertThat(request.status()).isEqualTo(200));
        alma.setToday(LocalDate.of(2030, 1, 1));
        alma.faults().add(FaultRule.of(Fault.HTTP_503).onMethod("GET"));
        assertThat(send(alma, "GET", "/almaws/v1/users?limit=1", alma.apiKey()).statusCode())
                .isEqualTo(503);
    }

    @Test
    @Order(3)
    void isGoneInTheNextWhenTheClassAsksForAResetBetweenTests(Almasim alma) throws Exception {
        assertThat(alma.today()).as("the annotation's date again").isEqualTo(LocalDate.of(2024, 8, 1));
        assertThat(alma.faults().rules()).as("the previous test's faults").isEmpty();
        assertThat(users(alma)).isEqualTo(DEMO_USERS);
        assertThat(send(alma, "GET", "/almaws/v1/users/written-by-a-test", alma.apiKey())
                        .body())
                .contains("401861");
    }

    @Test
    @Order(4)
    void aTestThatOnlyReads(Almasim alma) throws Exception {
        assertThat(users(alma)).isEqualTo(DEMO_USERS);
        alma.faults().add(FaultRule.of(Fault.HTTP_503).onMethod("GET"));
        assertThat(send(alma, "GET", "/almaws/v1/users?limit=1", alma.apiKey()).statusCode())
                .isEqualTo(503);
    }

    @Test
    @Order(5)
    void leavesNoFaultOrJournalBehindAlthoughItWroteNothing(Almasim alma) throws Exception {
        assertThat(alma.faults().rules()).as("the previous test's faults").isEmpty();
        assertThat(alma.journal().find(Optional.of("GET"), Optional.of("/almaws/v1/users")))
                .as("the previous test's requests")
                .isEmpty();
        assertThat(users(alma)).isEqualTo(DEMO_USERS);
        assertThat(alma.today()).isEqualTo(LocalDate.of(2024, 8, 1));
    }

    @Test
    @Order(6)
    void aTestThatOnlyMovesTheClock(Almasim alma) {
        alma.setToday(LocalDate.of(2031, 3, 3));
        assertThat(alma.today()).isEqualTo(LocalDate.of(2031, 3, 3));
    }

    @Test
    @Order(7)
    void startsOnTheAnnotationsDateAfterATestThatMovedOnlyTheClock(Almasim alma) {
        assertThat(alma.today()).isEqualTo(LocalDate.of(2024, 8, 1));
    }

    @Test
    void aCallWithoutTheKeyIsRefusedAsAlmaRefusesIt(Almasim alma) throws Exception {
        HttpResponse<String> refused = send(alma, "GET", "/almaws/v1/users", null);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("UNAUTHORIZED");
    }

    @Test
    void theHandleKeepsBlockersAndSettingsAsAlmaWouldApplyThem(Almasim alma) throws Exception {
        send(
                alma,
                "POST",
                "/almaws/v1/users",
                alma.apiKey(),
                "{\"primary_id\":\"ordered-books\",\"account_type\":{\"value\":\"INTERNAL\"}}");
        alma.setBlockers("ordered-books", new Almasim.Blocker("PO_LINE", "POL-42"));

        HttpResponse<String> refused = send(alma, "DELETE", "/almaws/v1/users/ordered-books", alma.apiKey());

        assertThat(refused.body()).contains("401850").contains("POL-42");
        java.util.Map<String, Object> settings =
                alma.updateSettings(java.util.Map.of("institution_name", "Test college"));
        assertThat(settings).containsEntry("institution_name", "Test college");
        alma.setBlockers("ordered-books");
        assertThat(send(alma, "DELETE", "/almaws/v1/users/ordered-books", alma.apiKey())
                        .statusCode())
                .isEqualTo(204);
    }
}
