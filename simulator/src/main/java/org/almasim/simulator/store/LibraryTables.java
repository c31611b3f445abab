package org.almasim.simulator.store;

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
import static org.almasim.simulator.db.Tables.RS_REQUEST;
import static org.almasim.simulator.db.Tables.SET_MEMBER;
import static org.almasim.simulator.db.Tables.SIMULATOR_STATE;
import static org.almasim.simulator.db.Tables.USER_ATTACHMENT;
import static org.almasim.simulator.db.Tables.USER_REQUEST;
import static org.almasim.simulator.db.Tables.USER_SET;

import java.util.List;
import org.jooq.Table;

/** An institution's tables, in one place for everything that goes over all of them (snapshots, the state digest). */
public final class LibraryTables {
    /** Each table after every table its foreign keys name: rows are written in this order and removed in reverse. */
    public static final List<Table<?>> IN_KEY_ORDER = List.of(
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
            SIMULATOR_STATE,
            JOB_INSTANCE,
            JOB_EVENT,
            JOB_LOCK,
            DELETED_USER,
            USER_REQUEST,
            RS_REQUEST,
            USER_ATTACHMENT);

    /** The library's data: every table but the simulator's own state (its date, the console's schedules). */
    public static final List<Table<?>> DATA =
            IN_KEY_ORDER.stream().filter(table -> table != SIMULATOR_STATE).toList();

    private LibraryTables() {}
}
