package org.almasim.simulator;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.almasim.simulator.store.RenderedOnce;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteType;
import org.jooq.SQLDialect;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

/** The simulator's H2 database: a pooled connection, jOOQ on top, and the schema from {@code db/schema.sql}. */
public final class Database implements AutoCloseable {
    private static final String DEFERRED_INDEXES = "db/deferred-indexes.sql";
    /** Where schema.sql holds the tables added since databases were first kept on disk. */
    private static final Pattern ADDED_TABLES =
            Pattern.compile("(?s)-- BEGIN TABLES ADDED LATER.*?\\n(.*)-- END TABLES ADDED LATER");

    private static final Pattern CREATE_INDEX = Pattern.compile("CREATE INDEX IF NOT EXISTS (\\w+)");

    static {
        // jOOQ greets its first use with a logo and a tip of the day, which would land in the middle of a demo's story
        // or a test's output. (Spelled as jOOQ reads them; the standalone jar relocates both names alike.)
        if (System.getProperty("org.jooq.no-logo") == null) {
            System.setProperty("org.jooq.no-logo", "true");
        }
        if (System.getProperty("org.jooq.no-tips") == null) {
            System.setProperty("org.jooq.no-tips", "true");
        }
    }

    private final HikariDataSource pool;
    private final boolean inMemory;
    private final DSLContext dsl;
    private final AtomicLong writes = new AtomicLong();

    private Database(String jdbcUrl) {
        this.inMemory = jdbcUrl.startsWith("jdbc:h2:mem:");
        this.pool = new HikariDataSource(poolConfig(jdbcUrl));
        DefaultConfiguration configuration = new DefaultConfiguration();
        configuration.set(pool);
        configuration.set(SQLDialect.H2);
        configuration.set(RenderedOnce.settings());
        configuration.set(new ExecuteListener() {
            @Override
            public void executeEnd(ExecuteContext ctx) {
                if (ctx.type() != ExecuteType.READ) {
                    writes.incrementAndGet();
                }
            }
        });
        // A transaction's writes become visible at its end: counting them again then keeps a reader that looked at
        // the counter before the commit from trusting what it read.
        configuration.set(new TransactionListener() {
            @Override
            public void commitEnd(TransactionContext ctx) {
                writes.incrementAndGet();
            }

            @Override
            public void rollbackEnd(TransactionContext ctx) {
                writes.incrementAndGet();
            }
        });
        this.dsl = DSL.using(configuration);
    }

    /**
     * HikariCP rather than H2's own pool: H2's pool rolls back every connection it takes back, and a rollback empties
     * the H2 session's parsed-statement cache, so every query was parsed and planned again (a third of a query's time).
     * HikariCP rolls back only a connection left inside a transaction.
     */
    private static HikariConfig poolConfig(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("almasim-h2");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(32);
        return config;
    }

    /**
     * A number that changes after every write to the database has become visible: a result read after taking the
     * version still describes the database while the version is the same, so it can be kept and reused until then.
     */
    public long version() {
        return writes.get();
    }

    /**
     * Opens {@code mem} (a private in-memory database), a file path, or a JDBC URL, and creates the schema when it is missing.
     */
    public static Database open(String location) {
        Database db = new Database(jdbcUrl(location));
        // H2 reuses a query's last result while the tables' change counter has not moved; but the counter moves when a
        // row is changed, not when the change is committed, so a read made between the two (a client polling a job
        // while the job writes its last status) was kept and answered for ever after: a job seen FINALIZING until
        // the next write. Every query reads afresh.
        db.dsl.execute("SET OPTIMIZE_REUSE_RESULTS 0");
        db.createSchemaIfMissing();
        return db;
    }

    /** Refuses, with an IllegalArgumentException, a location {@link #open} would not take; opens nothing. */
    public static void checkLocation(String location) {
        jdbcUrl(location);
    }

    static String jdbcUrl(String location) {
        // Waiting for a row lock instead of failing at once keeps concurrent writers to one user serialised. A larger
        // query cache than H2's 8 keeps each pooled connection from parsing the API's few dozen statements over and
        // over.
        String options = ";LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=256";
        if (location == null || location.isBlank() || location.equals("mem")) {
            return "jdbc:h2:mem:almasim-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" + options;
        }
        if (location.startsWith("jdbc:")) {
            if (!location.startsWith("jdbc:h2:")) {
                throw new IllegalArgumentException("--db takes mem, a file path or a jdbc:h2: URL, got " + location);
            }
            return location;
        }
        // A path is pasted into a URL, where ;INIT=... would run SQL at start: a path never holds one.
        if (location.contains(";")) {
            throw new IllegalArgumentException(
                    "A database path cannot hold ';' (name the URL whole with jdbc:h2:...), got " + location);
        }
        // WRITE_DELAY=0: a commit reaches the file before the client hears it succeeded, so a killed process loses no
        // acknowledged write (H2's default delays writes by half a second).
        return "jdbc:h2:file:" + location + options + ";WRITE_DELAY=0";
    }

