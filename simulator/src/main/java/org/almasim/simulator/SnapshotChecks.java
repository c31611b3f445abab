package org.almasim.simulator;

import static org.almasim.simulator.db.Tables.DELETED_USER;
import static org.almasim.simulator.db.Tables.JOB_INSTANCE;
import static org.almasim.simulator.db.Tables.PATRON;
import static org.almasim.simulator.db.Tables.USER_SET;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.sets.SetService;
import org.almasim.simulator.snapshot.SnapshotArchive;
import org.almasim.simulator.state.StateStore;
import org.almasim.simulator.users.PasswordHashes;

/**
 * What the values of a snapshot a client sends must be before it replaces a library: documents that are JSON objects,
 * set queries almasim can read, passwords only as hashes, a simulated date in the clock's range. A snapshot is data.
 */
final class SnapshotChecks {
    private SnapshotChecks() {}

    /** The checks of a snapshot's values; any one failing refuses the whole snapshot, which changes nothing. */
    static SnapshotArchive.ValueChecks all() {
        return new SnapshotArchive.ValueChecks(
                Map.of(
                        PATRON.DOCUMENT, SnapshotChecks::jsonObjectProblem,
                        DELETED_USER.DOCUMENT, SnapshotChecks::jsonObjectProblem,
                        JOB_INSTANCE.PARAMETERS, SnapshotChecks::jsonObjectProblem,
                        USER_SET.QUERY, SetService::queryProblem,
                        PATRON.PASSWORD,
                                password -> PasswordHashes.isHash(password)
                                        ? Optional.empty()
                                        : Optional.of("a password is stored only as its hash")),
                dsl -> Institution.rememberedDate(new StateStore(dsl))
                                .filter(date ->
                                        !date.isBefore(SimulatedClock.EARLIEST) && !date.isAfter(SimulatedClock.LATEST))
                                .isPresent()
                        ? Optional.empty()
                        : Optional.of("The snapshot's simulated_date is missing or not a date from "
                                + SimulatedClock.EARLIEST + " to " + SimulatedClock.LATEST + "."));
    }

    private static Optional<String> jsonObjectProblem(String text) {
        try {
            return AlmaFormats.JSON.readTree(text) instanceof ObjectNode
                    ? Optional.empty()
                    : Optional.of("not a JSON object");
        } catch (JsonProcessingException e) {
            return Optional.of("not JSON: " + e.getOriginalMessage());
        }
    }
}
