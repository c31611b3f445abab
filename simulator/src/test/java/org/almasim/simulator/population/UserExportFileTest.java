package org.almasim.simulator.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.SimulatorTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alma's "Export users" files (version 2), made here of the users almasim itself answers in XML. */
class UserExportFileTest extends SimulatorTest {
    @TempDir
    Path dir;

    @Override
    protected void given() {
        sim.simulator.load(PopulationService.demo());
    }

    /** Every demo user as almasim answers it in XML, without the XML declaration: what Alma's export holds. */
    private List<String> usersAsXml() {
        List<String> users = new ArrayList<>();
        for (JsonNode user :
                alma.getJson("/almaws/v1/users", Map.of("limit", "100")).json().path("user")) {
            String xml = alma.get("/almaws/v1/users/" + user.path("primary_id").asText(), Map.of(), AlmaClient.XML)
                    .isOk()
                    .body();
            users.add(xml.replaceFirst("^<\\?xml[^>]*\\?>", ""));
        }
        return users;
    }

    private static List<UserExportFile.Record> readAll(Path file) {
        List<UserExportFile.Record> records = new ArrayList<>();
        try (UserExportFile users = UserExportFile.open(file)) {
            users.forEachRemaining(records::add);
        }
        return records;
    }

    @Test
    void theUsersAlmasimAnswersInXmlAreReadBackFromAGzippedExport() throws IOException {
        List<String> users = usersAsXml();
        Path file = dir.resolve("users.xml.gz");
        try (Writer out = new java.io.OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<users>\n");
            for (String user : users) {
                out.write(user + "\n");
            }
            out.write("</users>\n");
        }

        List<UserExportFile.Record> records = readAll(file);

        assertThat(records).hasSize(users.size()).hasSizeGreaterThan(10);
        for (UserExportFile.Record record : records) {
            String id = record.user().path("primary_id").asText();
            JsonNode answered = alma.getUser(id);
            assertThat(record.user().path("user_group").path("value").asText())
                    .isEqualTo(answered.path("user_group").path("value").asText());
            assertThat(record.user().path("expiry_date").asText())
                    .isEqualTo(answered.path("expiry_date").asText());
            assertThat(record.user().path("user_identifier").size())
                    .isEqualTo(answered.path("user_identifier").size());
            assertThat(record.user().path("contact_info").path("email").size())
                    .isEqualTo(answered.path("contact_info").path("email").size());
        }
        assertThat(records.get(2).line())
                .as("each user's line, for telling where a problem is")
                .isEqualTo(5);
        assertThat(records.get(2).where()).isEqualTo("users.xml.gz, line 5 (user 3)");
    }

    @Test
    void aZipOfSeveralExportFilesIsReadEntryByEntry() throws IOException {
        List<String> users = usersAsXml();
        Path file = dir.resolve("export.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (int part = 0; part < 2; part++) {
                zip.putNextEntry(new ZipEntry("users_" + part + ".xml"));
                zip.write("<users>".getBytes(StandardCharsets.UTF_8));
                for (int i = part; i < users.size(); i += 2) {
                    zip.write(users.get(i).getBytes(StandardCharsets.UTF_8));
                }
                zip.write("</users>".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }

        List<UserExportFile.Record> records = readAll(file);

        assertThat(records).hasSameSizeAs(users);
        assertThat(records.get(0).file()).isEqualTo("users_0.xml");
        assertThat(records.get(records.size() - 1).file()).isEqualTo("users_1.xml");
    }

    @Test
    void aHundredThousandUsersPassThroughOneAtATime() throws IOException {
        String user = usersAsXml().get(0);
        String id = alma.getJson("/almaws/v1/users", Map.of("limit", "1"))
                .json()
                .path("user")
                .path(0)
                .path("primary_id")
                .asText();
        Path file = dir.resolve("big.xml.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("<users>".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 100_000; i++) {
                out.write(user.replace(">" + id + "<", ">" + id + "-" + i + "<").getBytes(StandardCharsets.UTF_8));
            }
            out.write("</users>".getBytes(StandardCharsets.UTF_8));
        }

        long count = 0;
        String last = null;
        try (UserExportFile users = UserExportFile.open(file)) {
            while (users.hasNext()) {
                last = users.next().user().path("primary_id").asText();
                count++;
            }
        }

        assertThat(count).isEqualTo(100_000);
        assertThat(last).isEqualTo(id + "-99999");
    }

    @Test
    void versionOneOfTheExportIsRefusedSayingWhichVersionToExport() throws IOException {
        Path file = Files.writeString(dir.resolve("old.xml"), "<userRecords><userRecord/></userRecords>");

        assertThatThrownBy(() -> readAll(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 1")
                .hasMessageContaining("version 2");
    }

    @Test
    void aFileIsDataItsDeclaredEntitiesAreNotReadAndATooLargeUserIsRefused() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        Path withEntity = Files.writeString(
                dir.resolve("entity.xml"),
                "<?xml version=\"1.0\"?>\n"
                        + "<!DOCTYPE users [<!ENTITY leak SYSTEM \"" + secret.toUri() + "\">]>\n"
                        + "<users><user><primary_id>&leak;</primary_id></user></users>");
        Path huge = Files.writeString(
                dir.resolve("huge.xml"),
                "<users><user><primary_id>x</primary_id><last_name>" + "a".repeat(UserExportFile.MAX_USER_BYTES)
                        + "</last_name></user></users>");

        assertThat(readAll(withEntity))
                .hasSize(1)
                .allSatisfy(record -> assertThat(record.user().toString()).doesNotContain("TOP-SECRET"));
        assertThatThrownBy(() -> readAll(huge))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("huge.xml, line 1 (user 1)")
                .hasMessageContaining("more than");
    }

    @Test
    void aSmallZipThatUnpacksPastItsBoundIsRefusedWhileItIsRead() throws IOException {
        Path bomb = dir.resolve("bomb.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bomb))) {
            zip.putNextEntry(new ZipEntry("users.xml"));
            zip.write("<users>".getBytes(StandardCharsets.UTF_8));
            byte[] comment = ("<!--" + " ".repeat(1 << 16) + "-->").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 200; i++) {
                zip.write(comment);
            }
            zip.write("<user><primary_id>x</primary_id></user></users>".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(Files.size(bomb)).isLessThan(1 << 20);

        assertThatThrownBy(() -> {
                    try (UserExportFile users = UserExportFile.open(bomb, "sent.zip", 1 << 20)) {
                        users.forEachRemaining(record -> {});
                    }
                })
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sent.zip unpacks to more than " + (1 << 20) + " bytes");
    }
}
