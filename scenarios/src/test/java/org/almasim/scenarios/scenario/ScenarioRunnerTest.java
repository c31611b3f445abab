package org.almasim.scenarios.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.almasim.control.ControlPlane;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaUsers;
import org.almasim.engine.copy.Pseudonyms;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's own behaviour: what a failing expectation prints, the steps beyond the shipped stories, bad files. */
class ScenarioRunnerTest {
    private final ByteArrayOutputStream narration = new ByteArrayOutputStream();

    private ScenarioResult play(String yaml) {
        return play(yaml, Optional.empty());
    }

    private ScenarioResult play(String yaml, Optional<Path> folder) {
        Scenario scenario = ScenarioReader.read(yaml.getBytes(StandardCharsets.UTF_8), "test.yaml");
        return new ScenarioRunner(new PrintStream(narration, true, StandardCharsets.UTF_8))
                .run(new ScenarioReader.Loaded(scenario, "test.yaml", folder));
    }

    private String narration() {
        return narration.toString(StandardCharsets.UTF_8);
    }

    private static final String LIBRARY = """
            name: a small library
            start: 2024-03-01
            policies: [opal-lifecycle]
            patron_defaults: {record_type: {value: PUBLIC}, account_type: {value: INTERNAL}, user_group: {value: GRAD},
                              expiry_date: 2026-05-31}
            population:
              items: [{barcode: "B-1", title: A book}]
              users:
                - {primary_id: reader, last_name: Reader}
                - {primary_id: other, last_name: Other}
            sets:
              - {name: OPAL expired a week, query: "expiry_date on_or_before today-7d and status = ACTIVE"}
              - {name: OPAL expired three years, query: "expiry_date before today-3y"}
            """;

    @Test
    void aStepThatFailsIsNotCountedAsDoneAndCanBeTriedAgain() {
        Scenario scenario = ScenarioReader.read((LIBRARY + """
                timeline:
                  - return: {user: reader, barcode: "B-1"}
                """).getBytes(StandardCharsets.UTF_8), "test.yaml");
        try (Simulator simulator = Simulator.create(SimulatorConfig.defaults().withToday(scenario.start()))
                .start(0)) {
            AlmaClient alma = new AlmaClient(simulator.baseUrl(), ApiKeys.DEVELOPMENT_KEY);
            ScenarioPlay play = new ScenarioPlay(
                    new ScenarioReader.Loaded(scenario, "test.yaml", Optional.empty()),
                    alma,
                    ControlPlane.at(simulator.baseUrl(), ApiKeys.DEVELOPMENT_KEY),
                    Narration.printedTo(new PrintStream(narration, true, StandardCharsets.UTF_8)),
                    run -> {});
            play.start();
            assertThatThrownBy(play::step)
                    .isInstanceOf(ScenarioException.class)
                    .hasMessageContaining("has no loan of B-1");
            assertThat(play.nextStep())
                    .as("the failed step is still the next one")
                    .isZero();

            ObjectNode desk = new ObjectMapper().createObjectNode();
            desk.putObject("circ_desk").put("value", "DEFAULT_CIRC_DESK");
            desk.putObject("library").put("value", "MAIN");
            alma.post(AlmaUsers.path("reader") + "/loans", Map.of("item_barcode", "B-1"), desk);
            play.step();
            assertThat(play.hasNext()).isFalse();
        }
    }

    @Test
    void aFailedExpectationSaysWhatWasExpectedAndWhatWasThere() {
        ScenarioResult result = play(LIBRARY + """
                timeline:
                  - expect:
                      - {patron: reader, status: INACTIVE}
                      - {count: 5}
                """);
        assertThat(result.passed()).isFalse();
        assertThat(result.failures())
                .containsExactly(
                        "2024-03-01 timeline[0] expect[0]: patron reader status: expected INACTIVE, actual ACTIVE",
                        "2024-03-01 timeline[0] expect[1]: patrons count: expected 5, actual 2");
        assertThat(narration()).contains("FAILED: a small library (2 of 2 expectations did not hold)");
    }

    @Test
    void patronEventsGoThroughTheApiAndBlockThePurgeUntilSettled() {
        ScenarioResult result = play(LIBRARY + """
                timeline:
                  - checkout: {user: reader, barcode: "B-1"}
                  - fine: {user: reader, amount: 4.50}
                  - fine: {user: other, amount: 2.00}
                  - pay: {user: reader, amount: 1.50}
                  - waive: {user: other}
                  - add_to_set: {set: Community patrons, users: [reader, other]}
                  - remove_from_set: {set: Community patrons, users: [other]}
                  - run: {stages: [purge], mode: per_user}
                    expect:
                      - {patron: reader, exists: true}
                      - last_run: {purged: 0}
                  - return: {user: reader, barcode: "B-1"}
                """);
        assertThat(result.failures()).isEmpty();
        assertThat(narration())
                .contains(
                        "reader borrows B-1",
                        "reader pays 1.50",
                        "other's fines are waived",
                        "added to Community patrons: reader, other",
                        "removed from Community patrons: other",
                        "reader returns B-1");
    }

