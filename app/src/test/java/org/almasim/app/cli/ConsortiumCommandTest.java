package org.almasim.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.almasim.simulator.Institution;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code almasim policy ... --consortium FILE} against two member colleges of one simulator, as a coordinator runs it. */
class ConsortiumCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private Simulator simulator;
    private Path file;

    @BeforeEach
    void twoColleges() throws IOException {
        simulator = Simulator.create(SimulatorConfig.defaults().withToday(LocalDate.of(2024, 8, 1)))
                .start(0);
        simulator.addInstitution(Institution.Spec.of("01FALSC_FSU")).load("demo", 42);
        simulator.addInstitution(Institution.Spec.of("01FALSC_UCF")).load("synthetic:120", 7);
        Files.writeString(directory.resolve("fsu.key"), ApiKeys.developmentKey("01FALSC_FSU"));
        Files.writeString(directory.resolve("ucf.key"), ApiKeys.developmentKey("01FALSC_UCF"));
        // A third member whose key file holds FSU's key by mistake.
        Files.writeString(directory.resolve("uwf.key"), ApiKeys.developmentKey("01FALSC_FSU"));
        file = directory.resolve("flvc.yaml");
        Files.writeString(file, """
                name: FLVC
                members:
                  - {code: 01FALSC_FSU, alma_url: "%1$s", api_key_file: fsu.key, coordinators: [fsu-ils@example.edu]}
                  - {code: 01FALSC_UCF, alma_url: "%1$s", api_key_file: ucf.key}
                """.formatted(simulator.baseUrl()));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aPreviewHasASectionPerMemberAndTheConsortiumsTotals() throws IOException {
        Outcome preview = run(
                "policy", "preview", "--policy", "flvc-annual", "--consortium", file.toString(), "--format", "json");

        assertThat(preview.exit()).isZero();
        JsonNode report = JSON.readTree(preview.out());
        assertThat(report.path("members"))
                .extracting(m -> m.path("code").asText())
                .containsExactly("01FALSC_FSU", "01FALSC_UCF");
        assertThat(report.path("members"))
                .extracting(m -> m.path("status").asText())
                .containsOnly("FINISHED");
        int fsu = report.path("members").get(0).path("figures").path("patrons").asInt();
        int ucf = report.path("members").get(1).path("figures").path("patrons").asInt();
        assertThat(fsu).isEqualTo(13);
        assertThat(ucf).isEqualTo(120);
        assertThat(report.path("totals").path("patrons").asInt()).isEqualTo(fsu + ucf);
        assertThat(report.path("members")
                        .get(0)
                        .path("report")
                        .path("decisions")
                        .size())
                .isEqualTo(13);
    }

    @Test
    void aMemberWhoseKeyOpensAnotherInstitutionStopsAloneAndTheCommandSaysSo() throws IOException {
        Files.writeString(
                file,
                Files.readString(file) + "  - {code: 01FALSC_UWF, alma_url: \"" + simulator.baseUrl()
                        + "\", api_key_file: uwf.key}\n");

        Outcome run =
                run("policy", "run", "--policy", "flvc-annual", "--consortium", file.toString(), "--format", "csv");

        assertThat(run.exit()).as("a member stopped").isEqualTo(1);
        assertThat(run.out().lines())
                .anyMatch(line -> line.startsWith("01FALSC_FSU,01FALSC_FSU,FINISHED,"))
                .anyMatch(line -> line.startsWith("01FALSC_UWF,01FALSC_UWF,STOPPED,")
                        && line.contains("opens institution 01FALSC_FSU, not 01FALSC_UWF"))
                .anyMatch(line -> line.startsWith(",FLVC,TOTAL,"));
        assertThat(run.err()).contains("Member 01FALSC_UWF stopped");
    }

    @Test
    void eachMembersNoticesGoToItsCoordinatorsToo() {
        Outcome notices = run(
                "policy",
                "notices",
                "--policy",
                "flvc-annual",
                "--consortium",
                file.toString(),
                "--as-of",
                "2024-07-18");

        assertThat(notices.exit()).isZero();
        String fsu = notices.out().substring(0, notices.out().indexOf("== 01FALSC_UCF =="));
        String ucf = notices.out().substring(notices.out().indexOf("== 01FALSC_UCF =="));
        assertThat(fsu).contains("fsu-ils@example.edu").contains("ILS Coordinators listserv");
        assertThat(ucf).contains("ILS Coordinators listserv").doesNotContain("fsu-ils@example.edu");
    }

    @Test
    void aConsortiumFileThatHoldsAKeyIsRefusedWithItsLineBeforeAnyCall() throws IOException {
        Files.writeString(file, """
                name: FLVC
                members:
                  - {code: 01FALSC_FSU, alma_url: "%s", api_key: l8xx01falscfsu}
                """.formatted(simulator.baseUrl()));
        String before =
                simulator.journal().find(Optional.empty(), Optional.empty()).toString();

        Outcome run = run("policy", "run", "--policy", "flvc-annual", "--consortium", file.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Cannot use " + file).contains("line 3: members/0/api_key: not a field here");
        assertThat(simulator.journal().find(Optional.empty(), Optional.empty()).toString())
                .as("no call reached Alma")
                .isEqualTo(before);
    }

    @Test
    void withoutAnAlmaOrAConsortiumTheCommandSaysWhatToGive() {
        Outcome preview = run("policy", "preview", "--policy", "flvc-annual");
        assertThat(preview.exit()).isEqualTo(2);
        assertThat(preview.err()).contains("give --alma-url and an API key, or --consortium FILE");
    }

    private record Outcome(int exit, String out, String err) {}

    private static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new AlmasimCommand())
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(args);
        return new Outcome(exit, out.toString(), err.toString());
    }
}
