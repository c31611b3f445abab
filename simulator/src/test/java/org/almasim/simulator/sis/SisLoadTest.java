package org.almasim.simulator.sis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.support.AlmaResponse;
import org.almasim.simulator.support.RunningSimulator;
import org.almasim.simulator.support.SimulatorTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /almasim/v1/sis-load}: Alma's SIS synchronisation of the files a library's SIS sends. */
class SisLoadTest extends SimulatorTest {
    private static final String ROUTE = "/almasim/v1/sis-load";

    @TempDir
    Path dir;

    @Override
    protected void given() {
        alma.loadPopulation("""
                users:
                  - primary_id: ext1
                    account_type: {value: EXTERNAL}
                    external_id: SIS
                    user_group: {value: UNDERGRAD}
                    first_name: Erin
                    last_name: External
                    expiry_date: 2024-05-31
                  - primary_id: int1
                    account_type: {value: INTERNAL}
                    user_group: {value: STAFF}
                    first_name: Ines
                    last_name: Internal
                    expiry_date: 2024-05-31
                  - primary_id: gone1
                    account_type: {value: EXTERNAL}
                    external_id: SIS
                    user_group: {value: UNDERGRAD}
                    first_name: Gil
                    last_name: Graduated
                    expiry_date: 2020-05-31
                """);
    }

    private static String user(String id, String group, String expiry) {
        return "<user><primary_id>" + id + "</primary_id><last_name>Lastname</last_name>" + "<user_group>" + group
                + "</user_group><expiry_date>" + expiry + "</expiry_date></user>\n";
    }

