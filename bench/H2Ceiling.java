import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * How fast H2's file store takes a million patrons when nothing but H2 does the work: the patron rows (with a stored
 * document of the given size, as almasim keeps each user's answer) and one identifier each, inserted by set-based
 * SQL over SYSTEM_RANGE in one transaction per table, with almasim's patron indexes kept during the insert and the name
 * index built after it, as almasim's load does. No items, loans or fees, no Java objects, no jOOQ: a floor under any
 * way of loading the same library into H2. Run by bench/h2-ceiling.sh.
 */
public final class H2Ceiling {
    public static void main(String[] args) throws Exception {
        int patrons = Integer.parseInt(args[0]);
        int documentBytes = Integer.parseInt(args[1]);
        Path dir = Files.createTempDirectory("h2-ceiling");
        try (Connection db = DriverManager.getConnection("jdbc:h2:" + dir.resolve("db"))) {
            Statement sql = db.createStatement();
            sql.execute("CREATE TABLE patron (user_key BIGINT PRIMARY KEY, primary_id VARCHAR(255) NOT NULL,"
                    + " primary_id_fold VARCHAR(255) NOT NULL, primary_id_natural VARCHAR(4000) NOT NULL,"
                    + " featured BOOLEAN DEFAULT FALSE NOT NULL, record_type VARCHAR(50) NOT NULL,"
                    + " first_name VARCHAR(255), last_name VARCHAR(255), user_group VARCHAR(255),"
                    + " account_type VARCHAR(20) NOT NULL, external_id VARCHAR(255), status VARCHAR(20) NOT NULL,"
                    + " expiry_date DATE, purge_date DATE, emails VARCHAR(4000) NOT NULL, created_date DATE NOT NULL,"
                    + " modified_date DATE, password VARCHAR(255), document VARCHAR(1000000) NOT NULL,"
                    + " CONSTRAINT uq_patron_primary_id UNIQUE (primary_id_fold))");
            sql.execute("CREATE INDEX ix_patron_console_order ON patron (featured, primary_id_natural)");
            sql.execute("CREATE TABLE patron_identifier (user_key BIGINT NOT NULL, id_type VARCHAR(100) NOT NULL,"
                    + " value_fold VARCHAR(255) NOT NULL, CONSTRAINT uq_identifier_value UNIQUE (value_fold))");
            sql.execute("CREATE INDEX ix_identifier_user ON patron_identifier (user_key)");
            db.setAutoCommit(false);
            String filler = "x".repeat(documentBytes);

            long started = System.nanoTime();
            sql.execute("INSERT INTO patron SELECT X, 'S' || LPAD(X, 8, '0'), 's' || LPAD(X, 8, '0'),"
                    + " 's' || LPAD(X, 8, '0'), FALSE, 'PUBLIC', 'Ana', 'Brown', 'UNDERGRAD', 'EXTERNAL', NULL,"
                    + " 'ACTIVE', DATE '2026-01-01' + MOD(X, 1000), NULL, 'ana.brown' || X || '@example.edu',"
                    + " DATE '2026-01-01', NULL, NULL, '" + filler + "' || X FROM SYSTEM_RANGE(1, " + patrons + ")");
            db.commit();
            long patronsDone = System.nanoTime();
            sql.execute("INSERT INTO patron_identifier SELECT X, 'BARCODE', 'bs' || LPAD(X, 8, '0')"
                    + " FROM SYSTEM_RANGE(1, " + patrons + ")");
            db.commit();
            long identifiersDone = System.nanoTime();
            sql.execute("CREATE INDEX ix_patron_name ON patron (last_name, first_name, primary_id_fold)");
            db.commit();
            long finished = System.nanoTime();
            System.out.printf(
                    "H2 alone, set-based SQL: %,d patrons in %.1f s, their identifiers in %.1f s, the name index in"
                            + " %.1f s: %.1f s in all%n",
                    patrons,
                    (patronsDone - started) / 1e9,
                    (identifiersDone - patronsDone) / 1e9,
                    (finished - identifiersDone) / 1e9,
                    (finished - started) / 1e9);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
