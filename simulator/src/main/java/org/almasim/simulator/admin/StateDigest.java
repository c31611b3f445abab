package org.almasim.simulator.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.almasim.simulator.store.LibraryTables;
import org.jooq.DSLContext;
import org.jooq.Table;

/**
 * A fingerprint of everything the simulator holds: one SHA-256 per table over its rows in key order.
 * Two equal digests mean nothing changed, which is how tests (and regression suites) prove a refused request wrote nothing.
 */
public final class StateDigest {
    private static final List<Table<?>> TABLES = LibraryTables.DATA;

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
