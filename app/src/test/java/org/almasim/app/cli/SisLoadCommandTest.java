package org.almasim.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.almasim.control.ControlPlane;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaUsers;
import org.almasim.engine.copy.Pseudonyms;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code almasim sis-load} as a library runs it: its real SIS feed on a pseudonymized copy of itself. */
class SisLoadCommandTest {
    @TempDir
    Path directory;

    private Simulator copy;
    private AlmaClient alma;
    private Path salt;
    private Pseudonyms pseudonyms;
    private Path feed;

    @BeforeEach
    void aCopyOfTheLibrary() throws IOException {
        copy = Simulator.create(SimulatorConfig.defaults().withToday(LocalDate.of(2026, 7, 1)))
                .start(0);
        alma = new AlmaClient(copy.baseUrl(), ApiKeys.DEVELOPMENT_KEY);
        salt = directory.resolve("almasim.salt");
        pseudonyms = Pseudonyms.fromFile(salt).pseudonyms();
        ControlPlane.at(copy.baseUrl(), ApiKeys.DEVELOPMENT_KEY)
                .loadPopulation("""
                        users:
                          - {primary_id: %s, first_name: Lomi, last_name: Bedaku, account_type: {value: EXTERNAL},
                             external_id: SIS, user_group: {value: UNDERGRAD}, expiry_date: 2026-05-31}
                        """.formatted(pseudonyms.primaryId("jsmith")));
        feed = Files.writeString(directory.resolve("sis.xml"), """
                <users>
                  <user><primary_id>jsmith</primary_id><first_name>John</first_name><last_name>Smith</last_name>
                    <user_group>GRAD</user_group><expiry_date>2030-05-31Z</expiry_date></user>
                  <user><primary_id>nreal</primary_id><first_name>Nadia</first_name><last_name>Real</last_name>
                    <user_group>UNDERGRAD</user_group><expiry_date>2029-05-31Z</expiry_date></user>
                  <user><primary_id>typo</primary_id><last_name>Typo</last_name><user_group>UNDERGARD</user_group>
                    </user>
                </users>
                """, StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("copy.key"), ApiKeys.DEVELOPMENT_KEY + "\n");
    }

    @AfterEach
    void stop() {
        copy.close();
    }

    @Test
    void aRealFeedIsPseudonymizedByTheCopysSaltSoItsUsersMeetTheirCopies() {
        CommandOutcome load = run(
                "sis-load",
                feed.toString(),
                "--into",
                copy.baseUrl(),
                "--into-key-file",
                directory.resolve("copy.key").toString(),
                "--salt-file",
                salt.toString());

        assertThat(load.exit()).as(load.err()).isZero();
        assertThat(load.out())
                .contains("sis.xml: 3 users: 1 created, 1 updated, 0 INTERNAL left as they are, 1 rejected")
                .contains("(user 3)")
                .contains("UNDERGARD")
                .doesNotContain("jsmith")
                .doesNotContain("Smith");
        var updated = new AlmaUsers(alma)
                .find(pseudonyms.primaryId("jsmith"), Map.of())
                .orElseThrow();
        assertThat(updated.path("expiry_date").asText()).startsWith("2030-05-31");
        assertThat(updated.path("user_group").path("value").asText()).isEqualTo("GRAD");
        assertThat(updated.path("last_name").asText()).isEqualTo(pseudonyms.lastName("jsmith"));
        assertThat(new AlmaUsers(alma).find(pseudonyms.primaryId("nreal"), Map.of()))
                .isPresent();
        assertThat(new AlmaUsers(alma).find("jsmith", Map.of())).isEmpty();
        assertThat(new AlmaUsers(alma).find("nreal", Map.of())).isEmpty();
    }

    @Test
    void everyOptionIsCheckedBeforeAnythingIsSent() throws IOException {
        String keyFile = directory.resolve("copy.key").toString();
        String url = copy.baseUrl();
        Path broken = Files.writeString(directory.resolve("old.xml"), "<userRecords><userRecord/></userRecords>");

        CommandOutcome noChoice = run("sis-load", feed.toString(), "--into", url, "--into-key-file", keyFile);
        CommandOutcome missingSalt = run(
                "sis-load",
                feed.toString(),
                "--into",
                url,
                "--into-key-file",
                keyFile,
                "--salt-file",
                directory.resolve("new.salt").toString());
        CommandOutcome versionOne = run(
                "sis-load", feed.toString(), broken.toString(), "--into", url, "--into-key-file", keyFile, "--as-is");
        CommandOutcome insecure = run(
                "sis-load",
                feed.toString(),
                "--into",
                "http://alma.example.org",
                "--into-key-file",
                keyFile,
                "--as-is");

        assertThat(noChoice.err()).contains("--salt-file").contains("--as-is");
        assertThat(missingSalt.err()).contains("new.salt does not exist");
        assertThat(directory.resolve("new.salt")).doesNotExist();
        assertThat(versionOne.err()).contains("old.xml").contains("version 2");
        assertThat(insecure.err()).contains("--into");
        for (CommandOutcome refused : new CommandOutcome[] {noChoice, missingSalt, versionOne, insecure}) {
            assertThat(refused.exit()).isEqualTo(CommandFailure.CANNOT_START);
        }
        assertThat(new AlmaUsers(alma).all()).as("nothing was loaded").hasSize(1);
    }

    private static CommandOutcome run(String... args) {
        return CommandOutcome.of(args);
    }
}