    @Test
    void anSisLoadFromAFileCreatesAndUpdatesExternalUsersAndLeavesInternalOnes(@TempDir Path folder)
            throws IOException {
        Files.writeString(folder.resolve("sis.yaml"), """
                users:
                  - {primary_id: newcomer, first_name: Nia, last_name: New, user_group: {value: UNDERGRAD}, expiry_date: 2027-05-31}
                  - {primary_id: reader, expiry_date: 2030-01-01}
                """);
        ScenarioResult result = play(LIBRARY + """
                timeline:
                  - sis_load: {file: sis.yaml}
                    expect:
                      - {patron: newcomer, account_type: EXTERNAL, expiry_date: 2027-05-31}
                      - {patron: reader, expiry_date: 2026-05-31}
                      - {count: 3}
                """, Optional.of(folder));
        assertThat(result.failures()).isEmpty();
        assertThat(narration()).contains("SIS load: 1 created, 0 updated, 1 INTERNAL left as they are;");
    }

    @Test
    void anSisLoadRejectsAUserAlmaRefusesAndLoadsTheOthersAsAlmasJobDoes() {
        ScenarioResult result = play(LIBRARY + """
                timeline:
                  - sis_load:
                      users:
                        - {primary_id: typo, last_name: Typo, user_group: {value: UNDERGARD}, expiry_date: 2027-05-31}
                        - {primary_id: newcomer, last_name: New, user_group: {value: UNDERGRAD}, expiry_date: 2027-05-31}
                    expect:
                      - {patron: newcomer, account_type: EXTERNAL}
                      - {patron: typo, exists: false}
                """, Optional.empty());
        assertThat(result.failures()).isEmpty();
        assertThat(narration())
                .contains("SIS load: 1 created, 0 updated, 1 rejected (the step's users, line 2 (user 1): ")
                .contains("UNDERGARD");
    }

