package org.almasim.simulator.users;

import java.util.Map;
import java.util.Optional;
import org.almasim.simulator.errors.AlmaError;
import org.jooq.DSLContext;

/** Users' passwords: stored only as salted hashes, checked by {@code op=auth}, never answered. */
final class UserPasswords {
    private UserPasswords() {}

    /**
     * Hashes the passwords a database written before they were hashed still holds in clear (the institution runs it
     * once a database).
     */
    static int hashClearPasswords(DSLContext dsl) {
        return dsl.transactionResult(tx -> {
            UserRepository users = new UserRepository(tx.dsl());
            Map<Long, String> clear = users.clearPasswords(PasswordHashes.PREFIX);
            clear.forEach((key, password) -> users.setPassword(key, PasswordHashes.hash(password)));
            return clear.size();
        });
    }

    /**
     * What is stored for a password a client sent: its hash, never the password. An empty one is no password: Alma
     * answers {@code "password": ""} on every GET, so a client that sends a user back as it read it changes nothing.
     */
    static Optional<String> stored(String sent) {
        return sent == null || sent.isEmpty() ? Optional.empty() : Optional.of(PasswordHashes.hash(sent));
    }

    /** {@code op=auth}: whether the password is the user's own; a user without a password never authenticates. */
    static void authenticate(DSLContext dsl, String id, String idType, String password) {
        StoredUser stored = new UserRepository(dsl)
                .find(id, idType)
                .orElseThrow(() -> AlmaError.AUTHENTICATED_USER_NOT_FOUND.refusal());
        boolean same =
                password != null && stored.password() != null && PasswordHashes.matches(password, stored.password());
        if (!same) {
            throw AlmaError.AUTHENTICATION_FAILED.refusal();
        }
    }
}
