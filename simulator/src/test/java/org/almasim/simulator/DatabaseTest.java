package org.almasim.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The database as the services see it through the pool. */
class DatabaseTest {
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
