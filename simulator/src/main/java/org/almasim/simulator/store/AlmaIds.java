package org.almasim.simulator.store;

import static org.almasim.simulator.db.Sequences.ALMA_ID_SEQ;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Alma's object ids: long digit strings ending in the institution's code (here 0004871), from one database sequence. */
public final class AlmaIds {
    private static final String INSTITUTION_SUFFIX = "0004871";

    private AlmaIds() {}

    public static String next(DSLContext db) {
        return db.nextval(ALMA_ID_SEQ) + INSTITUTION_SUFFIX;
    }

    /** Many ids in one round trip, for bulk loading. */
    public static List<String> next(DSLContext db, int count) {
        if (count == 0) {
            return List.of();
        }
        return db.select(ALMA_ID_SEQ.nextval())
                .from(DSL.generateSeries(1, count))
                .fetch(r -> r.value1() + INSTITUTION_SUFFIX);
    }
}
