package org.almasim.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaSets;
import org.almasim.engine.alma.AlmaUsers;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code almasim import --from-alma} as a library runs it: an almasim standing in for its production Alma. */
class ImportCommandTest {
    private static final LocalDate TODAY = LocalDate.of(2024, 8, 1);

    @TempDir
    Path directory;

    private Simulator production;
    private Path key;

    @BeforeEach
    void production() throws IOException {
        production = Simulator.create(SimulatorConfig.defaults()
                        .withToday(TODAY)
                        .withApiKeys(List.of(ApiKeys.DEVELOPMENT_KEY, "l8xxreadonlykey:ro")))
                .start(0);
        production.load("demo", 42);
        key = directory.resolve("alma.key");
        Files.writeString(key, "l8xxreadonlykey\n");
    }

    @AfterEach
    void stop() {
        production.close();
    }

    @Test
    void aCopyWithAReadOnlyKeyBecomesASnapshotThatServesTheLibraryUnderPseudonyms() throws IOException {
        Path snapshot = directory.resolve("library.zip");

        CommandOutcome copy = copyFromProduction(snapshot);

        assertThat(copy.exit()).as(copy.err()).isZero();
        assertThat(copy.out()).contains("Copied 13 users");
        assertThat(copy.err()).contains("made the salt file").doesNotContain("l8xxreadonlykey");
        assertThat(personalValues())
                .as("the command's output names nobody")
                .noneMatch(value -> (copy.out() + copy.err()).contains(value));
        assertThat(directory.resolve("library.zip.work")).doesNotExist();
        assertThat(directory.resolve("library.zip.state.json"))
                .as("a finished copy leaves no state")
                .doesNotExist();
        try (Simulator rehearsal =
                Simulator.create(SimulatorConfig.defaults().withToday(TODAY)).start(0)) {
            rehearsal.importFrom(snapshot);
            List<String> ids = new AlmaUsers(new AlmaClient(rehearsal.baseUrl(), ApiKeys.DEVELOPMENT_KEY))
                    .all().stream()
                            .map(user -> user.path("primary_id").asText())
                            .toList();
            assertThat(ids).hasSize(13).allMatch(id -> id.matches("p-[0-9a-f]{16}"));
        }
        assertThat(Files.readString(directory.resolve("salt"))).matches("[0-9a-f]{64}\\n");
    }

    @Test
    void aCopyOfASetsMembersGoesIntoARunningAlmasimThroughItsControlPlane() throws IOException {
        AlmaClient alma = new AlmaClient(production.baseUrl(), ApiKeys.DEVELOPMENT_KEY);
        new AlmaSets(alma).itemized("Rehearsal", List.of("flvc-no-dates", "flvc-expired-2022"));
        try (Simulator rehearsal =
                Simulator.create(SimulatorConfig.defaults().withToday(TODAY)).start(0)) {
            CommandOutcome copy = importInto(
                    rehearsal,
                    "--from-alma",
                    production.baseUrl(),
                    "--api-key-file",
                    key.toString(),
                    "--set",
                    "Rehearsal");

            assertThat(copy.exit()).as(copy.err()).isZero();
            assertThat(copy.out()).contains("Copied 2 users");
            assertThat(copy.err()).contains("copied 2 of 2 users").contains("users a second");
            assertThat(new AlmaUsers(new AlmaClient(rehearsal.baseUrl(), ApiKeys.DEVELOPMENT_KEY)).all())
                    .hasSize(2);
            assertThat(copy.out() + copy.err())
                    .as("the output names nobody")
                    .doesNotContain("flvc-no-dates", "flvc-expired-2022", "Nora", "Nodate");
        }
    }

