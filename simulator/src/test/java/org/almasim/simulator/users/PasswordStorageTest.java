package org.almasim.simulator.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.RunningSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A patron's password is kept only as a salted slow hash, and op=auth still checks it. */
class PasswordStorageTest {
    private static final String PASSWORD = "correct horse battery staple";

    private static void createWithPassword(AlmaClient alma, String id) {
        alma.createUser("{\"primary_id\":\"" + id + "\",\"account_type\":{\"value\":\"INTERNAL\"},\"password\":\""
                + PASSWORD + "\"}");
    }

    @Test
    void aPasswordIsStoredAsAHashAndStillAuthenticates() throws Exception {
        try (RunningSimulator sim = RunningSimulator.start()) {
            createWithPassword(sim.client, "hashed");
            ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
            sim.simulator.defaultInstitution().exportTo(snapshot);
            String patrons = entry(snapshot.toByteArray(), "tables/PATRON.jsonl");

            assertThat(patrons).doesNotContain(PASSWORD).contains(PasswordHashes.PREFIX);
            assertThat(sim.client.authenticate("hashed", PASSWORD).status()).isEqualTo(204);
            assertThat(sim.client.authenticate("hashed", PASSWORD + "!").status())
                    .isEqualTo(400);
            assertThat(sim.client.authenticate("hashed", "").status()).isEqualTo(400);
        }
    }

    @Test
    void sendingBackTheEmptyPasswordAGetAnswersKeepsThePassword() {
        try (RunningSimulator sim = RunningSimulator.start()) {
            createWithPassword(sim.client, "round-trip");
            var read = sim.client.getUser("round-trip");

            sim.client.updateUser("round-trip", read.toString());

            assertThat(read.path("password").asText()).isEmpty();
            assertThat(sim.client.authenticate("round-trip", PASSWORD).status()).isEqualTo(204);
        }
    }

    @Test
    void passwordsAnOlderAlmasimKeptInClearAreHashedAtStart(@TempDir Path dir) throws Exception {
        String location = dir.resolve("library").toString();
        SimulatorConfig config = SimulatorConfig.defaults()
                .withDatabase(location)
                .withToday(RunningSimulator.TODAY)
                .withApiKeys(List.of(ApiKeys.DEVELOPMENT_KEY));
        try (RunningSimulator sim = RunningSimulator.start(config)) {
            createWithPassword(sim.client, "older");
        }
        String url = "jdbc:h2:file:" + location;
        try (Connection db = DriverManager.getConnection(url, "sa", "")) {
            // As an almasim before hashing left it: a clear password, and no note that passwords were hashed.
            db.createStatement().executeUpdate("UPDATE PATRON SET PASSWORD = 'kept-in-clear'");
            db.createStatement().executeUpdate("DELETE FROM SIMULATOR_STATE WHERE STATE_NAME = 'passwords_hashed'");
        }

        try (RunningSimulator sim = RunningSimulator.start(config)) {
            assertThat(sim.client.authenticate("older", "kept-in-clear").status())
                    .isEqualTo(204);
        }
        try (Connection db = DriverManager.getConnection(url, "sa", "");
                ResultSet stored = db.createStatement().executeQuery("SELECT PASSWORD FROM PATRON")) {
            stored.next();
            assertThat(stored.getString(1)).startsWith(PasswordHashes.PREFIX).doesNotContain("kept-in-clear");
        }
    }

    private static String entry(byte[] zipped, String name) throws Exception {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipped))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no " + name);
    }
}
