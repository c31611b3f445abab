package org.almasim.simulator.admin;

import static org.almasim.simulator.db.Tables.BIB;
import static org.almasim.simulator.db.Tables.CODE_ENTRY;
import static org.almasim.simulator.db.Tables.DELETED_USER;
import static org.almasim.simulator.db.Tables.FEE;
import static org.almasim.simulator.db.Tables.FEE_TRANSACTION;
import static org.almasim.simulator.db.Tables.HOLDING;
import static org.almasim.simulator.db.Tables.INSTITUTION_SETTING;
import static org.almasim.simulator.db.Tables.ITEM;
import static org.almasim.simulator.db.Tables.JOB_EVENT;
import static org.almasim.simulator.db.Tables.JOB_INSTANCE;
import static org.almasim.simulator.db.Tables.JOB_LOCK;
import static org.almasim.simulator.db.Tables.LOAN;
import static org.almasim.simulator.db.Tables.PATRON;
import static org.almasim.simulator.db.Tables.PATRON_BLOCKER;
import static org.almasim.simulator.db.Tables.PATRON_IDENTIFIER;
import static org.almasim.simulator.db.Tables.SET_MEMBER;
import static org.almasim.simulator.db.Tables.USER_SET;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Table;

/**
 * A fingerprint of everything the simulator holds: one SHA-256 per table over its rows in key order.
 * Two equal digests mean nothing changed, which is how tests (and regression suites) prove a refused request wrote nothing.
 */
public final class StateDigest {
    private static final List<Table<?>> TABLES = List.of(
            CODE_ENTRY,
            PATRON,
            PATRON_IDENTIFIER,
            FEE,
            FEE_TRANSACTION,
            BIB,
            HOLDING,
            ITEM,
            LOAN,
            USER_SET,
            SET_MEMBER,
            PATRON_BLOCKER,
            INSTITUTION_SETTING,
            JOB_INSTANCE,
            JOB_EVENT,
            JOB_LOCK,
            DELETED_USER);

    private StateDigest() {}

    public static Map<String, String> of(DSLContext db) {
        Map<String, String> digests = new LinkedHashMap<>();
        for (Table<?> table : TABLES) {
            MessageDigest sha = sha256();
            db.selectFrom(table)
                    .orderBy(table.fields())
                    .forEach(row -> sha.update((row.formatCSV(false) + "\n").getBytes(StandardCharsets.UTF_8)));
            digests.put(table.getName().toLowerCase(), HexFormat.of().formatHex(sha.digest()));
        }
        return digests;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