    public DSLContext dsl() {
        return dsl;
    }

    /**
     * Empties every table, starts every numbering again and restores the default code tables. The schema stays:
     * emptying the tables costs a test that puts its library back before each test a fraction of dropping and
     * creating them again (docs/benchmarks.md).
     */
    public void reset() {
        List<String> tables = dsl.fetch("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                        + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'")
                .getValues(0, String.class);
        List<String> sequences = dsl.fetch(
                        "SELECT SEQUENCE_NAME FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_SCHEMA = 'PUBLIC'")
                .getValues(0, String.class);
        dsl.transaction(tx -> {
            // Each table is emptied while the others may still hold rows that refer to it.
            tx.dsl().execute("SET REFERENTIAL_INTEGRITY FALSE");
            try {
                tables.forEach(
                        table -> tx.dsl().execute("TRUNCATE TABLE " + DSL.quotedName(table) + " RESTART IDENTITY"));
                sequences.forEach(
                        sequence -> tx.dsl().execute("ALTER SEQUENCE " + DSL.quotedName(sequence) + " RESTART"));
            } finally {
                tx.dsl().execute("SET REFERENTIAL_INTEGRITY TRUE");
            }
        });
        // The scripts are almasim's own, from its classpath; no client's file is ever run (snapshots are data).
        runScript("db/codes.sql");
        runScript(DEFERRED_INDEXES);
    }

    private void createSchemaIfMissing() {
        boolean exists = dsl.fetchExists(
                DSL.table(DSL.name("INFORMATION_SCHEMA", "TABLES")),
                DSL.field(DSL.name("TABLE_NAME")).eq("PATRON"));
        if (!exists) {
            runScript("db/schema.sql");
            runScript("db/codes.sql");
        } else {
            // A database written by an older almasim gains the columns and tables added since, empty.
            runScript("db/upgrades.sql");
            addedTables().forEach(dsl::execute);
        }
        runScript(DEFERRED_INDEXES);
    }

    /**
     * Runs a bulk load without the indexes of {@code db/deferred-indexes.sql}, then builds them once: kept during the
     * load, each of them has a random page rewritten for nearly every patron. Queries stay correct meanwhile, only
     * slower.
     */
    public <T> T withoutDeferredIndexes(Supplier<T> load) {
        for (String index : deferredIndexNames()) {
            dsl.execute("DROP INDEX IF EXISTS " + index);
        }
        try {
            return load.get();
        } finally {
            runScript(DEFERRED_INDEXES);
        }
    }

    /**
     * The statements of schema.sql's part for tables added later, each written to change nothing where its table is:
     * one definition of each table, for a new database and an older one alike.
     */
    private static List<String> addedTables() {
        try (var in = Database.class.getClassLoader().getResourceAsStream("db/schema.sql")) {
            if (in == null) {
                throw new IllegalStateException("Missing resource db/schema.sql");
            }
            Matcher part = ADDED_TABLES.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (!part.find()) {
                throw new IllegalStateException("db/schema.sql has no part for tables added later");
            }
            return Arrays.stream(part.group(1).split(";\\s*\\n"))
                    .map(statement -> statement
                            .lines()
                            .filter(line -> !line.strip().startsWith("--"))
                            .collect(Collectors.joining("\n"))
                            .strip())
                    .filter(statement -> !statement.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read resource db/schema.sql", e);
        }
    }

    private static List<String> deferredIndexNames() {
        try (var in = Database.class.getClassLoader().getResourceAsStream(DEFERRED_INDEXES)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + DEFERRED_INDEXES);
            }
            return CREATE_INDEX
                    .matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .results()
                    .map(match -> match.group(1))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read resource " + DEFERRED_INDEXES, e);
        }
    }

    /** H2 runs the script itself, from the classpath (the jar, or the build's classes). */
    private void runScript(String resource) {
        if (Database.class.getClassLoader().getResource(resource) == null) {
            throw new IllegalStateException("Missing resource " + resource);
        }
        dsl.execute("RUNSCRIPT FROM 'classpath:" + resource + "'");
    }

    /** An in-memory database outlives its connections (DB_CLOSE_DELAY=-1) until it is shut down: closing frees it. */
    @Override
    public void close() {
        if (inMemory && !pool.isClosed()) {
            try {
                dsl.execute("SHUTDOWN");
            } catch (DataAccessException alreadyGone) {
                // Nothing is left to free.
            }
        }
        pool.close();
    }
}
