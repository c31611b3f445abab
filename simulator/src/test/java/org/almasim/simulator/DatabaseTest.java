package org.almasim.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.population.PopulationService;
import org.almasim.simulator.support.AlmaClient;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database as the services see it through the pool. */
class DatabaseTest {
    @Test
    void aDatabasePathCannotCarrySettingsThatRunSqlAndOnlyH2UrlsAreTaken(@TempDir Path dir) {
        Path marker = dir.resolve("ran");
        String evil = dir.resolve("lib") + ";INIT=CALL FILE_WRITE(STRINGTOUTF8('x'), '" + marker + "')";

        assertThatThrownBy(() -> Database.open(evil))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot hold ';'");
        assertThatThrownBy(() -> Database.open("jdbc:postgresql://elsewhere/db"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(marker).doesNotExist();
        assertThat(Database.jdbcUrl(dir.resolve("lib").toString())).startsWith("jdbc:h2:file:");
    }

    @Test
    void aDatabaseAnOlderAlmasimWroteGainsTheColumnsAddedSinceAndStillAnswers(@TempDir Path dir) throws Exception {
        String location = dir.resolve("older").toString();
        SimulatorConfig config = SimulatorConfig.defaults()
                .withDatabase(location)
                .withToday(LocalDate.of(2024, 8, 1))
                .withApiKeys(List.of(ApiKeys.DEVELOPMENT_KEY));
        try (Simulator simulator = Simulator.create(config).start(0)) {
            simulator.load(PopulationService.demo());
        }
        try (var db = DriverManager.getConnection("jdbc:h2:file:" + location, "sa", "")) {
            db.createStatement().executeUpdate("ALTER TABLE PATRON DROP COLUMN MODIFIED_DATE");
            db.createStatement().executeUpdate("DROP TABLE USER_REQUEST");
        }
        try (Simulator simulator = Simulator.create(config).start(0)) {
            var client = new AlmaClient(simulator.baseUrl(), ApiKeys.DEVELOPMENT_KEY);
            var all = client.getJson("/almaws/v1/users", Map.of("modify_date_from", "2024-01-01"))
                    .isOk()
                    .json();
            assertThat(all.path("total_record_count").asInt())
                    .as("records from before the column count as written on their created day")
                    .isEqualTo(client.getJson("/almaws/v1/users", Map.of("limit", "0"))
                            .isOk()
                            .json()
                            .path("total_record_count")
                            .asInt())
                    .isPositive();
            assertThat(client.getJson(
                                    "/almaws/v1/users/"
                                            + all.path("user")
                                                    .get(0)
                                                    .path("primary_id")
                                                    .asText() + "/requests",
                                    Map.of())
                            .isOk()
                            .json()
                            .path("total_record_count")
                            .asInt())
                    .as("the requests table, added since")
                    .isZero();
        }
    }

    private static final int WRITES = Integer.getInteger("almasim.database.writes", 3_000);

    /**
     * A client polls a row while another connection writes it, as the engine polls a job instance while the job writes
     * its status: each committed value must be seen by the next read. (H2 marks a table changed just before it
     * commits, and used to keep a result read in between as the table's current one, for ever: a job seen FINALIZING
     * after it had finished.) The race is narrow, so it is run many times.
     */
    @Test
    void aPollingReaderSeesEveryCommittedWriteOfAnotherConnection() throws Exception {
        Database database = Database.open("mem");
        try {
            database.dsl().execute("CREATE TABLE probe(id INT PRIMARY KEY, status INT)");
            database.dsl().execute("INSERT INTO probe VALUES (1, 0)");
            AtomicInteger committed = new AtomicInteger();
            CompletableFuture<Void> writer =
                    CompletableFuture.runAsync(() -> database.dsl().connection(c -> {
                        try (PreparedStatement update =
                                c.prepareStatement("UPDATE probe SET status = ? WHERE id = 1")) {
                            for (int i = 1; i <= WRITES; i++) {
                                update.setInt(1, i);
                                update.executeUpdate();
                                committed.set(i);
                            }
                        }
                    }));
            database.dsl().connection(reader -> {
                while (!writer.isDone()) {
                    int before = committed.get();
                    int seen = status(reader);
                    assertThat(seen)
                            .as("a read after write %d was committed", before)
                            .isGreaterThanOrEqualTo(before);
                }
                writer.get(1, TimeUnit.MINUTES);
                assertThat(status(reader)).as("the read after the last write").isEqualTo(WRITES);
            });
        } finally {
            database.close();
        }
    }

    @Test
    void aBulkLoadRunsWithoutTheDeferredIndexesAndEndsWithThemBuilt() {
        try (Database database = Database.open("mem")) {
            List<String> during = database.withoutDeferredIndexes(() -> patronIndexes(database));
            assertThat(during).doesNotContain("IX_PATRON_NAME");
            assertThat(patronIndexes(database)).contains("IX_PATRON_NAME");
        }
    }

    @Test
    void aBulkLoadThatFailsStillEndsWithTheDeferredIndexesBuilt() {
        try (Database database = Database.open("mem")) {
            try {
                database.withoutDeferredIndexes(() -> {
                    throw new IllegalStateException("a chunk refused");
                });
            } catch (IllegalStateException expected) {
                // the load's own failure; what matters is what it leaves behind
            }
            assertThat(patronIndexes(database)).contains("IX_PATRON_NAME");
        }
    }

    /** A process killed during a bulk load never ran the load's end: the next start builds what it dropped. */
    @Test
    void aStartAfterALoadCutShortBuildsTheMissingIndexes(@TempDir Path dir) {
        String location = dir.resolve("library").toString();
        try (Database database = Database.open(location)) {
            database.dsl().execute("DROP INDEX ix_patron_name");
        }
        try (Database database = Database.open(location)) {
            assertThat(patronIndexes(database)).contains("IX_PATRON_NAME");
        }
    }

    /**
     * A foreign key declared before the index that serves it makes H2 build an index of its own beside ours, which
     * every load and every purge then writes twice.
     */
    @Test
    void thePatronsDependantsHaveNoIndexH2BuiltBesideTheSchemasOwn() {
        try (Database database = Database.open("mem")) {
            for (String table : List.of("PATRON_IDENTIFIER", "LOAN", "FEE", "FEE_TRANSACTION", "PATRON_BLOCKER")) {
                assertThat(indexes(database, table)).as(table).noneMatch(name -> name.startsWith("FK_"));
            }
        }
    }

    private static List<String> patronIndexes(Database database) {
        return indexes(database, "PATRON");
    }

    private static List<String> indexes(Database database, String table) {
        return database.dsl()
                .select(DSL.field(DSL.name("INDEX_NAME"), String.class))
                .from(DSL.table(DSL.name("INFORMATION_SCHEMA", "INDEXES")))
                .where(DSL.field(DSL.name("TABLE_NAME")).eq(table))
                .fetch(DSL.field(DSL.name("INDEX_NAME"), String.class));
    }

    private static int status(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT status FROM probe WHERE id = ?")) {
            query.setInt(1, 1);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
