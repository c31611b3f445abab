package org.almasim.simulator.users;

import static org.almasim.simulator.db.Sequences.PATRON_KEY_SEQ;
import static org.almasim.simulator.db.Tables.FEE;
import static org.almasim.simulator.db.Tables.FEE_TRANSACTION;
import static org.almasim.simulator.db.Tables.JOB_LOCK;
import static org.almasim.simulator.db.Tables.LOAN;
import static org.almasim.simulator.db.Tables.PATRON;
import static org.almasim.simulator.db.Tables.PATRON_BLOCKER;
import static org.almasim.simulator.db.Tables.PATRON_IDENTIFIER;
import static org.almasim.simulator.db.Tables.RS_REQUEST;
import static org.almasim.simulator.db.Tables.SET_MEMBER;
import static org.almasim.simulator.db.Tables.USER_ATTACHMENT;
import static org.almasim.simulator.db.Tables.USER_REQUEST;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.almasim.common.order.NaturalOrder;
import org.almasim.simulator.codes.Code;
import org.almasim.simulator.store.BulkLookup;
import org.almasim.simulator.store.RenderedOnce;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record4;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/** Users in H2, through jOOQ only. Bound to one DSLContext: the service's, or a transaction's. */
final class UserRepository {
    private final DSLContext db;

    UserRepository(DSLContext db) {
        this.db = db;
    }

    static String fold(String id) {
        return id.trim().toLowerCase(Locale.ROOT);
    }

    /** The query behind nearly every {@code GET /users/{id}}. */
    private static final RenderedOnce<Record4<Long, String, String, String>> FIND_BY_PRIMARY_ID =
            RenderedOnce.of(DSL.select(PATRON.USER_KEY, PATRON.PRIMARY_ID, PATRON.DOCUMENT, PATRON.PASSWORD)
                    .from(PATRON)
                    .where(PATRON.PRIMARY_ID_FOLD.eq(DSL.param("primary_id_fold", String.class))));

