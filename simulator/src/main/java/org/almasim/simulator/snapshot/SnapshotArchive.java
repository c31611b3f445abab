package org.almasim.simulator.snapshot;

import static org.almasim.simulator.db.Tables.RS_REQUEST;
import static org.almasim.simulator.db.Tables.SIMULATOR_STATE;
import static org.almasim.simulator.db.Tables.USER_ATTACHMENT;
import static org.almasim.simulator.db.Tables.USER_REQUEST;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.almasim.simulator.db.DefaultSchema;
import org.almasim.simulator.errors.Echo;
import org.almasim.simulator.links.AlmaLinks;
import org.almasim.simulator.store.BoundedStream;
import org.almasim.simulator.store.LibraryTables;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Sequence;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.exception.DataAccessException;

/**
 * One institution's library as a file of data: a zip holding {@value #MANIFEST} (the format, its version and where the
 * id sequences stood) and, for each table, {@code tables/NAME.jsonl}: a JSON array of column names, then one JSON array
 * of values a row. Nothing in it is ever run: each value is checked against its column and written through jOOQ, in one
 * transaction that a refused file rolls back whole, so a refused import changes nothing. The simulator's own state
 * (the list of institutions and their keys) is never written and never read.
 */
public final class SnapshotArchive {
    /**
     * The most a snapshot may unpack to: a quarter of the heap, so that a library that fits is taken and a zip that
     * unpacks to gigabytes is refused before it fills the memory an in-memory database lives in.
     */
    public static final long MAX_UNPACKED_BYTES = Runtime.getRuntime().maxMemory() / 4;

    public static final String FORMAT = "almasim-snapshot";
    public static final int VERSION = 3;

    static final String MANIFEST = "manifest.json";
    static final String TABLE_ENTRY = "tables/%s.jsonl";

    /**
     * The tables a snapshot of an earlier version was written without, by version: such a snapshot is imported with
     * them empty. Version 2 came before users' requests were kept.
     */
    private static final Map<Integer, Set<String>> ADDED_AFTER = Map.of(
            2,
            Set.of(
                    TABLE_ENTRY.formatted(USER_REQUEST.getName()),
                    TABLE_ENTRY.formatted(RS_REQUEST.getName()),
                    TABLE_ENTRY.formatted(USER_ATTACHMENT.getName())));

    static final int BATCH = 1_000;

    static final List<Table<?>> TABLES = LibraryTables.IN_KEY_ORDER;

    /** A file that is not a snapshot this simulator can take, with what is wrong and where. */
    public static final class Refused extends IllegalArgumentException {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * What a library's own rows must be beyond their column's type and length: for a column, a check answering what is
     * wrong with a value ({@code Optional.empty()} when it is good); and for the library once every row is in (still
     * inside the import's transaction), what is wrong with it as a whole.
     */
    public record ValueChecks(
            Map<TableField<?, String>, Function<String, Optional<String>>> byColumn,
            Function<DSLContext, Optional<String>> library) {
        public ValueChecks {
            byColumn = Map.copyOf(byColumn);
        }

        Optional<String> problem(Field<?> column, String value) {
            Function<String, Optional<String>> check = byColumn.get(column);
            return check == null ? Optional.empty() : check.apply(value);
        }
    }

    private final Set<String> simulatorState;
    private final ValueChecks checks;

    /**
     * @param simulatorState names of state rows that are the simulator's, not the library's: never exported, kept as
     *     they are by an import, and refused in a file
     */
    public SnapshotArchive(Set<String> simulatorState, ValueChecks checks) {
        this.simulatorState = Set.copyOf(simulatorState);
        this.checks = checks;
    }

    /** Writes the library to {@code out} as a zip; {@code out} is finished, not closed. */
    public void export(DSLContext dsl, OutputStream out) {
        new SnapshotWriter(simulatorState).write(dsl, out);
    }

    /**
     * Replaces the library's rows with the file's, read from {@code in} and never more than {@code maxBytes} once
     * unpacked. Everything is checked while it is written inside one transaction; a file refused anywhere (a
     * {@link Refused} naming the entry and line) rolls it back, and the library is as it was.
     */
    public void importFrom(DSLContext dsl, InputStream in, long maxBytes) {
        Map<String, Long> sequences = dsl.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            removeRows(db);
            Map<String, Long> numbering = readArchive(db, in, maxBytes);
            checks.library().apply(db).ifPresent(problem -> {
                throw new Refused(problem);
            });
            return numbering;
        });
        SnapshotNumbering.restart(dsl, sequences);
    }

