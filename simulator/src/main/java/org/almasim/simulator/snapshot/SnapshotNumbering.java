package org.almasim.simulator.snapshot;

import static org.almasim.simulator.db.Tables.PATRON;

import java.util.List;
import java.util.Map;
import org.almasim.simulator.db.Sequences;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Sequence;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** Where a library's numbers stand: its sequences, saved in a snapshot's manifest, and its identity columns. */
final class SnapshotNumbering {
    static final List<Sequence<Long>> SEQUENCES = List.of(Sequences.PATRON_KEY_SEQ, Sequences.ALMA_ID_SEQ);
    static final long LARGEST = 1_000_000_000_000_000L;

    private SnapshotNumbering() {}

    /** Where the sequence will go on (H2 keeps it as the sequence's base value); reading it takes no number. */
    static long nextValue(DSLContext dsl, Sequence<Long> sequence) {
        return dsl.select(DSL.field(DSL.name("BASE_VALUE"), Long.class))
                .from(DSL.table(DSL.name("INFORMATION_SCHEMA", "SEQUENCES")))
                .where(DSL.field(DSL.name("SEQUENCE_NAME")).eq(sequence.getName()))
                .fetchSingle()
                .value1();
    }

    /**
     * Sequences and identity columns go on after the numbers the library holds. Altering them is DDL, which H2 commits
     * at once, so it runs after the import's transaction, from values the transaction already checked.
     */
    static void restart(DSLContext dsl, Map<String, Long> sequences) {
        for (Sequence<Long> sequence : SEQUENCES) {
            long next = sequences.get(sequence.getName());
            if (sequence == Sequences.PATRON_KEY_SEQ) {
                next = Math.max(next, nextAfter(dsl, PATRON, PATRON.USER_KEY));
            }
            dsl.alterSequence(sequence).restartWith(next).execute();
        }
        for (Table<?> table : SnapshotArchive.TABLES) {
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
}
