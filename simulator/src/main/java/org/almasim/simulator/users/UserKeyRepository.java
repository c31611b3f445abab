package org.almasim.simulator.users;

import static org.almasim.simulator.db.Tables.PATRON;
import static org.almasim.simulator.db.Tables.PATRON_IDENTIFIER;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.almasim.simulator.store.BulkLookup;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Which user an id names, in H2 through jOOQ only: Alma's {@code user_id_type} rules, a primary id first and then an
 * identifier ({@code all_unique}, the default), a primary id only, or an identifier of one type.
 */
final class UserKeyRepository {
    private final DSLContext db;

    UserKeyRepository(DSLContext db) {
        this.db = db;
    }

    /** Whether an id of this type may be a primary id or an identifier of any type. */
    static boolean anyType(String idType) {
        return idType == null || idType.equalsIgnoreCase("all_unique");
    }

    /** Whether an id of this type is a primary id only. */
    static boolean primaryOnly(String idType) {
        return idType != null && idType.equalsIgnoreCase("primary_id");
    }

    /** The identifiers an id of this type may be: any, or those of the type. */
    static Condition ofType(String idType) {
        return anyType(idType) ? DSL.noCondition() : PATRON_IDENTIFIER.ID_TYPE.eq(idType);
    }

    /** Finds a user by primary id or any identifier ({@code all_unique}), or by one identifier type. */
    Optional<Long> keyOf(String id, String idType) {
        String folded = UserRepository.fold(id);
        if (anyType(idType) || primaryOnly(idType)) {
            Optional<Long> byPrimary = db.select(PATRON.USER_KEY)
                    .from(PATRON)
                    .where(PATRON.PRIMARY_ID_FOLD.eq(folded))
                    .fetchOptional(PATRON.USER_KEY);
            if (byPrimary.isPresent() || primaryOnly(idType)) {
                return byPrimary;
            }
        }
        return db.select(PATRON_IDENTIFIER.USER_KEY)
                .from(PATRON_IDENTIFIER)
                .where(PATRON_IDENTIFIER.VALUE_FOLD.eq(folded).and(ofType(idType)))
                .fetchOptional(PATRON_IDENTIFIER.USER_KEY);
    }

    /**
     * Keys of the users these ids name, by folded id, as {@link #keyOf} finds each (a primary id first, then an
     * identifier of the type, or of any type), with a query per chunk of ids rather than per id; unknown ids are absent.
     */
    Map<String, Long> keysOf(Collection<String> ids, String idType) {
        Map<String, Long> keys =
                new HashMap<>(anyType(idType) || primaryOnly(idType) ? keysByPrimaryId(ids) : Map.of());
        if (primaryOnly(idType)) {
            return keys;
        }
        List<String> rest = ids.stream()
                .map(UserRepository::fold)
                .filter(id -> !keys.containsKey(id))
                .toList();
        for (List<String> chunk : BulkLookup.chunks(rest)) {
            var lookup = BulkLookup.of(chunk);
            keys.putAll(db.select(PATRON_IDENTIFIER.VALUE_FOLD, PATRON_IDENTIFIER.USER_KEY)
                    .from(lookup.table())
                    .join(PATRON_IDENTIFIER)
                    .on(PATRON_IDENTIFIER.VALUE_FOLD.eq(lookup.value()))
                    .where(ofType(idType))
                    .fetchMap(PATRON_IDENTIFIER.VALUE_FOLD, PATRON_IDENTIFIER.USER_KEY));
        }
        return keys;
    }

    Map<String, Long> keysByPrimaryId(Collection<String> primaryIds) {
        if (primaryIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> keys = new HashMap<>();
        for (List<String> chunk :
                BulkLookup.chunks(primaryIds.stream().map(UserRepository::fold).toList())) {
            var lookup = BulkLookup.of(chunk);
            keys.putAll(db.select(PATRON.PRIMARY_ID_FOLD, PATRON.USER_KEY)
                    .from(lookup.table())
                    .join(PATRON)
                    .on(PATRON.PRIMARY_ID_FOLD.eq(lookup.value()))
                    .fetchMap(PATRON.PRIMARY_ID_FOLD, PATRON.USER_KEY));
        }
        return keys;
    }

    /** Which of these users still exist. */
    Set<Long> existingKeys(Collection<Long> keys) {
        Set<Long> existing = new HashSet<>();
        for (List<Long> chunk : BulkLookup.chunks(keys)) {
            var users = BulkLookup.keys(chunk);
            existing.addAll(db.select(PATRON.USER_KEY)
                    .from(users.table())
                    .join(PATRON)
                    .on(PATRON.USER_KEY.eq(users.value()))
                    .fetch(PATRON.USER_KEY));
        }
        return existing;
    }
}
