package org.almasim.simulator.snapshot;

import static org.almasim.simulator.db.Tables.PATRON;
import static org.almasim.simulator.db.Tables.SIMULATOR_STATE;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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
import java.util.zip.ZipOutputStream;
import org.almasim.simulator.db.DefaultSchema;
import org.almasim.simulator.db.Sequences;
import org.almasim.simulator.store.LibraryTables;
import org.jooq.BatchBindStep;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Sequence;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * One institution's library as a file of data: a zip holding {@value #MANIFEST} (the format, its version and where the
 * id sequences stood) and, for each table, {@code tables/NAME.jsonl}: a JSON array of column names, then one JSON array
 * of values a row. Nothing in it is ever run: each value is checked against its column and written through jOOQ, in one
 * transaction that a refused file rolls back whole, so a refused import changes nothing. The simulator's own state
 * (the list of institutions and their keys) is never written and never read.
 */
public final class SnapshotArchive {
    public static final String FORMAT = "almasim-snapshot";
    public static final int VERSION = 2;
    static final String MANIFEST = "manifest.json";
    private static final String TABLE_ENTRY = "tables/%s.jsonl";
    private static final int BATCH = 1_000;
    private static final long LARGEST_SEQUENCE_VALUE = 1_000_000_000_000_000L;

    static final List<Table<?>> TABLES = LibraryTables.IN_KEY_ORDER;

    private static final List<Sequence<Long>> SEQUENCES = List.of(Sequences.PATRON_KEY_SEQ, Sequences.ALMA_ID_SEQ);

