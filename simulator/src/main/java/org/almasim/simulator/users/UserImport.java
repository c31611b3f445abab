package org.almasim.simulator.users;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.errors.AlmaRefusal;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/** Users as population documents state them: every one checked as the API checks it, then written in batches. */
public final class UserImport {
    private static final int BATCH = 1000;

    private final UserRules rules;
    private final SimulatedClock clock;

    UserImport(UserRules rules, SimulatedClock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * Creates many users at once inside the caller's transaction (population loading). Every user is checked before
     * anything is written; an id already taken makes the database refuse the batch, and the caller's transaction
     * rolls back whole.
     */
    public int createAll(DSLContext tx, List<User> incoming) {
        List<UserRepository.NewUser> ready = IntStream.range(0, incoming.size())
                .parallel()
                .mapToObj(i -> {
                    User each = UserRules.withRecordType(incoming.get(i), UserRules.PUBLIC);
                    try {
                        rules.check(each);
                    } catch (AlmaRefusal refused) {
                        // A document of many users: the refusal says which one, as its place and its id.
                        throw refused.at("user " + (i + 1)
                                + (each.primaryId() == null ? "" : " (primary_id " + each.primaryId() + ")"));
                    }
                    CanonicalUser canonical = rules.canonical(each);
                    return new UserRepository.NewUser(
                            canonical.user(),
                            canonical.document(),
                            UserPasswords.stored(each.password()).orElse(null));
                })
                .toList();
        Set<String> seen = new HashSet<>();
        for (UserRepository.NewUser user : ready) {
            UserRules.allIds(user.user()).forEach(id -> {
                if (!seen.add(id)) {
                    throw AlmaError.USER_EXISTS.refusal(id);
                }
            });
        }
        UserRepository users = new UserRepository(tx);
        for (int from = 0; from < ready.size(); from += BATCH) {
            List<UserRepository.NewUser> batch = ready.subList(from, Math.min(ready.size(), from + BATCH));
            try {
                users.insertAll(batch, clock.today());
            } catch (DataAccessException e) {
                // Only now look for the culprit: the check costs more than the insert it guards.
                List<String> ids =
                        batch.stream().flatMap(n -> UserRules.allIds(n.user())).toList();
                throw users.idsTaken(ids, -1).stream()
                        .findFirst()
                        .map(AlmaError.USER_EXISTS::refusal)
                        .orElseThrow(() -> e);
            }
        }
        return ready.size();
    }
}
