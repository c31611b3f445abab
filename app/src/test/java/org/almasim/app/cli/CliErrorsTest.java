package org.almasim.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.population.PopulationService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A command that cannot do its work says why in one line, with an exit code, and never echoes a file it could not use. */
class CliErrorsTest {
    @TempDir
    Path folder;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = AlmasimCommand.commandLine();
        cli.setErr(new PrintWriter(err, true)).setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    @Test
    void aBusyPortIsOneLineAndExitCodeThree() {
        try (Simulator taken = Simulator.create(SimulatorConfig.defaults()).start(0)) {
            assertThat(run("serve", "--port", String.valueOf(taken.port()))).isEqualTo(CommandFailure.CANNOT_START);
        }
        assertThat(err.toString().strip())
                .startsWith("almasim: the port is already in use")
                .doesNotContain("\n")
                .doesNotContain("at org.");
    }

    @Test
    void aDatabaseAnotherProcessHoldsIsExplainedInOneLine() {
        // H2 refuses a second process with DATABASE_ALREADY_OPEN (90020), wrapped by the pool; one process shares its
        // own database, so this is the error itself rather than a second process.
        var inUse = new RuntimeException(
                "Failed to initialize pool", new SQLException("Database may be already in use", "90020", 90020));
        assertThat(CommandFailure.explain(inUse))
                .contains("the database is in use by another process; stop it or choose another --db");
        assertThat(CommandFailure.explain(new IllegalStateException("something else")))
                .isEmpty();
    }

    @Test
    void aFileThatIsNotAScenarioIsNotEchoed() throws IOException {
        Path secrets = Files.writeString(
                folder.resolve("secrets.txt"), "root:x:0:0:root:/root:/bin/bash with a password hunter2\n");
        assertThat(run("scenario", "run", secrets.toString())).isNotZero();
        assertThat(err.toString())
                .contains("secrets.txt")
                .doesNotContain("root:x")
                .doesNotContain("hunter2");
    }

    @Test
    void anUnreadablePopulationFileIsNamedNotShown() {
        assertThat(run(
                        "serve",
                        "--port",
                        "0",
                        "--population",
                        folder.resolve("missing.yaml").toString()))
                .isEqualTo(CommandFailure.CANNOT_START);
        assertThat(err.toString().strip())
                .startsWith("almasim: cannot read the population file")
                .contains("missing.yaml");
    }

