package org.almasim.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaJobs;
import org.almasim.engine.alma.AlmaUsers;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.policy.PolicyReader;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.population.PopulationService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoticesAndReinstatementTest {
    private static final Policy FLVC = PolicyReader.load("flvc-annual");
    private static final Policy OPAL = PolicyReader.load("opal-lifecycle");

    @Test
    void flvcAnnouncesTwoWeeksBeforeTheDayBeforeAndAnAllClearAfter(@TempDir Path outbox) throws IOException {
        assertThat(Notices.due(FLVC, LocalDate.of(2024, 7, 18)))
                .singleElement()
                .satisfies(n -> assertThat(n.message()).contains("two weeks"));
        assertThat(Notices.due(FLVC, LocalDate.of(2024, 7, 31)))
                .singleElement()
                .satisfies(n -> assertThat(n.message()).contains("tomorrow"));
        assertThat(Notices.due(FLVC, LocalDate.of(2024, 8, 1)))
                .singleElement()
                .satisfies(n -> assertThat(n.message()).contains("All clear"));
        assertThat(Notices.due(FLVC, LocalDate.of(2024, 7, 19))).isEmpty();
        assertThat(Notices.due(OPAL, LocalDate.of(2024, 8, 1))).isEmpty();
        List<Path> written = Notices.write(FLVC, Notices.due(FLVC, LocalDate.of(2023, 7, 18)), outbox);
        assertThat(written)
                .singleElement()
                .satisfies(
                        f -> assertThat(Files.readString(f))
                                .startsWith(
                                        "To: ILS Coordinators listserv, Fulfillment listserv\nSubject: FLVC annual patron purge - run of 2023-08-01"));
    }

    @Test
    void reinstatementMakesPatronsActiveWithANewExpiryAndTogglesExternalAccountsBack() {
        LocalDate today = LocalDate.of(2024, 8, 1);
        try (Simulator sim =
                Simulator.create(SimulatorConfig.defaults().withToday(today)).start(0)) {
            sim.load(PopulationService.demo());
            AlmaClient alma = new AlmaClient(sim.baseUrl(), ApiKeys.DEVELOPMENT_KEY);
            ObjectNode external = new AlmaUsers(alma).get("flvc-expired-2022");
            external.putObject("status").put("value", "INACTIVE");
            new AlmaUsers(alma).put("flvc-expired-2022", external);
            ObjectNode before = new AlmaUsers(alma).get("flvc-expired-2022");

            Map<String, String> outcome = new Reinstatement(alma, AlmaJobs.Ids.ALMASIM)
                    .reinstate(OPAL, List.of("flvc-expired-2022", "opal-expired-4y", "nobody"), today);

            assertThat(outcome.get("flvc-expired-2022"))
                    .contains("toggled to INTERNAL for the edit and back to EXTERNAL");
            assertThat(outcome.get("nobody")).startsWith("not reinstated");
            ObjectNode after = new AlmaUsers(alma).get("flvc-expired-2022");
            assertThat(after.path("status").path("value").asText()).isEqualTo("ACTIVE");
            assertThat(after.path("expiry_date").asText()).isEqualTo("2025-08-01Z");
            assertThat(after.path("account_type").path("value").asText()).isEqualTo("EXTERNAL");
            assertThat(after.path("external_id").asText()).isEqualTo("SIS");
            ObjectNode unchanged = after.deepCopy();
            List.of("status", "expiry_date", "status_date").forEach(unchanged::remove);
            ObjectNode expected = before.deepCopy();
            List.of("status", "expiry_date", "status_date").forEach(expected::remove);
            assertThat(unchanged).as("every other field as it was").isEqualTo(expected);

            assertThat(new AlmaUsers(alma)
                            .get("opal-expired-4y")
                            .path("status")
                            .path("value")
                            .asText())
                    .isEqualTo("ACTIVE");
            assertThat(new AlmaUsers(alma)
                            .get("opal-expired-4y")
                            .path("account_type")
                            .path("value")
                            .asText())
                    .isEqualTo("INTERNAL");
        }
    }
}
