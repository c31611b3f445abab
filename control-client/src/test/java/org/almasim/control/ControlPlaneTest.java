package org.almasim.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The typed control-plane client against a real simulator on a free port: each call does what its route does. */
class ControlPlaneTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate START = LocalDate.of(2024, 8, 1);

    private static Simulator simulator;
    private static ControlPlane control;

    @BeforeAll
    static void start() {
        simulator = Simulator.create(SimulatorConfig.defaults()
                        .withToday(START)
                        .withApiKeys(List.of(ApiKeys.DEVELOPMENT_KEY, "l8xx-ro:ro")))
                .start(0);
        control = ControlPlane.at(simulator.baseUrl(), ApiKeys.DEVELOPMENT_KEY);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void emptyLibrary() {
        control.reset();
        control.clearFaults();
        control.setToday(START);
    }

    @Test
    void theClockIsReadAndSetBothWays() {
        control.setToday(LocalDate.of(2027, 3, 1));
        assertThat(control.today()).isEqualTo(LocalDate.of(2027, 3, 1));
        control.setToday(LocalDate.of(2020, 1, 1));
        assertThat(control.today()).isEqualTo(LocalDate.of(2020, 1, 1));
    }

    @Test
    void aPopulationLoadsAndTheConsoleViewsSeeItsPatrons() throws Exception {
        JsonNode counts = control.loadPopulation(JSON.readTree("""
                {"users":[{"primary_id":"ada","first_name":"Ada","last_name":"Byron","user_group":{"value":"UNDERGRAD"},
                           "account_type":{"value":"INTERNAL"},"expiry_date":"2023-01-01","purge_date":"2024-01-01"}]}
                """));
        assertThat(counts.path("users").asInt()).isEqualTo(1);
        assertThat(control.patrons(Map.of("limit", "10")).toString()).contains("ada");
        assertThat(control.patron("ada").toString()).contains("Byron");
        assertThat(control.patronSummary().toString()).contains("ACTIVE");
        control.reset();
        assertThat(control.patrons(Map.of("limit", "10")).toString()).doesNotContain("ada");
    }

    @Test
    void settingsBlockersAndFaultsChangeWhatTheyName() throws Exception {
        control.loadPopulation(
                JSON.readTree("{\"users\":[{\"primary_id\":\"b1\",\"account_type\":{\"value\":\"INTERNAL\"}}]}"));
        assertThat(control.updateSettings(JSON.readTree("{\"currency\":\"EUR\"}"))
                        .path("currency")
                        .asText())
                .isEqualTo("EUR");
        control.replaceBlockers("b1", JSON.readTree("{\"blocker\":[{\"kind\":\"PO_LINE\",\"detail\":\"POL-42\"}]}"));
        assertThat(control.patron("b1").toString()).contains("POL-42");
        JsonNode rule = control.addFault(JSON.readTree("{\"fault\":\"HTTP_503\",\"method\":\"DELETE\"}"));
        assertThat(rule.path("id").asText()).startsWith("F");
        HttpResponse<String> refused = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(java.net.URI.create(simulator.baseUrl() + "/almaws/v1/users/b1"))
                                .header("Authorization", "apikey " + ApiKeys.DEVELOPMENT_KEY)
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(503);
        control.clearFaults();
    }

    @Test
    void aMemberInstitutionIsReachedWithItsOwnKey() throws Exception {
        control.addInstitution(
                JSON.readTree("{\"code\":\"CTL_MEMBER\",\"name\":\"Member\",\"api_keys\":[\"l8xx-ctl\"]}"));
        ControlPlane member = control.withKey("l8xx-ctl");
        member.loadPopulation(
                JSON.readTree("{\"users\":[{\"primary_id\":\"m1\",\"account_type\":{\"value\":\"INTERNAL\"}}]}"));
        assertThat(member.patrons(Map.of()).toString()).contains("m1");
        assertThat(control.patrons(Map.of()).toString())
                .as("the home library does not see the member's patron")
                .doesNotContain("m1");
    }

    @Test
    void aRefusalCarriesAlmasimsCodeAndAReadOnlyKeyOnlyReads() {
        assertThatThrownBy(() -> control.patron("nobody"))
                .isInstanceOf(ControlPlaneException.class)
                .satisfies(e -> assertThat(((ControlPlaneException) e).status()).isBetween(400, 499));
        ControlPlane readOnly = control.withKey("l8xx-ro");
        assertThat(readOnly.today()).isEqualTo(START);
        assertThatThrownBy(readOnly::reset).isInstanceOf(ControlPlaneException.class);
        assertThatThrownBy(() -> ControlPlane.at("http://127.0.0.1:1", "k").today())
                .isInstanceOf(ControlPlaneException.class)
                .hasMessageContaining("CONNECTION");
    }
}
