package org.almasim.simulator.jobs;

import java.util.List;

/** A job the simulator can run: its Alma-style id, name, and the parameters {@code op=run} takes. */
record JobDefinition(
        String id, String name, String description, String category, List<ParameterSpec> parameters, Kind kind) {

    enum Kind {
        PURGE_BY_DATE("Users purged", PurgeAction.EVENT),
        PURGE_SET("Users purged", PurgeAction.EVENT),
        UPDATE_USERS("Records updated", UpdateUsersAction.EVENT);

        /** The counter for the users the run processed, and the event for the ones it could not. */
        final String doneCounter;

        final String event;

        Kind(String doneCounter, String event) {
            this.doneCounter = doneCounter;
            this.event = event;
        }
    }

    /** A run parameter; a mandatory one must arrive with a value, an optional one falls back to its default. */
    record ParameterSpec(String name, boolean mandatory, String defaultValue, String description) {}
}
