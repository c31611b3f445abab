package org.almasim.simulator.snapshot;

import static org.almasim.simulator.db.Tables.SIMULATOR_STATE;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Sequence;
import org.jooq.Table;

/** Writes a library as a {@link SnapshotArchive}: its manifest, then each table's rows, streamed from a cursor. */
final class SnapshotWriter {
    private final Set<String> simulatorState;

    SnapshotWriter(Set<String> simulatorState) {
        this.simulatorState = simulatorState;
    }

    void write(DSLContext dsl, OutputStream out) {
        try {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry(SnapshotArchive.MANIFEST));
            SnapshotValues.JSON.writeValue(zip, manifest(dsl));
            zip.closeEntry();
            for (Table<?> table : SnapshotArchive.TABLES) {
                zip.putNextEntry(new ZipEntry(SnapshotArchive.TABLE_ENTRY.formatted(table.getName())));
                writeRows(dsl, table, zip);
                zip.closeEntry();
            }
            zip.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode manifest(DSLContext dsl) {
        ObjectNode manifest = SnapshotValues.JSON
                .createObjectNode()
                .put("format", SnapshotArchive.FORMAT)
                .put("version", SnapshotArchive.VERSION);
        ObjectNode sequences = manifest.putObject("sequences");
        for (Sequence<Long> sequence : SnapshotNumbering.SEQUENCES) {
            sequences.put(sequence.getName(), SnapshotNumbering.nextValue(dsl, sequence));
        }
        return manifest;
    }

    private void writeRows(DSLContext dsl, Table<?> table, OutputStream out) throws IOException {
        List<Field<?>> columns = List.of(table.fields());
        JsonGenerator json = SnapshotValues.JSON.getFactory().createGenerator(out);
        json.writeStartArray();
        for (Field<?> column : columns) {
            json.writeString(column.getName());
        }
        json.writeEndArray();
        json.writeRaw('\n');
        var select = table == SIMULATOR_STATE
                ? dsl.selectFrom(table).where(SIMULATOR_STATE.STATE_NAME.notIn(simulatorState))
                : dsl.selectFrom(table);
        try (Cursor<? extends Record> rows =
                select.fetchSize(SnapshotArchive.BATCH).fetchLazy()) {
            for (Record row : rows) {
                json.writeStartArray();
                for (int i = 0; i < columns.size(); i++) {
                    SnapshotValues.write(json, row.get(i));
                }
                json.writeEndArray();
                json.writeRaw('\n');
            }
        }
        json.flush();
    }
}
