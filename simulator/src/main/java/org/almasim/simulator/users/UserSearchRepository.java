package org.almasim.simulator.users;

import static org.almasim.simulator.db.Tables.PATRON;

import java.util.List;
import org.almasim.simulator.store.Page;
import org.jooq.DSLContext;
import org.jooq.Record5;

/** The users a search matches, a page at a time or by keys, through jOOQ only. */
final class UserSearchRepository {
    private final DSLContext db;

    UserSearchRepository(DSLContext db) {
        this.db = db;
    }

    int count(UserSearch search) {
        return db.fetchCount(PATRON, UserSearchSql.condition(search));
    }

    /** One page of matches as brief rows: primary id, names, user group and status. */
    List<BriefRow> search(UserSearch search, Page page) {
        return db.select(PATRON.PRIMARY_ID, PATRON.FIRST_NAME, PATRON.LAST_NAME, PATRON.USER_GROUP, PATRON.STATUS)
                .from(PATRON)
                .where(UserSearchSql.condition(search))
                .orderBy(UserSearchSql.order(search.orderBy()))
                .limit(page.limit())
                .offset(page.offset())
                .fetch(UserSearchRepository::brief);
    }

    /** A stored document with the primary id it belongs to. */
    record Document(String primaryId, String json) {}

    /** Full documents of one page of matches, in the same order as {@link #search}. */
    List<Document> searchDocuments(UserSearch search, Page page) {
        return db.select(PATRON.PRIMARY_ID, PATRON.DOCUMENT)
                .from(PATRON)
                .where(UserSearchSql.condition(search))
                .orderBy(UserSearchSql.order(search.orderBy()))
                .limit(page.limit())
                .offset(page.offset())
                .fetch(r -> new Document(r.value1(), r.value2()));
    }

    /** The keys of every match, in the search's order. */
    List<Long> orderedKeys(UserSearch search) {
        return db.select(PATRON.USER_KEY)
                .from(PATRON)
                .where(UserSearchSql.condition(search))
                .orderBy(UserSearchSql.order(search.orderBy()))
                .fetch(PATRON.USER_KEY);
    }

    /**
     * Brief rows of these users, in the order of the keys; users gone since are left out. A page of keys is looked up
     * with IN: H2 probes the primary key once per value, where a VALUES table ({@code BulkLookup}) would empty every
     * connection's cache of parsed statements on every page.
     */
    List<BriefRow> briefByKeys(List<Long> keys) {
        var rows = db.select(
                        PATRON.USER_KEY,
                        PATRON.PRIMARY_ID,
                        PATRON.FIRST_NAME,
                        PATRON.LAST_NAME,
                        PATRON.USER_GROUP,
                        PATRON.STATUS)
                .from(PATRON)
                .where(PATRON.USER_KEY.in(keys))
                .fetchMap(
                        PATRON.USER_KEY, r -> new BriefRow(r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
        return keys.stream().filter(rows::containsKey).map(rows::get).toList();
    }

    /** Full documents of these users, in the order of the keys; users gone since are left out. */
    List<Document> documentsByKeys(List<Long> keys) {
        var documents = db.select(PATRON.USER_KEY, PATRON.PRIMARY_ID, PATRON.DOCUMENT)
                .from(PATRON)
                .where(PATRON.USER_KEY.in(keys))
                .fetchMap(PATRON.USER_KEY, r -> new Document(r.value2(), r.value3()));
        return keys.stream().filter(documents::containsKey).map(documents::get).toList();
    }

    record BriefRow(String primaryId, String firstName, String lastName, String userGroup, String status) {}

    private static BriefRow brief(Record5<String, String, String, String, String> r) {
        return new BriefRow(r.value1(), r.value2(), r.value3(), r.value4(), r.value5());
    }
}