    @Test
    void aKeyIsNeverSentOverPlainHttpToAnotherMachine() {
        int exit = run(
                "policy",
                "preview",
                "--policy",
                "flvc-annual",
                "--alma-url",
                "http://alma.example.org",
                "--api-key",
                "l8xxsecret");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip())
                .startsWith("Cannot use --alma-url")
                .contains("plain http")
                .contains("--allow-insecure")
                .doesNotContain("l8xxsecret")
                .doesNotContain("\tat ");
    }

    @Test
    void aDatabasePathThatWouldRunSqlIsRefusedInOneLine() {
        Path marker = folder.resolve("ran");
        String evil = folder.resolve("lib") + ";INIT=CALL FILE_WRITE(STRINGTOUTF8('x'), '" + marker + "')";

        assertThat(run("serve", "--port", "0", "--db", evil)).isEqualTo(CommandFailure.CANNOT_START);
        assertThat(err.toString().strip())
                .startsWith("almasim: ")
                .contains("cannot hold ';'")
                .doesNotContain("\tat ");
        assertThat(marker).doesNotExist();
    }

    @Test
    void aSnapshotThatCannotBeImportedIsOneLine() throws IOException {
        Path notZip = folder.resolve("library.zip");
        Files.writeString(notZip, "-- H2 2.2.224;\nCALL 1;\n");

        assertThat(run("serve", "--port", "0", "--import", notZip.toString())).isEqualTo(CommandFailure.CANNOT_START);
        assertThat(run(
                        "serve",
                        "--port",
                        "0",
                        "--import",
                        folder.resolve("missing.zip").toString()))
                .isEqualTo(CommandFailure.CANNOT_START);
        assertThat(err.toString().strip().lines().toList())
                .hasSize(2)
                .allSatisfy(line -> assertThat(line).startsWith("almasim: "));
    }

    /** The demo library on a running simulator, for the policy commands' checks. */
    private static Simulator demoLibrary() {
        Simulator simulator = Simulator.create(SimulatorConfig.defaults().withToday(LocalDate.of(2024, 8, 1)))
                .start(0);
        simulator.load(PopulationService.demo());
        return simulator;
    }

    private static int users(Simulator simulator) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/almaws/v1/users?limit=1"))
                                .header("Authorization", "apikey " + ApiKeys.DEVELOPMENT_KEY)
                                .header("Accept", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper()
                .readTree(answer.body())
                .path("total_record_count")
                .asInt();
    }

    @Test
    void aRunWhoseOptionsAreWrongIsRefusedBeforeAnythingIsRead() throws Exception {
        try (Simulator simulator = demoLibrary()) {
            String url = simulator.baseUrl();
            String key = ApiKeys.DEVELOPMENT_KEY;
            int before = users(simulator);
            int journalled =
                    simulator.journal().find(Optional.empty(), Optional.empty()).size();

            int xml = run(
                    "policy", "run", "--policy", "flvc-annual", "--alma-url", url, "--api-key", key, "--format", "xml");
            int mode = run(
                    "policy",
                    "run",
                    "--policy",
                    "flvc-annual",
                    "--alma-url",
                    url,
                    "--api-key",
                    key,
                    "--mode",
                    "sometimes");
            int spaced = run(
                    "policy",
                    "preview",
                    "--policy",
                    "flvc-annual",
                    "--alma-url",
                    "http://bad host:8080",
                    "--api-key",
                    key);
            int schemeless = run(
                    "policy", "preview", "--policy", "flvc-annual", "--alma-url", "localhost:8080", "--api-key", key);
            int noVariable = run(
                    "policy",
                    "preview",
                    "--policy",
                    "flvc-annual",
                    "--alma-url",
                    url,
                    "--api-key-env",
                    "ALMASIM_TEST_VARIABLE_NOBODY_SETS");
            int twoKeys = run(
                    "policy",
                    "preview",
                    "--policy",
                    "flvc-annual",
                    "--alma-url",
                    url,
                    "--api-key",
                    key,
                    "--api-key-env",
                    "HOME");

            assertThat(List.of(xml, mode, spaced, schemeless, noVariable, twoKeys))
                    .containsOnly(2);
            assertThat(err.toString())
                    .contains("Cannot use --format: use text, csv, json, not 'xml'")
                    .contains("use job or per-user, not 'sometimes'")
                    .contains("Cannot use --alma-url")
                    .contains("http:// or https://")
                    .contains("ALMASIM_TEST_VARIABLE_NOBODY_SETS is not set")
                    .contains("give one of --api-key, --api-key-env VAR and --api-key-file FILE")
                    .doesNotContain("Unknown format 'text'");
            assertThat(users(simulator)).as("nothing was purged").isEqualTo(before);
            assertThat(simulator.journal().find(Optional.empty(), Optional.empty()))
                    .as("no request reached Alma's API")
                    .hasSize(journalled + 1);
        }
    }

    @Test
    void aKeyFromAFileAndTheConsolesSpellingOfAModeAreTaken() throws Exception {
        try (Simulator simulator = demoLibrary()) {
            Path keyFile = folder.resolve("key");
            Files.writeString(keyFile, ApiKeys.DEVELOPMENT_KEY + "\n");

            int preview = run(
                    "policy",
                    "preview",
                    "--policy",
                    "flvc-annual",
                    "--alma-url",
                    simulator.baseUrl(),
                    "--api-key-file",
                    keyFile.toString());
            int perUser = run(
                    "policy",
                    "run",
                    "--policy",
                    "flvc-annual",
                    "--alma-url",
                    simulator.baseUrl(),
                    "--api-key-file",
                    keyFile.toString(),
                    "--mode",
                    "per_user",
                    "--as-of",
                    "2024-08-01");

            assertThat(preview).as(err.toString()).isZero();
            assertThat(perUser).as(err.toString()).isZero();
            assertThat(users(simulator)).as("the demo's five FLVC purges").isEqualTo(8);
        }
    }
}