    private void removeRows(DSLContext db) {
        List<Table<?>> reversed = new ArrayList<>(TABLES);
        Collections.reverse(reversed);
        for (Table<?> table : reversed) {
            if (table == SIMULATOR_STATE) {
                db.deleteFrom(SIMULATOR_STATE)
                        .where(SIMULATOR_STATE.STATE_NAME.notIn(simulatorState))
                        .execute();
            } else {
                db.deleteFrom(table).execute();
            }
        }
    }

    private Map<String, Long> readArchive(DSLContext db, InputStream in, long maxBytes) {
        Map<String, Table<?>> byEntry = new HashMap<>();
        TABLES.forEach(table -> byEntry.put(TABLE_ENTRY.formatted(table.getName()), table));
        Set<String> seen = new HashSet<>();
        Optional<Map<String, Long>> sequences = Optional.empty();
        int[] version = {VERSION};
        try (ZipInputStream zip = new ZipInputStream(in)) {
            // One count over every entry, of the bytes unpacked: a small zip may unpack to gigabytes.
            InputStream unpacked = new BoundedStream(
                    zip,
                    maxBytes,
                    () -> new Refused("The snapshot is larger than this simulator takes (" + maxBytes / (1024 * 1024)
                            + " MB; a quarter of the Java heap, -Xmx)."));
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = entry.getName();
                if (!seen.add(name)) {
                    throw new Refused("The snapshot holds " + Echo.shortened(name) + " twice.");
                }
                if (sequences.isEmpty()) {
                    if (!name.equals(MANIFEST)) {
                        throw new Refused("A snapshot starts with " + MANIFEST + " (an almasim snapshot of version "
                                + VERSION + ", as GET " + AlmaLinks.CONTROL_PLANE
                                + "/snapshot writes); this one starts with "
                                + Echo.shortened(name) + ".");
                    }
                    JsonNode manifest = readManifest(unpacked);
                    version[0] = manifest.path("version").asInt();
                    sequences = Optional.of(sequencesOf(manifest));
                } else if (byEntry.containsKey(name)) {
                    readTable(db, byEntry.get(name), name, unpacked);
                } else {
                    throw new Refused("A snapshot holds " + MANIFEST + " and tables/TABLE.jsonl for almasim's tables;"
                            + " it holds " + Echo.shortened(name) + ".");
                }
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new Refused("The snapshot is not a whole zip file (" + e.getMessage() + ").");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (sequences.isEmpty()) {
            throw new Refused("The body is not an almasim snapshot (a zip exported by GET " + AlmaLinks.CONTROL_PLANE
                    + "/snapshot): it" + " holds no " + MANIFEST + ".");
        }
        // Every table is written, empty or not: a table missing is a file cut short between two entries.
        byEntry.keySet().stream()
                .filter(name -> !seen.contains(name))
                .filter(name -> !ADDED_AFTER.getOrDefault(version[0], Set.of()).contains(name))
                .sorted()
                .findFirst()
                .ifPresent(missing -> {
                    throw new Refused("The snapshot is cut short: it has no " + missing + ".");
                });
        return sequences.get();
    }

    /** The manifest of a snapshot of this version or of one whose tables are all still here (2). */
    private static JsonNode readManifest(InputStream in) throws IOException {
        JsonNode manifest;
        try {
            manifest = SnapshotValues.JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new Refused(MANIFEST + " is not JSON: " + e.getOriginalMessage());
        }
        int version = manifest == null ? 0 : manifest.path("version").asInt();
        if (!FORMAT.equals(manifest == null ? null : manifest.path("format").asText())
                || (version != VERSION && !ADDED_AFTER.containsKey(version))) {
            throw new Refused(MANIFEST + " does not describe an almasim snapshot of version " + VERSION + " (or 2).");
        }
        return manifest;
    }

    private static Map<String, Long> sequencesOf(JsonNode manifest) {
        Map<String, Long> sequences = new LinkedHashMap<>();
        for (Sequence<Long> sequence : SnapshotNumbering.SEQUENCES) {
            JsonNode value = manifest.path("sequences").path(sequence.getName());
            if (!value.canConvertToLong() || value.asLong() < 1 || value.asLong() > SnapshotNumbering.LARGEST) {
                throw new Refused(MANIFEST + " needs sequences." + sequence.getName() + ", a number from 1 to "
                        + SnapshotNumbering.LARGEST + ".");
            }
            sequences.put(sequence.getName(), value.asLong());
        }
        return sequences;
    }

    private void readTable(DSLContext db, Table<?> table, String entry, InputStream in) throws IOException {
        try (JsonParser parser = SnapshotValues.JSON.getFactory().createParser(in);
                MappingIterator<JsonNode> lines =
                        SnapshotValues.JSON.readerFor(JsonNode.class).readValues(parser)) {
            List<Field<?>> columns = header(table, entry, lines);
            BatchBindStep batch = insertion(db, table, columns);
            long line = 1;
            while (lines.hasNextValue()) {
                line++;
                JsonNode row = lines.nextValue();
                batch.bind(values(table, columns, row, entry, line));
                if (batch.size() == BATCH) {
                    batch.execute();
                    batch = insertion(db, table, columns);
                }
            }
            if (batch.size() > 0) {
                batch.execute();
            }
        } catch (JsonProcessingException e) {
            throw new Refused(entry + " is not JSON lines: " + e.getOriginalMessage());
        } catch (DataAccessException e) {
            throw new Refused(entry + " does not fit almasim's library: " + rootMessage(e));
        }
    }

    private static List<Field<?>> header(Table<?> table, String entry, MappingIterator<JsonNode> lines)
            throws IOException {
        JsonNode names = lines.hasNextValue() ? lines.nextValue() : null;
        if (names == null || !names.isArray() || names.isEmpty()) {
            throw new Refused(entry + " starts with a JSON array of its column names.");
        }
        List<Field<?>> columns = new ArrayList<>();
        for (JsonNode name : names) {
            Field<?> column = name.isTextual() ? table.field(name.asText()) : null;
            if (column == null || columns.contains(column)) {
                throw new Refused(entry + " line 1: " + Echo.shortened(name.toString()) + " is not a column of "
                        + table.getName() + " (or is named twice).");
            }
            columns.add(column);
        }
        return columns;
    }

    private static BatchBindStep insertion(DSLContext db, Table<?> table, List<Field<?>> columns) {
        return db.batch(db.insertInto(table, columns).values(Collections.nCopies(columns.size(), null)));
    }

    private Object[] values(Table<?> table, List<Field<?>> columns, JsonNode row, String entry, long line) {
        if (!row.isArray() || row.size() != columns.size()) {
            throw new Refused(entry + " line " + line + ": a row is a JSON array of " + columns.size() + " values.");
        }
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            Field<?> column = columns.get(i);
            try {
                values[i] = SnapshotValues.read(column, row.get(i));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new Refused(entry + " line " + line + ", " + column.getName() + ": " + e.getMessage());
            }
            if (table == SIMULATOR_STATE
                    && column.equals(SIMULATOR_STATE.STATE_NAME)
                    && simulatorState.contains((String) values[i])) {
                throw new Refused(entry + " line " + line + ": " + values[i]
                        + " is the simulator's, never a library's; a snapshot holds no institutions or keys.");
            }
            if (values[i] instanceof String text) {
                Optional<String> problem = checks.problem(column, text);
                if (problem.isPresent()) {
                    throw new Refused(entry + " line " + line + ", " + column.getName() + ": " + problem.get());
                }
            }
        }
        return values;
    }

    /** Every table of the schema, for the test that keeps {@link #TABLES} complete. */
    static List<Table<?>> schemaTables() {
        return DefaultSchema.DEFAULT_SCHEMA.getTables();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        int sql = message.indexOf("; SQL statement");
        return Echo.shortened(sql < 0 ? message : message.substring(0, sql));
    }
}
