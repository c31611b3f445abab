package org.almasim.simulator.institutions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.almasim.simulator.Institution;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.state.StateStore;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a file database, the institutions added, their keys, their libraries and the shared date outlive a restart. */
class InstitutionRestartTest {
    @TempDir
    Path directory;

    @Test
    void anAddedInstitutionIsReopenedWithItsKeysAndPatronsAfterARestart() {
        SimulatorConfig config = SimulatorConfig.defaults()
                .withDatabase(directory.resolve("library").toString())
                .withToday(LocalDate.of(2024, 8, 1));
        try (Simulator first = Simulator.create(config).start(0)) {
            first.addInstitution(new Institution.Spec("01TEST_FSU", "Florida State", List.of("l8xx-fsu")));
            new AlmaClient(first.baseUrl(), "l8xx-fsu").createUser(Fixtures.user("fsu-only"));
            first.clock().set(LocalDate.of(2025, 3, 1));
        }
        SimulatorConfig restart = SimulatorConfig.defaults()
                .withDatabase(directory.resolve("library").toString());
        try (Simulator second = Simulator.create(restart).start(0)) {
            assertThat(second.institutions())
                    .extracting(Institution::code)
                    .containsExactly(Institution.DEFAULT_CODE, "01TEST_FSU");
            assertThat(second.clock().today()).isEqualTo(LocalDate.of(2025, 3, 1));
            AlmaClient fsu = new AlmaClient(second.baseUrl(), "l8xx-fsu");
            assertThat(fsu.getUser("fsu-only").path("primary_id").asText()).isEqualTo("fsu-only");
            String remembered = second.defaultInstitution()
                    .state()
                    .get(StateStore.INSTITUTIONS)
                    .orElseThrow();
            assertThat(remembered)
                    .as("the member's key is kept only as its hash, and still opens the member after the restart")
                    .doesNotContain("l8xx-fsu")
                    .contains(ApiKeys.HASHED + ApiKeys.hash("l8xx-fsu"));
            new AlmaClient(
                            second.baseUrl(),
                            second.institution("01TEST_FSU")
                                    .orElseThrow()
                                    .apiKeys()
                                    .processKey())
                    .getUser("fsu-only");
            assertThat(new AlmaClient(second.baseUrl(), "l8xxalmasimdevelopmentkey")
                            .getJson("/almaws/v1/users", Map.of())
                            .isOk()
                            .json()
                            .path("total_record_count")
                            .asInt())
                    .as("the default institution never had that patron")
                    .isZero();
        }
    }

    @Test
    void aSnapshotPutBackIntoTheDefaultInstitutionKeepsTheOtherInstitutions() {
        SimulatorConfig config = SimulatorConfig.defaults()
                .withDatabase(directory.resolve("library").toString())
                .withToday(LocalDate.of(2024, 8, 1));
        Path snapshot = directory.resolve("before-members.zip");
        try (Simulator first = Simulator.create(config).start(0)) {
            first.exportTo(snapshot);
            first.addInstitution(new Institution.Spec("01TEST_UCF", "Central", List.of("l8xx-ucf")));
            first.importFrom(snapshot);
        }
        try (Simulator second = Simulator.create(config).start(0)) {
            assertThat(second.institutions())
                    .extracting(Institution::code)
                    .as("the snapshot is one library's; the simulator's institutions stay")
                    .containsExactly(Institution.DEFAULT_CODE, "01TEST_UCF");
        }
    }
}