    @Test
    void anSisLoadReadsTheXmlASisSendsAlmaAsAlmasExportWritesIt(@TempDir Path folder) throws IOException {
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(folder.resolve("sis.zip")))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("users_1.xml"));
            zip.write("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <users>
                      <user>
                        <primary_id>newcomer</primary_id>
                        <first_name>Nia</first_name>
                        <last_name>New</last_name>
                        <user_group>UNDERGRAD</user_group>
                        <expiry_date>2027-05-31Z</expiry_date>
                        <contact_info>
                          <emails>
                            <email preferred="true" segment_type="External">
                              <email_address>nia@example.edu</email_address>
                              <email_types><email_type>personal</email_type></email_types>
                            </email>
                          </emails>
                        </contact_info>
                      </user>
                      <user><primary_id>reader</primary_id><expiry_date>2030-01-01Z</expiry_date></user>
                    </users>
                    """.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        ScenarioResult result = play(LIBRARY + """
                timeline:
                  - sis_load: {file: sis.zip}
                    expect:
                      - {patron: newcomer, account_type: EXTERNAL, expiry_date: 2027-05-31}
                      - {patron: reader, expiry_date: 2026-05-31}
                      - {count: 3}
                """, Optional.of(folder));
        assertThat(result.failures()).isEmpty();
        assertThat(narration()).contains("SIS load: 1 created, 0 updated, 1 INTERNAL left as they are;");
    }

    @Test
    void anSisLoadOnACopyIsPseudonymizedByTheCopysSaltSoItsUsersMeetTheirCopies(@TempDir Path folder)
            throws IOException {
        Pseudonyms pseudonyms =
                Pseudonyms.fromFile(folder.resolve("almasim.salt")).pseudonyms();
        String copiedSmith = pseudonyms.primaryId("jsmith");
        String copiedNewcomer = pseudonyms.primaryId("nreal");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(folder.resolve("sis.zip")))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("users_1.xml"));
            zip.write("""
                    <users>
                      <user><primary_id>jsmith</primary_id><first_name>John</first_name><last_name>Smith</last_name>
                        <expiry_date>2030-01-01Z</expiry_date></user>
                      <user><primary_id>nreal</primary_id><first_name>Nadia</first_name><last_name>Real</last_name>
                        <user_group>UNDERGRAD</user_group><expiry_date>2029-05-31Z</expiry_date></user>
                    </users>
                    """.getBytes(StandardCharsets.UTF_8));
        }
        ScenarioResult result = play(
                LIBRARY.replace("""
                    - {primary_id: other, last_name: Other}
                """, """
                    - {primary_id: other, last_name: Other}
                    - {primary_id: %s, last_name: Lomi, account_type: {value: EXTERNAL}, external_id: SIS}
                """.formatted(copiedSmith)) + """
                timeline:
                  - sis_load: {file: sis.zip, salt_file: almasim.salt}
                    expect:
                      - {patron: %s, expiry_date: 2030-01-01}
                      - {patron: %s, account_type: EXTERNAL, expiry_date: 2029-05-31}
                      - {patron: jsmith, exists: false}
                      - {patron: nreal, exists: false}
                      - {count: 4}
                """.formatted(copiedSmith, copiedNewcomer),
                Optional.of(folder));

        assertThat(result.failures()).isEmpty();
        assertThat(narration())
                .contains("SIS load: 1 created, 1 updated;")
                .doesNotContain("Smith")
                .doesNotContain("Nadia");
    }

    @Test
    void anSisLoadWithASaltFileThatDoesNotExistIsRefusedNamingIt(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("sis.yaml"), "users: [{primary_id: x, last_name: X}]\n");

        assertThatThrownBy(() -> play(LIBRARY + """
                        timeline:
                          - sis_load: {file: sis.yaml, salt_file: missing.salt}
                        """, Optional.of(folder)))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("missing.salt does not exist");
        assertThat(folder.resolve("missing.salt")).doesNotExist();
    }

    @Test
    void aScenarioStartsFromASnapshotOfALibraryAndAddsItsOwnOnTop(@TempDir Path folder) {
        try (Simulator production = Simulator.create(
                        SimulatorConfig.defaults().withToday(java.time.LocalDate.of(2024, 1, 15)))
                .start(0)) {
            ControlPlane.at(production.baseUrl(), ApiKeys.DEVELOPMENT_KEY).loadPopulation("""
                    users:
                      - {primary_id: copied-leaver, account_type: {value: INTERNAL}, user_group: {value: GRAD},
                         expiry_date: 2020-05-31, purge_date: 2020-05-31}
                      - {primary_id: copied-stayer, account_type: {value: INTERNAL}, user_group: {value: GRAD},
                         expiry_date: 2027-05-31}
                    sets:
                      - {name: Community patrons, members: [copied-stayer]}
                    """);
            production.exportTo(folder.resolve("library.zip"));
        }

        ScenarioResult result = play("""
                name: a copy of a library
                start: 2024-03-01
                snapshot: library.zip
                policies: [opal-lifecycle]
                population:
                  users:
                    - {primary_id: added, account_type: {value: INTERNAL}, user_group: {value: GRAD},
                       expiry_date: 2026-05-31}
                sets:
                  - {name: OPAL expired a week, query: "expiry_date on_or_before today-7d and status = ACTIVE"}
                  - {name: OPAL expired three years, query: "expiry_date before today-3y"}
                timeline:
                  - run: {policy: opal-lifecycle}
                    expect:
                      - {patron: copied-leaver, exists: false}
                      - {patron: copied-stayer, status: ACTIVE}
                      - {patron: added, status: ACTIVE}
                      - {count: 2}
                """, Optional.of(folder));

        assertThat(result.failures()).isEmpty();
        assertThat(narration()).contains("start: library.zip (3 patrons in all), adding 1 patrons");
    }

    @Test
    void aSnapshotThatIsNotThereIsRefusedNamingIt(@TempDir Path folder) {
        assertThatThrownBy(() -> play("""
                        name: x
                        start: 2024-03-01
                        snapshot: missing.zip
                        timeline: []
                        """, Optional.of(folder)))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("missing.zip");
    }

    @Test
    void aStepWithTwoActionsIsRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> ScenarioReader.read("""
                name: x
                start: 2024-01-01
                policies: [flvc-annual]
                timeline:
                  - {advance: P1D, run: {policy: flvc-annual}}
                  - run: {policy: nobody-knows}
                  - expect: [{patron: a, count: 1}]
                """.getBytes(StandardCharsets.UTF_8), "x.yaml"))
                .isInstanceOfSatisfying(
                        ScenarioException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "line 5: timeline/0: one action a step, found [advance, run]",
                                        "line 6: timeline/1/run: policy 'nobody-knows' is not one of the scenario's"
                                                + " policies [flvc-annual]",
                                        "line 7: timeline/2/expect/0: give exactly one of patron, count and last_run"));
    }

    @Test
    void aConsortiumScenarioNamesTheMemberOfEveryCheckAndOfEveryLibrarysOwnDoing() {
        assertThatThrownBy(() -> ScenarioReader.read("""
                name: x
                start: 2024-01-01
                policies: [flvc-annual]
                members:
                  - {code: 01TEST_ONE}
                  - {code: 01TEST_ONE}
                timeline:
                  - advance: P1D
                    expect: [{patron: a, exists: true}]
                  - {member: 01TEST_TWO, pay: {user: a}}
                  - return: {user: a, barcode: B-1}
                """.getBytes(StandardCharsets.UTF_8), "x.yaml"))
                .isInstanceOfSatisfying(
                        ScenarioException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "line 6: members/1/code: 01TEST_ONE is listed twice",
                                        "line 9: timeline/0/expect/0: name the member it concerns, one of [01TEST_ONE,"
                                                + " 01TEST_ONE]",
                                        "line 10: timeline/1/member: '01TEST_TWO' is not one of the scenario's members"
                                                + " [01TEST_ONE, 01TEST_ONE]",
                                        "line 11: timeline/2: name the member it concerns, one of [01TEST_ONE,"
                                                + " 01TEST_ONE]"));
    }

    @Test
    void aPolicyWrittenOutInAScenarioIsCheckedAtTheScenariosOwnLines() {
        assertThatThrownBy(() -> ScenarioReader.read("""
                name: x
                start: 2024-01-01
                policies:
                  - name: inline
                    purge:
                      by: birth_date
                      older_than: P3Y
                      grace_days: -1
                """.getBytes(StandardCharsets.UTF_8), "x.yaml"))
                .isInstanceOfSatisfying(
                        ScenarioException.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(p -> assertThat(p).startsWith("line 6: policies/0/purge/by: "))
                                .anySatisfy(p -> assertThat(p).startsWith("line 8: policies/0/purge/grace_days: ")));
    }

    @Test
    void aMisspeltFieldIsReportedWithItsLine() {
        assertThatThrownBy(() -> ScenarioReader.read("""
                name: x
                start: 2024-01-01
                timline: []
                """.getBytes(StandardCharsets.UTF_8), "x.yaml"))
                .isInstanceOfSatisfying(
                        ScenarioException.class,
                        e -> assertThat(e.problems().get(0))
                                .startsWith("line 3: ")
                                .contains("timline"));
    }

    @Test
    void aFaultsStepMakesAlmaFailFromThereOnAndTheScenarioEndsItsFaults() {
        ScenarioResult result = play("""
                name: Alma refuses one deletion
                start: 2024-08-01
                policies:
                  - name: purge now
                    purge: {by: purge_date, older_than: P0D}
                    safety: {allow_everyone: true}
                patron_defaults: {record_type: {value: PUBLIC}, account_type: {value: INTERNAL}, user_group: {value: GRAD},
                                  purge_date: 2024-01-01}
                population:
                  users: [{primary_id: kept}, {primary_id: gone}]
                timeline:
                  - say: Alma refuses to delete one patron, whatever the engine sends.
                    faults: [{fault: DELETE_REFUSED, user: kept}]
                  - run: {mode: per_user}
                    expect:
                      - {patron: kept, exists: true}
                      - {patron: gone, exists: false}
                      - {last_run: {exceptions: 1, exception_for: [kept]}}
                  - faults: []
                  - run: {mode: per_user}
                    expect:
                      - {patron: kept, exists: false}
                """);

        assertThat(result.failures()).isEmpty();
        assertThat(narration()).contains("Alma starts failing").contains("Alma answers normally again");
    }

    @Test
    void aCandidateSetsPurgeByTheJobIsNarratedAsAlmasDecisionNotAPrediction() {
        ScenarioResult result = play("""
                name: OPAL's monthly purge on its logical set
                start: 2024-08-01
                policies:
                  - name: monthly purge
                    purge: {by: expiry_date, older_than: P3Y, candidates_set: Expired three years}
                    safety: {allow_everyone: true}
                patron_defaults: {record_type: {value: PUBLIC}, account_type: {value: INTERNAL}, user_group: {value: GRAD},
                                  expiry_date: 2020-01-01}
                population:
                  items: [{barcode: "B-1", title: A book}]
                  users: [{primary_id: borrower}, {primary_id: leaver}]
                  loans: [{user: borrower, barcode: "B-1", loan_date: 2024-07-01}]
                sets:
                  - {name: Expired three years, query: "expiry_date before today-3y"}
                timeline:
                  - run: {mode: job}
                    expect:
                      - {patron: leaver, exists: false}
                      - {patron: borrower, exists: true}
                      - {last_run: {held_back: 0, exception_for: [borrower], differences: 0}}
                """);

        assertThat(result.failures()).isEmpty();
        assertThat(narration()).contains("left to Alma's job");
    }
}
