package org.almasim.simulator.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.almasim.simulator.Database;
import org.almasim.simulator.Institution;
import org.almasim.simulator.db.Tables;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.population.PopulationService;
import org.almasim.simulator.support.RunningSimulator;
import org.jooq.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot is data: whatever an uploaded file carries (H2 statements, Java source, file names, a zip bomb, half a
 * zip) runs nothing, reads and writes no file of the server's, and a refused file leaves the library as it was.
 */
class SnapshotSafetyTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RunningSimulator sim;
    private static Map<String, byte[]> genuine;

    @TempDir
    static Path scratch;

    private static Path written;
    private static Path secret;

    @BeforeAll
    static void start() throws Exception {
        sim = RunningSimulator.start();
        sim.simulator.load(PopulationService.demo());
        genuine = unzip(export(ApiKeys.DEVELOPMENT_KEY).body());
        written = scratch.resolve("written-by-a-snapshot");
        secret = scratch.resolve("server-secret.txt");
        Files.writeString(secret, "SERVER-SECRET-42");
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void freshLibrary() {
        sim.reset();
        sim.simulator.load(PopulationService.demo());
    }

    /** What an attacker puts in an H2 script to run Java, write or read the server's files, or reach another database. */
    private static List<String> attacks() {
        String file = written.toAbsolutePath().toString().replace("'", "''");
        String read = secret.toAbsolutePath().toString().replace("'", "''");
        return List.of(
                "CREATE ALIAS WRITEIT AS 'void w() throws Exception { java.nio.file.Files.writeString(java.nio.file.Path.of(\""
                        + file + "\"), \"java ran\"); }'; CALL WRITEIT();",
                "CALL FILE_WRITE(STRINGTOUTF8('file write ran'), '" + file + "');",
                "INSERT INTO SIMULATOR_STATE VALUES ('leak', FILE_READ('" + read + "', NULL));",
                "RUNSCRIPT FROM '" + read + "';",
                "CREATE LINKED TABLE LINKED('org.h2.Driver', 'jdbc:h2:" + file + "', 'sa', '', 'T');",
                "CALL CSVWRITE('" + file + "', 'SELECT 1');");
    }

    @Test
    void anOldStyleH2ScriptIsRefusedAndRunsNothing() throws Exception {
        JsonNode before = digest();
        for (String attack : attacks()) {
            byte[] script = ("-- H2 2.2.224;\n" + attack + "\n").getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> answer = put(zip(Map.of("script.sql", script)), ApiKeys.DEVELOPMENT_KEY);

            assertThat(answer.statusCode()).as(attack).isEqualTo(400);
            assertNothingRanAndNothingChanged(before);
        }
    }

    @Test
    void statementsInEveryPlaceOfAGenuineSnapshotRunNothing() throws Exception {
        JsonNode before = digest();
        for (String attack : attacks()) {
            // As an entry's name, the manifest, a table's header, the first line of a table, a table's last line.
            List<Map<String, byte[]>> files = List.of(
                    with(genuine, attack, attack.getBytes(StandardCharsets.UTF_8)),
                    with(genuine, SnapshotArchive.MANIFEST, attack.getBytes(StandardCharsets.UTF_8)),
                    replaceLine(genuine, "tables/PATRON.jsonl", 0, attack),
                    replaceLine(genuine, "tables/CODE_ENTRY.jsonl", 1, attack),
                    appendLine(genuine, "tables/JOB_EVENT.jsonl", attack));
            for (Map<String, byte[]> file : files) {
                HttpResponse<String> answer = put(zip(file), ApiKeys.DEVELOPMENT_KEY);

                assertThat(answer.statusCode()).as(attack).isEqualTo(400);
                assertThat(answer.body()).contains("Nothing was changed");
                assertNothingRanAndNothingChanged(before);
            }
        }
    }

    @Test
    void statementsAsAValueAreKeptAsTextAndNeverRun() throws Exception {
        for (String attack : attacks()) {
            String line = new String(genuine.get("tables/CODE_ENTRY.jsonl"), StandardCharsets.UTF_8).split("\n")[1];
            JsonNode row = org.almasim.simulator.http.AlmaFormats.JSON.readTree(line);
            String poisoned = "[" + row.get(0) + ",\"attack\","
                    + org.almasim.simulator.http.AlmaFormats.JSON.writeValueAsString(
                            attack.substring(0, Math.min(attack.length(), 1000)))
                    + "]";

            HttpResponse<String> answer =
                    put(zip(appendLine(genuine, "tables/CODE_ENTRY.jsonl", poisoned)), ApiKeys.DEVELOPMENT_KEY);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(written).doesNotExist();
            assertThat(unzip(export(ApiKeys.DEVELOPMENT_KEY).body()).toString()).doesNotContain("SERVER-SECRET-42");
        }
    }

    @Test
    void aFileRefusedHalfWayLeavesTheLibraryAsItWas() throws Exception {
        JsonNode before = digest();
        byte[] whole = zip(genuine);
        List<byte[]> refused = List.of(
                // A bad row in the last table: every table before it was already written inside the transaction.
                zip(appendLine(genuine, "tables/DELETED_USER.jsonl", "[\"not a number\"]")),
                // A patron whose key another patron has.
                zip(appendLine(genuine, "tables/PATRON_IDENTIFIER.jsonl", "[999999999,\"BARCODE\",\"x\"]")),
                Arrays.copyOf(whole, whole.length / 2),
                Arrays.copyOf(whole, whole.length * 3 / 4),
                // Whole entries, but not every table: a file cut between two entries.
                zip(without(genuine, "tables/JOB_EVENT.jsonl")),
                zip(with(genuine, "../x", "data".getBytes(StandardCharsets.UTF_8))),
                zip(Map.of(
                        SnapshotArchive.MANIFEST,
                        genuine.get(SnapshotArchive.MANIFEST),
                        "tables/../../x",
                        new byte[1])),
                "-- H2 2.2.224;\n".getBytes(StandardCharsets.US_ASCII),
                zip(Map.of("script.sql", "-- H2 \n".getBytes(StandardCharsets.US_ASCII))),
                zip(Map.of()));
        for (int i = 0; i < refused.size(); i++) {
            HttpResponse<String> answer = put(refused.get(i), ApiKeys.DEVELOPMENT_KEY);

            assertThat(answer.statusCode()).as("file %d: %s", i, answer.body()).isEqualTo(400);
            assertThat(answer.body()).as("file %d", i).contains("Nothing was changed");
            assertThat(digest()).isEqualTo(before);
            assertThat(sim.client
                            .getJson("/almaws/v1/users", Map.of("limit", "1"))
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void aSnapshotHoldsNoKeyAndNoInstitution() throws Exception {
        Institution member = sim.simulator.addInstitution(
                new Institution.Spec("01SNAP_MEMBER", "Member", List.of("member-secret-key-1234")));
        try {
            String everything =
                    new String(zipBytes(export(ApiKeys.DEVELOPMENT_KEY).body()), StandardCharsets.UTF_8);

            assertThat(everything)
                    .doesNotContain("member-secret-key-1234")
                    .doesNotContain(ApiKeys.DEVELOPMENT_KEY)
                    .doesNotContain(RunningSimulator.READ_ONLY_KEY)
                    .doesNotContain("01SNAP_MEMBER");
            assertThat(member.code()).isEqualTo("01SNAP_MEMBER");
        } finally {
            // The member stays: institutions are the simulator's, and a test class shares one simulator.
        }
    }

    @Test
    void aSnapshotNamingTheSimulatorsInstitutionsIsRefused() throws Exception {
        JsonNode before = digest();
        String row = "[\"institutions\",\"[{\\\"code\\\":\\\"01EVIL_X\\\",\\\"api_keys\\\":[\\\"evil\\\"]}]\"]";

        HttpResponse<String> answer =
                put(zip(appendLine(genuine, "tables/SIMULATOR_STATE.jsonl", row)), ApiKeys.DEVELOPMENT_KEY);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(digest()).isEqualTo(before);
        assertThat(sim.simulator.institution("01EVIL_X")).isEmpty();
    }

    @Test
    void aReadOnlyKeyCannotTakeTheWholeLibrary() throws Exception {
        assertThat(export(RunningSimulator.READ_ONLY_KEY).statusCode()).isIn(400, 401);
    }

    @Test
    void aZipThatUnpacksPastTheBoundIsRefusedAndChangesNothing() throws Exception {
        long bound = 1 << 20;
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bomb)) {
            zip.putNextEntry(new ZipEntry(SnapshotArchive.MANIFEST));
            zip.write(genuine.get(SnapshotArchive.MANIFEST));
            zip.putNextEntry(new ZipEntry("tables/CODE_ENTRY.jsonl"));
            byte[] spaces = new byte[(int) bound * 4];
            Arrays.fill(spaces, (byte) ' ');
            zip.write(spaces);
        }
        try (Database db = Database.open("mem")) {
            db.dsl().insertInto(Tables.CODE_ENTRY).values("T", "C", "kept").execute();
            SnapshotArchive archive = new SnapshotArchive(
                    Set.of(), new SnapshotArchive.ValueChecks(Map.of(), dsl -> java.util.Optional.empty()));

            assertThat(bomb.size()).isLessThan((int) bound / 50);
            assertThatThrownBy(() -> archive.importFrom(db.dsl(), new ByteArrayInputStream(bomb.toByteArray()), bound))
                    .isInstanceOf(SnapshotArchive.Refused.class)
                    .hasMessageContaining("larger than this simulator takes");
            assertThat(db.dsl().fetchExists(Tables.CODE_ENTRY, Tables.CODE_ENTRY.DESCRIPTION.eq("kept")))
                    .isTrue();
        }
    }

    @Test
    void theBoundOnASnapshotIsAQuarterOfTheHeap() {
        assertThat(SnapshotArchive.MAX_UNPACKED_BYTES)
                .isEqualTo(Runtime.getRuntime().maxMemory() / 4);
    }

    @Test
    void aVersion2SnapshotFromBeforeRequestsIsTakenWithNoRequestsButAVersion3OneMustHoldThem() throws Exception {
        Map<String, byte[]> older = without(
                without(without(genuine, "tables/USER_REQUEST.jsonl"), "tables/RS_REQUEST.jsonl"),
                "tables/USER_ATTACHMENT.jsonl");
        String manifest = new String(genuine.get(SnapshotArchive.MANIFEST), StandardCharsets.UTF_8);
        assertThat(manifest).contains("\"version\":3");
        older.put(
                SnapshotArchive.MANIFEST,
                manifest.replace("\"version\":3", "\"version\":2").getBytes(StandardCharsets.UTF_8));
        ObjectNode before = (ObjectNode) digest();

        HttpResponse<String> cutShort =
                put(zip(without(genuine, "tables/USER_REQUEST.jsonl")), ApiKeys.DEVELOPMENT_KEY);
        assertThat(cutShort.statusCode()).as(cutShort.body()).isEqualTo(400);
        assertThat(cutShort.body()).contains("cut short");
        assertThat(digest()).isEqualTo(before);

        HttpResponse<String> taken = put(zip(older), ApiKeys.DEVELOPMENT_KEY);
        assertThat(taken.statusCode()).as(taken.body()).isLessThan(300);
        // The snapshot was taken from another loading of the demo: its patrons' password hashes have other salts.
        ObjectNode after = (ObjectNode) digest();
        ObjectNode expected = before.deepCopy();
        after.remove("patron");
        expected.remove("patron");
        assertThat(after).as("the same library, with no requests").isEqualTo(expected);
    }

    @Test
    void everyTableOfTheSchemaIsInASnapshot() {
        assertThat(Set.copyOf(SnapshotArchive.TABLES))
                .containsExactlyInAnyOrderElementsOf(Set.<Table<?>>copyOf(SnapshotArchive.schemaTables()));
    }

    private static void assertNothingRanAndNothingChanged(JsonNode before) throws Exception {
        assertThat(written).doesNotExist();
        assertThat(digest()).isEqualTo(before);
        assertThat(new String(zipBytes(export(ApiKeys.DEVELOPMENT_KEY).body()), StandardCharsets.UTF_8))
                .doesNotContain("SERVER-SECRET-42");
    }

    private static JsonNode digest() {
        return sim.client.getJson("/almasim/v1/state/digest", Map.of()).isOk().json();
    }

    private static HttpResponse<byte[]> export(String key) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(sim.simulator.baseUrl() + "/almasim/v1/snapshot"))
                        .header("Authorization", "apikey " + key)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<String> put(byte[] body, String key) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(sim.simulator.baseUrl() + "/almasim/v1/snapshot"))
                        .header("Authorization", "apikey " + key)
                        .header("Content-Type", "application/zip")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, byte[]> unzip(byte[] zipped) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(zipped))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    /** Every entry's bytes, one after another. */
    private static byte[] zipBytes(byte[] zipped) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] entry : unzip(zipped).values()) {
            all.write(entry);
        }
        return all.toByteArray();
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
            }
        }
        return bytes.toByteArray();
    }

    private static Map<String, byte[]> with(Map<String, byte[]> entries, String name, byte[] content) {
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        changed.put(name, content);
        return changed;
    }

    private static Map<String, byte[]> without(Map<String, byte[]> entries, String name) {
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        changed.remove(name);
        return changed;
    }

    private static Map<String, byte[]> replaceLine(Map<String, byte[]> entries, String name, int line, String text) {
        String[] lines = new String(entries.get(name), StandardCharsets.UTF_8).split("\n", -1);
        lines[line] = text;
        return with(entries, name, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, byte[]> appendLine(Map<String, byte[]> entries, String name, String text) {
        return with(
                entries,
                name,
                (new String(entries.get(name), StandardCharsets.UTF_8) + text + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