    /** One query for the common case (a primary id), a join through the identifiers otherwise. */
    Optional<StoredUser> find(String id, String idType) {
        String folded = fold(id);
        boolean anyType = UserKeyRepository.anyType(idType);
        if (anyType || UserKeyRepository.primaryOnly(idType)) {
            Optional<StoredUser> byPrimary = FIND_BY_PRIMARY_ID
                    .bind(db, folded)
                    .fetchOptional(r -> new StoredUser(r.value1(), r.value2(), r.value3(), r.value4()));
            if (byPrimary.isPresent() || !anyType) {
                return byPrimary;
            }
        }
        return db.select(PATRON.USER_KEY, PATRON.PRIMARY_ID, PATRON.DOCUMENT, PATRON.PASSWORD)
                .from(PATRON_IDENTIFIER)
                .join(PATRON)
                .on(PATRON.USER_KEY.eq(PATRON_IDENTIFIER.USER_KEY))
                .where(PATRON_IDENTIFIER.VALUE_FOLD.eq(folded).and(UserKeyRepository.ofType(idType)))
                .fetchOptional(r -> new StoredUser(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** Loads and row-locks the user until the transaction ends, so concurrent writers apply one after the other. */
    Optional<StoredUser> loadForUpdate(long key) {
        return db.select(PATRON.USER_KEY, PATRON.PRIMARY_ID, PATRON.DOCUMENT, PATRON.PASSWORD)
                .from(PATRON)
                .where(PATRON.USER_KEY.eq(key))
                .forUpdate()
                .fetchOptional(r -> new StoredUser(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** Loads and row-locks many users at once (a job's batch), by key; users gone since are absent. */
    Map<Long, StoredUser> loadForUpdate(Collection<Long> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        return db.select(PATRON.USER_KEY, PATRON.PRIMARY_ID, PATRON.DOCUMENT, PATRON.PASSWORD)
                .from(PATRON)
                .where(PATRON.USER_KEY.in(keys))
                .forUpdate()
                .fetchMap(PATRON.USER_KEY, r -> new StoredUser(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** Which of these ids (primary or identifier, folded) already belong to a user other than {@code except}. */
    List<String> idsTaken(List<String> folded, long except) {
        if (folded.isEmpty()) {
            return List.of();
        }
        List<String> taken = new ArrayList<>();
        for (List<String> chunk : BulkLookup.chunks(folded)) {
            var lookup = BulkLookup.of(chunk);
            taken.addAll(db.select(PATRON.PRIMARY_ID_FOLD)
                    .from(lookup.table())
                    .join(PATRON)
                    .on(PATRON.PRIMARY_ID_FOLD.eq(lookup.value()))
                    .where(PATRON.USER_KEY.ne(except))
                    .fetch(PATRON.PRIMARY_ID_FOLD));
            taken.addAll(db.select(PATRON_IDENTIFIER.VALUE_FOLD)
                    .from(lookup.table())
                    .join(PATRON_IDENTIFIER)
                    .on(PATRON_IDENTIFIER.VALUE_FOLD.eq(lookup.value()))
                    .where(PATRON_IDENTIFIER.USER_KEY.ne(except))
                    .fetch(PATRON_IDENTIFIER.VALUE_FOLD));
        }
        return taken;
    }

    long insert(User user, String document, String password, LocalDate created) {
        long key = db.insertInto(PATRON)
                .set(columns(user, document, password, created))
                .set(PATRON.CREATED_DATE, created)
                .returning(PATRON.USER_KEY)
                .fetchOne(PATRON.USER_KEY);
        insertIdentifiers(key, user);
        return key;
    }

    /** Inserts many new users as two JDBC batches (users, identifiers); the unique keys refuse any id already taken. */
    void insertAll(List<NewUser> users, LocalDate created) {
        if (users.isEmpty()) {
            return;
        }
        List<Long> keys = db.select(PATRON_KEY_SEQ.nextval())
                .from(DSL.generateSeries(1, users.size()))
                .fetch(r -> r.value1());
        // The statement is rendered once from the one column map, then bound user by user in the same order.
        List<Map<Field<?>, Object>> rows = new ArrayList<>(users.size());
        for (int i = 0; i < users.size(); i++) {
            NewUser user = users.get(i);
            Map<Field<?>, Object> row = new LinkedHashMap<>();
            row.put(PATRON.USER_KEY, keys.get(i));
            row.putAll(columns(user.user(), user.document(), user.password(), created));
            row.put(PATRON.CREATED_DATE, created);
            rows.add(row);
        }
        Map<Field<?>, Object> unbound = new LinkedHashMap<>();
        rows.get(0).keySet().forEach(field -> unbound.put(field, null));
        var patrons = db.batch(db.insertInto(PATRON).set(unbound));
        var identifiers = db.batch(db.insertInto(
                        PATRON_IDENTIFIER,
                        PATRON_IDENTIFIER.USER_KEY,
                        PATRON_IDENTIFIER.ID_TYPE,
                        PATRON_IDENTIFIER.VALUE_FOLD)
                .values((Long) null, null, null));
        boolean anyIdentifier = false;
        for (int i = 0; i < users.size(); i++) {
            patrons = patrons.bind(rows.get(i).values().toArray());
            for (UserIdentifier id : users.get(i).user().userIdentifier()) {
                identifiers = identifiers.bind(keys.get(i), id.idType().value(), fold(id.value()));
                anyIdentifier = true;
            }
        }
        patrons.execute();
        if (anyIdentifier) {
            identifiers.execute();
        }
    }

    /** Passwords stored in clear (not starting with the hash's {@code prefix}), by user key. */
    Map<Long, String> clearPasswords(String prefix) {
        return db.select(PATRON.USER_KEY, PATRON.PASSWORD)
                .from(PATRON)
                .where(PATRON.PASSWORD.isNotNull().and(PATRON.PASSWORD.notLike(prefix + "%")))
                .fetchMap(PATRON.USER_KEY, PATRON.PASSWORD);
    }

    void setPassword(long key, String password) {
        db.update(PATRON)
                .set(PATRON.PASSWORD, password)
                .where(PATRON.USER_KEY.eq(key))
                .execute();
    }

    record NewUser(User user, String document, String password) {}

    /** A user's row as a job rewrites it on a simulated day, its identifiers unchanged. */
    record Rewrite(long key, User user, String document, String password, LocalDate modified) {}

    /** Rewrites these users' rows as one JDBC batch, rendered once and bound per user (a job's batch bounds it). */
    void updateAll(List<Rewrite> rewrites) {
        if (rewrites.isEmpty()) {
            return;
        }
        Map<Field<?>, Object> unbound = new LinkedHashMap<>();
        Rewrite first = rewrites.get(0);
        columns(first.user(), first.document(), first.password(), first.modified())
                .keySet()
                .forEach(field -> unbound.put(field, null));
        var batch = db.batch(db.update(PATRON).set(unbound).where(PATRON.USER_KEY.eq((Long) null)));
        for (Rewrite rewrite : rewrites) {
            List<Object> values =
                    new ArrayList<>(columns(rewrite.user(), rewrite.document(), rewrite.password(), rewrite.modified())
                            .values());
            values.add(rewrite.key());
            batch = batch.bind(values.toArray());
        }
        batch.execute();
    }

    /** Rewrites the user's row on a simulated day, and its identifiers unless the caller knows they are the same. */
    void update(long key, User user, String document, String password, LocalDate modified, boolean sameIdentifiers) {
        db.update(PATRON)
                .set(columns(user, document, password, modified))
                .where(PATRON.USER_KEY.eq(key))
                .execute();
        if (!sameIdentifiers) {
            db.deleteFrom(PATRON_IDENTIFIER)
                    .where(PATRON_IDENTIFIER.USER_KEY.eq(key))
                    .execute();
            insertIdentifiers(key, user);
        }
    }

    /** The rows that hang on a user, by their user key: {@link #delete} empties each of a batch's users first. */
    static final List<TableField<? extends Record, Long>> DEPENDANTS = List.of(
            FEE.USER_KEY,
            LOAN.USER_KEY,
            USER_REQUEST.USER_KEY,
            RS_REQUEST.USER_KEY,
            USER_ATTACHMENT.USER_KEY,
            SET_MEMBER.USER_KEY,
            PATRON_BLOCKER.USER_KEY,
            JOB_LOCK.USER_KEY,
            PATRON_IDENTIFIER.USER_KEY);

    /**
     * Deletes the users and everything that hangs on them: one statement per table for the whole batch (bounded by its
     * caller; the keys are an IN list, which H2 answers through each table's index on the user), a fee's transactions
     * before the fee, every other row before its user. The schema's keys do not cascade (schema.sql says why).
     */
    void delete(Collection<Long> keys) {
        // Written into the statement rather than bound: H2 then looks each row up in a hash of the keys, where it
        // compared every row with each bound key in turn (most of a purge job's time in a profile).
        List<Field<Long>> written =
                keys.stream().sorted().<Field<Long>>map(DSL::inline).toList();
        db.deleteFrom(FEE_TRANSACTION)
                .where(FEE_TRANSACTION.FEE_ID.in(
                        DSL.select(FEE.FEE_ID).from(FEE).where(FEE.USER_KEY.in(written))))
                .execute();
        for (TableField<? extends Record, Long> owner : DEPENDANTS) {
            db.deleteFrom(owner.getTable()).where(owner.in(written)).execute();
        }
        db.deleteFrom(PATRON).where(PATRON.USER_KEY.in(written)).execute();
    }

    private static Condition keyIn(Collection<Long> keys) {
        return keys.size() == 1 ? PATRON.USER_KEY.eq(keys.iterator().next()) : PATRON.USER_KEY.in(keys);
    }

    /** Marks the patrons a population document names as worth showing, to be listed first in the console. */
    void feature(Collection<Long> keys) {
        if (keys.isEmpty()) {
            return;
        }
        var featured =
                db.batch(db.update(PATRON).set(PATRON.FEATURED, (Boolean) null).where(PATRON.USER_KEY.eq((Long) null)));
        for (long key : keys) {
            featured = featured.bind(true, key);
        }
        featured.execute();
    }

    /** The id's natural sort key ({@link NaturalOrder}), of its folded form. */
    static String natural(String primaryId) {
        return NaturalOrder.key(fold(primaryId));
    }

    private void insertIdentifiers(long key, User user) {
        for (UserIdentifier id : user.userIdentifier()) {
            db.insertInto(PATRON_IDENTIFIER)
                    .set(PATRON_IDENTIFIER.USER_KEY, key)
                    .set(PATRON_IDENTIFIER.ID_TYPE, id.idType().value())
                    .set(PATRON_IDENTIFIER.VALUE_FOLD, fold(id.value()))
                    .execute();
        }
    }

    private static Map<Field<?>, Object> columns(User u, String document, String password, LocalDate modified) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(PATRON.PRIMARY_ID, u.primaryId());
        values.put(PATRON.PRIMARY_ID_FOLD, fold(u.primaryId()));
        values.put(PATRON.PRIMARY_ID_NATURAL, natural(u.primaryId()));
        values.put(PATRON.RECORD_TYPE, code(u.recordType()));
        values.put(PATRON.FIRST_NAME, u.firstName());
        values.put(PATRON.LAST_NAME, u.lastName());
        values.put(PATRON.USER_GROUP, code(u.userGroup()));
        values.put(PATRON.ACCOUNT_TYPE, code(u.accountType()));
        values.put(PATRON.EXTERNAL_ID, u.externalId());
        values.put(PATRON.STATUS, UserRules.statusOf(u));
        values.put(PATRON.EXPIRY_DATE, u.expiryDate());
        values.put(PATRON.PURGE_DATE, u.purgeDate());
        values.put(PATRON.EMAILS, emails(u));
        values.put(PATRON.PASSWORD, password);
        values.put(PATRON.DOCUMENT, document);
        values.put(PATRON.MODIFIED_DATE, modified);
        return values;
    }

    private static String code(Code code) {
        return code == null ? null : code.value();
    }

    private static String emails(User u) {
        if (u.contactInfo() == null) {
            return "";
        }
        return u.contactInfo().email().stream()
                .map(ContactInfo.Email::emailAddress)
                .filter(e -> e != null)
                .map(e -> e.toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" "));
    }
}
