package org.almasim.simulator.users;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.errors.AlmaRefusal;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.settings.InstitutionSettings;
import org.jooq.DSLContext;

/**
 * The writes deletions and jobs make to users, inside the caller's transaction: deleting as the Delete User Policy
 * says, and a job's batch read, locked and rewritten under the rules the API applies.
 */
public final class UserWrites {
    private final UserRules rules;
    private final SimulatedClock clock;

    UserWrites(UserRules rules, SimulatedClock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * The one way users are deleted (by the API and by the purge jobs): keep what the institution's Delete User Policy
     * keeps, then remove the user. The caller has checked the deletion blockers.
     */
    public static void deleteKey(DSLContext tx, long key, LocalDate today, String deletedBy) {
        deleteKeys(tx, List.of(key), today, deletedBy, InstitutionSettings.deleteUserPolicy(tx));
    }

    /**
     * Deletes a job's batch of users with two statements whatever its size (the batch bounds it): what the Delete
     * User Policy keeps of them, then the users themselves.
     */
    public static void deleteKeys(
            DSLContext tx,
            Collection<Long> keys,
            LocalDate today,
            String deletedBy,
            InstitutionSettings.DeleteUserPolicy policy) {
        if (keys.isEmpty()) {
            return;
        }
        UserRepository users = new UserRepository(tx);
        if (policy != InstitutionSettings.DeleteUserPolicy.FULLY_REMOVE) {
            new DeletedUsers(tx).keep(keys, policy, today, deletedBy);
        }
        users.delete(keys);
    }

    /**
     * Changes a user's record inside a job's transaction with the rules the API applies to any record, except that
     * account-type moves are the job's to make (Update/Notify Users may turn EXTERNAL users INTERNAL).
     * Answers why the change was refused, if it was; a refused change writes nothing. A change that keeps the user's
     * identifiers waits in {@code rewrites} for the end of the batch (the batch's users stay row-locked till then).
     */
    public Optional<String> updateForJob(
            DSLContext tx, StoredUser stored, JobRewrites rewrites, Consumer<ObjectNode> change) {
        UserRepository users = new UserRepository(tx);
        long key = stored.key();
        ObjectNode node = UserService.tree(stored.document());
        Set<List<String>> identifiersBefore = new HashSet<>();
        node.path("user_identifier")
                .forEach(i -> identifiersBefore.add(List.of(
                        i.path("id_type").path("value").asText(),
                        UserRepository.fold(i.path("value").asText()))));
        change.accept(node);
        try {
            User changed = AlmaFormats.JSON.treeToValue(node, User.class);
            rules.check(changed);
            CanonicalUser canonical = rules.canonical(changed);
            // Jobs change fields such as status and dates: identifiers are rewritten only when they changed.
            if (identifiersBefore.equals(UserService.identifiers(canonical.user()))) {
                rewrites.add(new UserRepository.Rewrite(
                        key, canonical.user(), canonical.document(), stored.password(), clock.today()));
            } else {
                users.update(key, canonical.user(), canonical.document(), stored.password(), clock.today(), false);
            }
            return Optional.empty();
        } catch (AlmaRefusal e) {
            return Optional.of(e.getMessage());
        } catch (JsonProcessingException e) {
            return Optional.of("The change does not fit the user record: " + AlmaFormats.problem(e));
        }
    }

    /**
     * A job's batch of users as stored, row-locked for the rest of the caller's transaction, read with one query;
     * users deleted since are absent.
     */
    public static Map<Long, StoredUser> lockForJob(DSLContext tx, Collection<Long> keys) {
        return new UserRepository(tx).loadForUpdate(keys);
    }

    /** Which of these users still exist: a job's batch, some of whom others may have deleted since the job began. */
    public static Set<Long> existingKeys(DSLContext db, Collection<Long> keys) {
        return new UserKeyRepository(db).existingKeys(keys);
    }
}