    /** The production library's users as Alma's Export users job writes them (version 2), from almasim's XML answers. */
    private Path exportFile(String name, java.util.function.UnaryOperator<String> change)
            throws IOException, InterruptedException {
        AlmaClient alma = new AlmaClient(production.baseUrl(), ApiKeys.DEVELOPMENT_KEY);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<users>\n");
        for (var user : new AlmaUsers(alma).all()) {
            String id = user.path("primary_id").asText();
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(production.baseUrl() + "/almaws/v1/users/" + id))
                                    .header("Authorization", "apikey " + ApiKeys.DEVELOPMENT_KEY)
                                    .header("Accept", "application/xml")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            xml.append(change.apply(answer.body().replaceFirst("^<\\?xml[^>]*\\?>", "")))
                    .append('\n');
        }
        return Files.writeString(directory.resolve(name), xml.append("</users>\n"));
    }

    @Test
    void anExportFileIsCopiedAnonymizedIntoARunningAlmasim() throws Exception {
        Path file = exportFile("users.xml", xml -> xml);
        try (Simulator rehearsal =
                Simulator.create(SimulatorConfig.defaults().withToday(TODAY)).start(0)) {
            CommandOutcome copy = importInto(rehearsal, "--from-file", file.toString());

            assertThat(copy.exit()).as(copy.err()).isZero();
            assertThat(copy.out()).contains("Copied 13 users");
            List<String> copied = new AlmaUsers(new AlmaClient(rehearsal.baseUrl(), ApiKeys.DEVELOPMENT_KEY))
                    .all().stream()
                            .map(user -> user.path("primary_id").asText())
                            .toList();
            assertThat(copied).hasSize(13).allMatch(id -> id.matches("p-[0-9a-f]{16}"));
            assertThat(copy.out() + copy.err()).doesNotContain("Nora", "Nodate", "flvc-no-dates");
        }
    }

    @Test
    void aUserTheCopyRefusesIsToldByItsFileLineAndPlace() throws Exception {
        Path file = exportFile("users.xml", xml -> xml.replace("<expiry_date>2022-12-15Z", "<expiry_date>someday"));
        try (Simulator rehearsal =
                Simulator.create(SimulatorConfig.defaults().withToday(TODAY)).start(0)) {
            CommandOutcome copy = importInto(rehearsal, "--from-file", file.toString());

            assertThat(copy.exit()).isEqualTo(CommandFailure.CANNOT_START);
            assertThat(copy.err())
                    .containsPattern("users\\.xml, line \\d+ \\(user \\d+\\)")
                    .contains("Not a valid date: 'someday'");
            assertThat(new AlmaUsers(new AlmaClient(rehearsal.baseUrl(), ApiKeys.DEVELOPMENT_KEY)).all())
                    .as("the document with the refused user loads nothing")
                    .isEmpty();
        }
    }

    @Test
    void blockersFromAnAnalyticsCsvGoOnTheCopiesOfTheirUsers() throws Exception {
        Path csv = Files.writeString(directory.resolve("blockers.csv"), """
                primary_id,kind,detail
                flvc-no-dates,PO_LINE,POL-4711
                somebody-not-copied,INVOICE,INV-1
                """);
        Path snapshot = directory.resolve("library.zip");

        CommandOutcome copy = copyFromProduction(snapshot, "--blockers", csv.toString());

        assertThat(copy.exit()).as(copy.err()).isZero();
        assertThat(copy.err()).contains("Blockers: PO_LINE=1 on 1 patrons; 1 rows name users not in the copy");
        String copied = org.almasim.engine.copy.Pseudonyms.fromFile(directory.resolve("salt"))
                .pseudonyms()
                .primaryId("flvc-no-dates");
        try (Simulator rehearsal =
                Simulator.create(SimulatorConfig.defaults().withToday(TODAY)).start(0)) {
            rehearsal.importFrom(snapshot);
            HttpResponse<String> blockers = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            rehearsal.baseUrl() + "/almasim/v1/users/" + copied + "/blockers"))
                                    .header("Authorization", "apikey " + ApiKeys.DEVELOPMENT_KEY)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(blockers.body()).contains("PO_LINE").doesNotContain("POL-4711");
        }
    }

    @Test
    void aBlockersFileWithAKindAlmaDoesNotHaveIsRefusedByItsLineBeforeAnythingIsRead() throws IOException {
        Path csv = Files.writeString(directory.resolve("blockers.csv"), """
                primary_id,kind,detail
                flvc-no-dates,PO_LINE,POL-4711
                flvc-no-dates,OVERDUE_BOOKS,3
                """);
        int before =
                production.journal().find(Optional.empty(), Optional.empty()).size();

        String refusal = refusal(
                "--from-alma", production.baseUrl(),
                "--api-key-file", key.toString(),
                "--out", directory.resolve("library.zip").toString(),
                "--blockers", csv.toString());

        assertThat(refusal).contains("blockers.csv, line 3").contains("OVERDUE_BOOKS");
        assertThat(production.journal().find(Optional.empty(), Optional.empty()))
                .hasSize(before);
    }

    @Test
    void aSnapshotNamedRelativeToTheWorkingDirectoryIsWritten() throws IOException {
        // As a user types it: `--out library.zip`, here under the module's build directory.
        Path relative = Path.of("target", "import-" + ProcessHandle.current().pid(), "library.zip");
        Files.createDirectories(relative.getParent());
        try {
            CommandOutcome copy = copyFromProduction(relative);

            assertThat(copy.exit()).as(copy.err()).isZero();
            assertThat(relative).isNotEmptyFile();
        } finally {
            try (var files = Files.walk(relative.getParent())) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aCopyStartedBeforeIsNotStartedAgainWithoutResumeAndNothingIsRead() throws IOException {
        Files.writeString(directory.resolve("library.zip.state.json"), "{}");
        int before =
                production.journal().find(Optional.empty(), Optional.empty()).size();

        CommandOutcome copy = copyFromProduction(directory.resolve("library.zip"));

        assertThat(copy.exit()).isEqualTo(CommandFailure.CANNOT_START);
        assertThat(copy.err()).contains("--resume");
        assertThat(production.journal().find(Optional.empty(), Optional.empty()))
                .hasSize(before);
        assertThat(directory.resolve("salt")).as("nothing written").doesNotExist();
    }

    @Test
    void everyOptionIsCheckedBeforeAnythingIsReadOrWritten() {
        int before =
                production.journal().find(Optional.empty(), Optional.empty()).size();
        String url = production.baseUrl();
        String keyFile = key.toString();
        String out = directory.resolve("library.zip").toString();
        String elsewhere = directory.resolve("no/such/dir/library.zip").toString();

        assertThat(refusal("--from-alma", url, "--out", out))
                .contains("give one of --api-key-env VAR and --api-key-file FILE");
        assertThat(refusal("--from-alma", url, "--api-key-file", keyFile))
                .contains("give one of --out FILE and --into");
        assertThat(refusal("--from-alma", url, "--api-key-file", keyFile, "--out", out, "--rate", "0"))
                .contains("--rate");
        assertThat(refusal("--from-alma", url, "--api-key-file", keyFile, "--out", out, "--q", "a~b", "--set", "S"))
                .contains("--q or --set");
        assertThat(refusal("--from-alma", "http://alma.example.org", "--api-key-file", keyFile, "--out", out))
                .contains("--from-alma");
        assertThat(refusal("--from-alma", url, "--api-key-file", keyFile, "--out", elsewhere))
                .contains("does not exist");
        assertThat(refusal("--from-alma", url, "--api-key-file", keyFile, "--into", url))
                .contains("--into-key");

        assertThat(production.journal().find(Optional.empty(), Optional.empty()))
                .hasSize(before);
        assertThat(directory.resolve("salt")).doesNotExist();
        assertThat(directory.resolve("library.zip")).doesNotExist();
    }

    /** {@code almasim import} of the production almasim, with its read-only key, into a snapshot. */
    private CommandOutcome copyFromProduction(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "import",
                "--from-alma",
                production.baseUrl(),
                "--api-key-file",
                key.toString(),
                "--out",
                out.toString(),
                "--salt-file",
                directory.resolve("salt").toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    /** {@code almasim import} into a running almasim, with the options that say where the users come from. */
    private CommandOutcome importInto(Simulator rehearsal, String... source) throws IOException {
        Path intoKey = Files.writeString(directory.resolve("almasim.key"), ApiKeys.DEVELOPMENT_KEY);
        List<String> args = new ArrayList<>(List.of("import"));
        args.addAll(List.of(source));
        args.addAll(List.of(
                "--into", rehearsal.baseUrl(),
                "--into-key-file", intoKey.toString(),
                "--salt-file", directory.resolve("salt").toString(),
                "--state", directory.resolve("copy.state.json").toString()));
        return run(args.toArray(String[]::new));
    }

    /** The one-line refusal of an import with these options (and a salt file that must not be made). */
    private String refusal(String... options) {
        List<String> args = new ArrayList<>(
                List.of("import", "--salt-file", directory.resolve("salt").toString()));
        args.addAll(List.of(options));
        CommandOutcome outcome = run(args.toArray(String[]::new));
        assertThat(outcome.exit()).as(outcome.err()).isEqualTo(CommandFailure.CANNOT_START);
        return outcome.err();
    }

    /** The production users' ids, names and email addresses. */
    private List<String> personalValues() {
        List<String> values = new ArrayList<>();
        for (var user : new AlmaUsers(new AlmaClient(production.baseUrl(), ApiKeys.DEVELOPMENT_KEY)).all()) {
            values.add(user.path("primary_id").asText());
            values.add(user.path("first_name").asText());
            values.add(user.path("last_name").asText());
            user.path("contact_info")
                    .path("email")
                    .forEach(e -> values.add(e.path("email_address").asText()));
        }
        return values.stream().filter(value -> value.length() >= 4).distinct().toList();
    }

    private static CommandOutcome run(String... args) {
        return CommandOutcome.of(args);
    }
}
