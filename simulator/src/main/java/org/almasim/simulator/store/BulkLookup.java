package org.almasim.simulator.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Row1;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Many values to look up at once, as a {@code VALUES} table to join against. H2 answers a join through the joined
 * column's index, one probe per value; a long {@code IN (...)} list instead costs every matching row a pass over the list.
 * For one value, prefer a plain equality: H2 counts each {@code VALUES} table as a new schema object, which empties every
 * connection's cache of parsed statements.
 */
public final class BulkLookup {
    /**
     * At most this many values go into one statement: H2 binds each value as a parameter and refuses a statement with
     * too many, so a job over a million candidates looks them up a chunk at a time.
     */
    public static final int MOST_PER_STATEMENT = 5_000;

    private BulkLookup() {}

    /** The values in chunks of at most {@link #MOST_PER_STATEMENT}, distinct, in their first order. */
    public static <T> List<List<T>> chunks(Collection<T> values) {
        List<T> distinct = List.copyOf(new LinkedHashSet<>(values));
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += MOST_PER_STATEMENT) {
            chunks.add(distinct.subList(from, Math.min(distinct.size(), from + MOST_PER_STATEMENT)));
        }
        return chunks;
    }

    public record Values<T>(Table<Record1<T>> table, Field<T> value) {}

    public static Values<String> of(Collection<String> values) {
        return of(values, SQLDataType.VARCHAR(255));
    }

    /** User keys (or any other BIGINT key), typed so that H2 compares them without a cast per row. */
    public static Values<Long> keys(Collection<Long> keys) {
        return of(keys, SQLDataType.BIGINT);
    }

    private static <T> Values<T> of(Collection<T> values, DataType<T> type) {
        List<Row1<T>> rows = new LinkedHashSet<>(values)
                .stream().map(v -> DSL.row(DSL.val(v, type))).toList();
        @SuppressWarnings({"unchecked", "rawtypes"})
        Row1<T>[] array = rows.toArray(new Row1[0]);
        Table<Record1<T>> table = DSL.values(array).as("lookup", "v");
        return new Values<>(table, DSL.field(DSL.name("lookup", "v"), type));
    }
}
