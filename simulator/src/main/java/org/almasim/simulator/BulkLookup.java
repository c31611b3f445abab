package org.almasim.simulator;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Row1;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Many values to look up at once, as a {@code VALUES} table to join against. H2 answers a join through the joined
 * column's index, one probe per value; a long {@code IN (...)} list instead costs every matching row a pass over the list.
 */
public final class BulkLookup {
    private BulkLookup() {
    }

    public record Values(Table<Record1<String>> table, Field<String> value) {
    }

    public static Values of(Collection<String> values) {
        List<Row1<String>> rows = new LinkedHashSet<>(values).stream().map(DSL::row).toList();
        @SuppressWarnings("unchecked")
        Row1<String>[] array = rows.toArray(new Row1[0]);
        Table<Record1<String>> table = DSL.values(array).as("lookup", "v");
        return new Values(table, DSL.field(DSL.name("lookup", "v"), String.class));
    }
}
