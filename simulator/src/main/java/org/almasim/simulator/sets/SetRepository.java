package org.almasim.simulator.sets;

import static org.almasim.simulator.db.Tables.PATRON;
import static org.almasim.simulator.db.Tables.SET_MEMBER;
import static org.almasim.simulator.db.Tables.USER_SET;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.almasim.simulator.db.tables.records.UserSetRecord;
import org.almasim.simulator.store.BulkLookup;
import org.almasim.simulator.store.Page;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record4;
import org.jooq.SelectSeekStep1;
import org.jooq.impl.DSL;

/** Sets and itemized members in H2, through jOOQ only. Logical members are the patrons a condition selects. */
final class SetRepository {
    private final DSLContext db;

    SetRepository(DSLContext db) {
        this.db = db;
    }

    record StoredSet(
            String id,
            String name,
            String description,
            String type,
            boolean isPrivate,
            String status,
            Instant statusDate,
            String note,
            Instant createdDate,
            String query) {
        boolean logical() {
            return type.equals("LOGICAL");
        }
    }

    record MemberRow(long userKey, String primaryId, String firstName, String lastName) {}

    static String fold(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    void insert(StoredSet set) {
        db.insertInto(USER_SET).set(record(set)).execute();
    }

    void update(StoredSet set) {
        db.update(USER_SET).set(record(set)).where(USER_SET.SET_ID.eq(set.id())).execute();
    }

    void delete(String id) {
        db.deleteFrom(USER_SET).where(USER_SET.SET_ID.eq(id)).execute();
    }

    Optional<StoredSet> find(String id) {
        return db.selectFrom(USER_SET).where(USER_SET.SET_ID.eq(id)).fetchOptional(SetRepository::stored);
    }

    Optional<StoredSet> findForUpdate(String id) {
        return db.selectFrom(USER_SET).where(USER_SET.SET_ID.eq(id)).forUpdate().fetchOptional(SetRepository::stored);
    }

    boolean nameTaken(String name, String exceptId) {
        return db.fetchExists(USER_SET, USER_SET.NAME_FOLD.eq(fold(name)).and(USER_SET.SET_ID.ne(exceptId)));
    }

    int count(Condition filter) {
        return db.fetchCount(USER_SET, filter);
    }

    List<StoredSet> list(Condition filter, Page page) {
        return db.selectFrom(USER_SET)
                .where(filter)
                .orderBy(USER_SET.NAME_FOLD, USER_SET.SET_ID)
                .limit(page.limit())
                .offset(page.offset())
                .fetch(SetRepository::stored);
    }

    int memberCount(StoredSet set, Condition logical) {
        return set.logical()
                ? db.fetchCount(PATRON, logical)
                : db.fetchCount(SET_MEMBER, SET_MEMBER.SET_ID.eq(set.id()));
    }

    /** One page of members in primary id order. */
    List<MemberRow> members(StoredSet set, Condition logical, Page page) {
        return members(set, logical).limit(page.limit()).offset(page.offset()).fetch(SetRepository::member);
    }

    /**
     * Every member of a logical set in primary id order. Sorted here rather than by the database, which would walk the
     * primary id index and look up each row instead of scanning the table (or an index on the query's columns).
     */
    List<MemberRow> allLogicalMembers(Condition logical) {
        var rows = new ArrayList<>(db.select(
                        PATRON.USER_KEY, PATRON.PRIMARY_ID, PATRON.FIRST_NAME, PATRON.LAST_NAME, PATRON.PRIMARY_ID_FOLD)
                .from(PATRON)
                .where(logical)
                .fetch());
        rows.sort(Comparator.comparing(r -> r.value5()));
        return rows.stream()
                .map(r -> new MemberRow(r.value1(), r.value2(), r.value3(), r.value4()))
                .toList();
    }

    private SelectSeekStep1<Record4<Long, String, String, String>, String> members(StoredSet set, Condition logical) {
        var select = db.select(PATRON.USER_KEY, PATRON.PRIMARY_ID, PATRON.FIRST_NAME, PATRON.LAST_NAME)
                .from(PATRON);
        var filtered = set.logical()
                ? select.where(logical)
                : select.join(SET_MEMBER)
                        .on(SET_MEMBER.USER_KEY.eq(PATRON.USER_KEY))
                        .where(SET_MEMBER.SET_ID.eq(set.id()));
        return filtered.orderBy(PATRON.PRIMARY_ID_FOLD);
    }

    private static MemberRow member(Record4<Long, String, String, String> r) {
        return new MemberRow(r.value1(), r.value2(), r.value3(), r.value4());
    }

    List<StoredSet> all() {
        return db.selectFrom(USER_SET).orderBy(USER_SET.NAME_FOLD).fetch(SetRepository::stored);
    }

    boolean holds(StoredSet set, Condition logical, long userKey) {
        return set.logical()
                ? db.fetchExists(PATRON, PATRON.USER_KEY.eq(userKey).and(logical))
                : db.fetchExists(SET_MEMBER, SET_MEMBER.SET_ID.eq(set.id()).and(SET_MEMBER.USER_KEY.eq(userKey)));
    }

    /** Every member's user key and primary id, in key order, for jobs that run on a set. */
    Map<Long, String> memberIds(StoredSet set, Condition logical) {
        var select = db.select(PATRON.USER_KEY, PATRON.PRIMARY_ID).from(PATRON);
        var members = set.logical()
                ? select.where(logical)
                : select.join(SET_MEMBER)
                        .on(SET_MEMBER.USER_KEY.eq(PATRON.USER_KEY))
                        .where(SET_MEMBER.SET_ID.eq(set.id()));
        return members.orderBy(PATRON.USER_KEY).fetchMap(PATRON.USER_KEY, PATRON.PRIMARY_ID);
    }

    Set<Long> itemizedMembersAmong(String setId, Collection<Long> keys) {
        if (keys.isEmpty()) {
            return new HashSet<>();
        }
        var users = BulkLookup.keys(keys);
        return new HashSet<>(db.select(SET_MEMBER.USER_KEY)
                .from(users.table())
                .join(SET_MEMBER)
                .on(SET_MEMBER.USER_KEY.eq(users.value()).and(SET_MEMBER.SET_ID.eq(setId)))
                .fetch(SET_MEMBER.USER_KEY));
    }

    /** Makes the itemized set hold whom the logical condition selects now, in one statement however many they are. */
    void copyMembers(String setId, Condition logical) {
        db.insertInto(SET_MEMBER, SET_MEMBER.SET_ID, SET_MEMBER.USER_KEY)
                .select(db.select(DSL.val(setId), PATRON.USER_KEY).from(PATRON).where(logical))
                .execute();
    }

    void addMembers(String setId, Collection<Long> keys) {
        var batch = db.batch(db.insertInto(SET_MEMBER, SET_MEMBER.SET_ID, SET_MEMBER.USER_KEY)
                .values((String) null, null));
        for (long key : keys) {
            batch = batch.bind(setId, key);
        }
        if (!keys.isEmpty()) {
            batch.execute();
        }
    }

    void removeMembers(String setId, Collection<Long> keys) {
        db.deleteFrom(SET_MEMBER)
                .where(SET_MEMBER.SET_ID.eq(setId).and(SET_MEMBER.USER_KEY.in(keys)))
                .execute();
    }

    void removeAllMembers(String setId) {
        db.deleteFrom(SET_MEMBER).where(SET_MEMBER.SET_ID.eq(setId)).execute();
    }

    static Condition filter(String setType, String nameWords) {
        Condition filter = DSL.noCondition();
        if (setType != null) {
            filter = filter.and(USER_SET.SET_TYPE.eq(setType));
        }
        if (nameWords != null) {
            for (String word : nameWords.toLowerCase(Locale.ROOT).split("\\s+")) {
                filter = filter.and(USER_SET.NAME_FOLD.contains(word));
            }
        }
        return filter;
    }

    private UserSetRecord record(StoredSet set) {
        UserSetRecord r = db.newRecord(USER_SET);
        r.setSetId(set.id());
        r.setName(set.name());
        r.setNameFold(fold(set.name()));
        r.setDescription(set.description());
        r.setSetType(set.type());
        r.setIsPrivate(set.isPrivate());
        r.setStatus(set.status());
        r.setStatusDate(set.statusDate().atOffset(ZoneOffset.UTC));
        r.setNote(set.note());
        r.setCreatedDate(set.createdDate().atOffset(ZoneOffset.UTC));
        r.setQuery(set.query());
        return r;
    }

    private static StoredSet stored(UserSetRecord r) {
        return new StoredSet(
                r.getSetId(),
                r.getName(),
                r.getDescription(),
                r.getSetType(),
                r.getIsPrivate(),
                r.getStatus(),
                r.getStatusDate().toInstant(),
                r.getNote(),
                r.getCreatedDate().toInstant(),
                r.getQuery());
    }
}