    private static String users(String... users) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<users>\n" + String.join("", users) + "</users>\n";
    }

    private Path zip(String name, String xml) throws IOException {
        Path file = dir.resolve("sis.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(xml.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private Path file(String name, String xml) throws IOException {
        return Files.writeString(dir.resolve(name), xml);
    }

    private AlmaResponse load(Path file, String type) {
        return alma.postFile(ROUTE, Map.of("file", file.getFileName().toString()), file, type);
    }

    @Test
    void aSisFileCreatesMissingUsersUpdatesExternalOnesAndLeavesInternalOnesAndAbsentOnes() throws IOException {
        Path file = zip(
                "users_1.xml",
                users(
                        user("ext1", "GRAD", "2028-05-31"),
                        user("int1", "UNDERGRAD", "2028-05-31"),
                        user("new1", "UNDERGRAD", "2029-05-31")));

        JsonNode report = load(file, "application/zip").isOk().json();

        assertThat(report.path("users").asLong()).isEqualTo(3);
        assertThat(report.path("created").asLong()).isEqualTo(1);
        assertThat(report.path("updated").asLong()).isEqualTo(1);
        assertThat(report.path("internal_left").asLong()).isEqualTo(1);
        assertThat(report.path("rejected").asLong()).isZero();
        JsonNode updated = alma.getUser("ext1");
        assertThat(updated.path("expiry_date").asText()).startsWith("2028-05-31");
        assertThat(updated.path("user_group").path("value").asText()).isEqualTo("GRAD");
        assertThat(updated.path("first_name").asText())
                .as("a field the file leaves out is kept")
                .isEqualTo("Erin");
        JsonNode internal = alma.getUser("int1");
        assertThat(internal.path("expiry_date").asText()).startsWith("2024-05-31");
        assertThat(internal.path("user_group").path("value").asText()).isEqualTo("STAFF");
        JsonNode created = alma.getUser("new1");
        assertThat(created.path("account_type").path("value").asText()).isEqualTo("EXTERNAL");
        assertThat(created.path("external_id").asText()).isEqualTo("SIS");
        assertThat(created.path("record_type").path("value").asText()).isEqualTo("PUBLIC");
        assertThat(alma.getUser("gone1").path("expiry_date").asText())
                .as("a SIS load never removes or changes a patron missing from the file")
                .startsWith("2020-05-31");
    }

    @Test
    void aNewUserTheFileCallsInternalIsCreatedInternalWithoutAnExternalId() throws IOException {
        Path file = file(
                "sis.xml",
                users("<user><primary_id>staff1</primary_id><last_name>Staff</last_name>"
                        + "<user_group>STAFF</user_group><account_type>INTERNAL</account_type></user>\n"));

        JsonNode report = load(file, "application/xml").isOk().json();

        assertThat(report.path("created").asLong()).isEqualTo(1);
        JsonNode created = alma.getUser("staff1");
        assertThat(created.path("account_type").path("value").asText()).isEqualTo("INTERNAL");
        assertThat(created.path("external_id").asText()).isEmpty();
    }

    @Test
    void aUserAlmaRefusesIsRejectedByItsPlaceWhileTheOthersLoad() throws IOException {
        Path file = file(
                "sis.xml",
                users(
                        user("new1", "UNDERGRAD", "2029-05-31"),
                        user("new2", "NO_SUCH_GROUP", "2029-05-31"),
                        user("new3", "GRAD", "2029-05-31")));

        JsonNode report = load(file, "application/xml").isOk().json();

        assertThat(report.path("created").asLong()).isEqualTo(2);
        assertThat(report.path("rejected").asLong()).isEqualTo(1);
        JsonNode rejected = report.path("rejected_users").path(0);
        assertThat(rejected.path("primary_id").asText()).isEqualTo("new2");
        assertThat(rejected.path("where").asText()).isEqualTo("sis.xml, line 4 (user 2)");
        assertThat(rejected.path("error_message").asText()).contains("NO_SUCH_GROUP");
        alma.getUser("new1");
        alma.getUser("new3");
        alma.attemptToGetUser("new2").hasAlmaError("401861");
    }

    @Test
    void aFileBrokenPartWayChangesNothingAndSaysWhere() throws IOException {
        Path file = dir.resolve("sis.xml.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((users(user("new1", "UNDERGRAD", "2029-05-31"), user("new2", "GRAD", "2029-05-31"))
                            .replace("</users>", "<user><primary_id>new3</primary_id>"))
                    .getBytes(StandardCharsets.UTF_8));
        }

        AlmaResponse refused = load(file, "application/gzip").hasAlmaError(400, "401666");

        assertThat(refused.errorMessage()).contains("sis.xml.gz").contains("No user was loaded");
        alma.attemptToGetUser("new1").hasAlmaError("401861");
        alma.attemptToGetUser("new2").hasAlmaError("401861");
    }

    @Test
    void versionOneOfTheExportIsRefusedSayingWhichToSend() throws IOException {
        Path file = file(
                "old.xml",
                "<userRecords><userRecord><primaryIdentifier>x</primaryIdentifier></userRecord>" + "</userRecords>");

        AlmaResponse refused = load(file, "application/xml").hasAlmaError(400, "401666");

        assertThat(refused.errorMessage()).contains("version 2");
    }

    /** Two users with more than the bound of other bodies between them. */
    private Path largerThanAnyOtherBody() throws IOException {
        Path file = dir.resolve("big.xml");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("<users>\n".getBytes(StandardCharsets.UTF_8));
            out.write(user("new1", "UNDERGRAD", "2029-05-31").getBytes(StandardCharsets.UTF_8));
            // What a SIS puts between its users counts against a body's bound like the users themselves.
            byte[] comment = ("<!--" + " ".repeat(1 << 16) + "-->\n").getBytes(StandardCharsets.UTF_8);
            for (long written = 0; written <= Simulator.MAX_BODY_BYTES; written += comment.length) {
                out.write(comment);
            }
            out.write((user("new2", "GRAD", "2029-05-31") + "</users>\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(Files.size(file)).isGreaterThan(Simulator.MAX_BODY_BYTES);
        return file;
    }

    @Test
    void aFileLargerThanAnyOtherBodyIsStreamedAndLoaded() throws IOException {
        Path file = largerThanAnyOtherBody();

        JsonNode report = load(file, "application/xml").isOk().json();

        assertThat(report.path("created").asLong()).isEqualTo(2);
        alma.getUser("new2");
    }

    @Test
    void aReadOnlyKeyIsRefusedWithAnAnswerAndNothingChanges() throws IOException {
        Path file = zip("users.xml", users(user("new1", "UNDERGRAD", "2029-05-31")));

        alma.withKey(RunningSimulator.READ_ONLY_KEY)
                .postFile(ROUTE, Map.of(), file, "application/zip")
                .hasAlmaError(400, "UNAUTHORIZED");
        alma.withKey(null).postFile(ROUTE, Map.of(), file, "application/zip").hasAlmaError(400, "UNAUTHORIZED");

        alma.attemptToGetUser("new1").hasAlmaError("401861");
    }

    @Test
    void aLargeFileRefusedBeforeItIsReadIsAnsweredNotCutOff() throws IOException {
        Path file = largerThanAnyOtherBody();

        alma.withKey(RunningSimulator.READ_ONLY_KEY)
                .postFile(ROUTE, Map.of(), file, "application/xml")
                .hasAlmaError(400, "UNAUTHORIZED");
        load(file, "text/plain").hasAlmaError(400, "401666");

        alma.attemptToGetUser("new1").hasAlmaError("401861");
    }

    @Test
    void aBodyOfAnotherKindIsRefusedNamingTheKindsTaken() throws IOException {
        Path file = file("sis.txt", users(user("new1", "UNDERGRAD", "2029-05-31")));

        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/json")) {
            AlmaResponse refused = load(file, type).hasAlmaError(400, "401666");
            assertThat(refused.errorMessage()).contains("application/zip");
        }

        alma.attemptToGetUser("new1").hasAlmaError("401861");
    }
}
