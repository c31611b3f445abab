package org.almasim.simulator.state;

import static org.almasim.simulator.db.Tables.SIMULATOR_STATE;

import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * The simulator's own named values that must outlive a restart on a file database (the simulated date, the trainer
 * console's schedules and history). Each put is its own committed write.
 */
public final class StateStore {
    /** The simulator's list of its institutions and their keys, kept by the default institution. */
    public static final String INSTITUTIONS = "institutions";

    /** Values that are the simulator's, not the library's: never in a snapshot, and kept when one is put back. */
    public static final Set<String> SIMULATOR_OWNED = Set.of(INSTITUTIONS);

    private final DSLContext dsl;

    public StateStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Optional<String> get(String name) {
        return dsl.select(SIMULATOR_STATE.STATE_VALUE)
                .from(SIMULATOR_STATE)
                .where(SIMULATOR_STATE.STATE_NAME.eq(name))
                .fetchOptional(SIMULATOR_STATE.STATE_VALUE);
    }

    public void put(String name, String value) {
        dsl.transaction(tx -> tx.dsl()
                .mergeInto(SIMULATOR_STATE)
                .using(tx.dsl().selectOne())
                .on(SIMULATOR_STATE.STATE_NAME.eq(name))
                .whenMatchedThenUpdate()
                .set(SIMULATOR_STATE.STATE_VALUE, value)
                .whenNotMatchedThenInsert(SIMULATOR_STATE.STATE_NAME, SIMULATOR_STATE.STATE_VALUE)
                .values(name, value)
                .execute());
    }
}