    // The archive's streams stay open between entries: a reader or writer closing them would end the zip.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    static {
        // A snapshot's longest value is a patron's document (1,000,000 characters).
        JSON.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(2_000_000)
                        .maxNestingDepth(200)
                        .maxNumberLength(40)
                        .build());
    }

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
        try {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry(MANIFEST));
            JSON.writeValue(zip, manifest(dsl));
            zip.closeEntry();
            for (Table<?> table : TABLES) {
                zip.putNextEntry(new ZipEntry(TABLE_ENTRY.formatted(table.getName())));
                writeRows(dsl, table, zip);
                zip.closeEntry();
            }
            zip.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode manifest(DSLContext dsl) {
        ObjectNode manifest = JSON.createObjectNode().put("format", FORMAT).put("version", VERSION);
        ObjectNode sequences = manifest.putObject("sequences");
        for (Sequence<Long> sequence : SEQUENCES) {
            sequences.put(sequence.getName(), nextValue(dsl, sequence));
        }
        return manifest;
    }

    /** Where the sequence will go on (H2 keeps it as the sequence's base value); reading it takes no number. */
    private static long nextValue(DSLContext dsl, Sequence<Long> sequence) {
        return dsl.select(DSL.field(DSL.name("BASE_VALUE"), Long.class))
                .from(DSL.table(DSL.name("INFORMATION_SCHEMA", "SEQUENCES")))
                .where(DSL.field(DSL.name("SEQUENCE_NAME")).eq(sequence.getName()))
                .fetchSingle()
                .value1();
    }

    private void writeRows(DSLContext dsl, Table<?> table, OutputStream out) throws IOException {
        List<Field<?>> columns = List.of(table.fields());
        JsonGenerator json = JSON.getFactory().createGenerator(out);
        json.writeStartArray();
        for (Field<?> column : columns) {
            json.writeString(column.getName());
        }
        json.writeEndArray();
        json.writeRaw('\n');
        var select = table == SIMULATOR_STATE
                ? dsl.selectFrom(table).where(SIMULATOR_STATE.STATE_NAME.notIn(simulatorState))
                : dsl.selectFrom(table);
        try (Cursor<? extends Record> rows = select.fetchSize(BATCH).fetchLazy()) {
            for (Record row : rows) {
                json.writeStartArray();
                for (int i = 0; i < columns.size(); i++) {
                    writeValue(json, row.get(i));
                }
                json.writeEndArray();
                json.writeRaw('\n');
            }
        }
        json.flush();
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof Integer number) {
            json.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else if (value instanceof BigDecimal amount) {
            json.writeString(amount.toPlainString());
        } else if (value instanceof LocalDate || value instanceof OffsetDateTime) {
            json.writeString(value.toString());
        } else {
            throw new IllegalStateException("No snapshot form for " + value.getClass());
        }
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
        restartNumbering(dsl, sequences);
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
        try (ZipInputStream zip = new ZipInputStream(in)) {
            // One count over every entry, of the bytes unpacked: a small zip may unpack to gigabytes.
            InputStream unpacked = new BoundedStream(zip, maxBytes);
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = entry.getName();
                if (!seen.add(name)) {
                    throw new Refused("The snapshot holds " + shown(name) + " twice.");
                }
                if (sequences.isEmpty()) {
                    if (!name.equals(MANIFEST)) {
                        throw new Refused("A snapshot starts with " + MANIFEST + " (an almasim snapshot of version "
                                + VERSION + ", as GET /almasim/v1/snapshot writes); this one starts with "
                                + shown(name) + ".");
                    }
                    sequences = Optional.of(readManifest(unpacked));
                } else if (byEntry.containsKey(name)) {
                    readTable(db, byEntry.get(name), name, unpacked);
                } else {
                    throw new Refused("A snapshot holds " + MANIFEST + " and tables/TABLE.jsonl for almasim's tables;"
                            + " it holds " + shown(name) + ".");
                }
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new Refused("The snapshot is not a whole zip file (" + e.getMessage() + ").");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (sequences.isEmpty()) {
            throw new Refused("The body is not an almasim snapshot (a zip exported by GET /almasim/v1/snapshot): it"
                    + " holds no " + MANIFEST + ".");
        }
        // Every table is written, empty or not: a table missing is a file cut short between two entries.
        byEntry.keySet().stream()
                .filter(name -> !seen.contains(name))
                .sorted()
                .findFirst()
                .ifPresent(missing -> {
                    throw new Refused("The snapshot is cut short: it has no " + missing + ".");
                });
        return sequences.get();
    }

    private static Map<String, Long> readManifest(InputStream in) throws IOException {
        JsonNode manifest;
        try {
            manifest = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new Refused(MANIFEST + " is not JSON: " + e.getOriginalMessage());
        }
        if (manifest == null
                || !FORMAT.equals(manifest.path("format").asText())
                || manifest.path("version").asInt() != VERSION) {
            throw new Refused(MANIFEST + " does not describe an almasim snapshot of version " + VERSION + ".");
        }
        Map<String, Long> sequences = new LinkedHashMap<>();
        for (Sequence<Long> sequence : SEQUENCES) {
            JsonNode value = manifest.path("sequences").path(sequence.getName());
            if (!value.canConvertToLong() || value.asLong() < 1 || value.asLong() > LARGEST_SEQUENCE_VALUE) {
                throw new Refused(MANIFEST + " needs sequences." + sequence.getName() + ", a number from 1 to "
                        + LARGEST_SEQUENCE_VALUE + ".");
            }
            sequences.put(sequence.getName(), value.asLong());
        }
        return sequences;
    }

    private void readTable(DSLContext db, Table<?> table, String entry, InputStream in) throws IOException {
        try (JsonParser parser = JSON.getFactory().createParser(in);
                MappingIterator<JsonNode> lines = JSON.readerFor(JsonNode.class).readValues(parser)) {
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
                throw new Refused(entry + " line 1: " + shown(name.toString()) + " is not a column of "
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
                values[i] = value(column, row.get(i));
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

    /** The row's value as its column's type, no longer than the column allows; {@code null} for JSON's null. */
    private static Object value(Field<?> column, JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        Class<?> type = column.getType();
        int length = column.getDataType().length();
        if (type == String.class) {
            String text = textOf(node);
            if (length > 0 && text.length() > length) {
                throw new IllegalArgumentException("longer than the column's " + length + " characters");
            }
            return text;
        }
        if (type == Long.class || type == Integer.class) {
            if (!node.isIntegralNumber()
                    || !node.canConvertToLong()
                    || (type == Integer.class && !node.canConvertToInt())) {
                throw new IllegalArgumentException("not a whole number: " + shown(node.toString()));
            }
            return type == Long.class ? node.asLong() : node.asInt();
        }
        if (type == Boolean.class) {
            if (!node.isBoolean()) {
                throw new IllegalArgumentException("not true or false: " + shown(node.toString()));
            }
            return node.asBoolean();
        }
        if (type == BigDecimal.class) {
            BigDecimal amount = new BigDecimal(textOf(node));
            if (amount.scale() > column.getDataType().scale()
                    || amount.precision() - amount.scale()
                            > column.getDataType().precision()
                                    - column.getDataType().scale()) {
                throw new IllegalArgumentException("not an amount the column holds: " + shown(node.toString()));
            }
            return amount;
        }
        if (type == LocalDate.class) {
            return LocalDate.parse(textOf(node));
        }
        if (type == OffsetDateTime.class) {
            return OffsetDateTime.parse(textOf(node));
        }
        throw new IllegalStateException("No snapshot form for " + type);
    }

    private static String textOf(JsonNode node) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException("not text: " + shown(node.toString()));
        }
        return node.asText();
    }

    /**
     * Sequences and identity columns go on after the numbers the library holds. Altering them is DDL, which H2 commits
     * at once, so it runs after the import's transaction, from values the transaction already checked.
     */
    private static void restartNumbering(DSLContext dsl, Map<String, Long> sequences) {
        for (Sequence<Long> sequence : SEQUENCES) {
            long next = sequences.get(sequence.getName());
            if (sequence == Sequences.PATRON_KEY_SEQ) {
                next = Math.max(next, nextAfter(dsl, PATRON, PATRON.USER_KEY));
            }
            dsl.alterSequence(sequence).restartWith(next).execute();
        }
        for (Table<?> table : TABLES) {
            if (table.getIdentity() != null) {
                Field<?> column = table.getIdentity().getField();
                dsl.execute(
                        "ALTER TABLE {0} ALTER COLUMN {1} RESTART WITH {2}",
                        table,
                        DSL.name(column.getName()),
                        DSL.inline(nextAfter(dsl, table, column.coerce(Long.class))));
            }
        }
    }

    private static long nextAfter(DSLContext dsl, Table<?> table, Field<Long> column) {
        Long largest = dsl.select(DSL.max(column)).from(table).fetchSingle().value1();
        return largest == null ? 1 : largest + 1;
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
        return shown(sql < 0 ? message : message.substring(0, sql));
    }

    /** A value from the file, short enough to echo. */
    private static String shown(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    /** The unpacked archive, refused once it passes the bound. */
    private static final class BoundedStream extends FilterInputStream {
        private final long max;
        private long read;

        BoundedStream(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw new Refused("The snapshot is larger than this simulator takes (" + max / (1024 * 1024)
                        + " MB; a quarter of the Java heap, -Xmx).");
            }
        }
    }
}
