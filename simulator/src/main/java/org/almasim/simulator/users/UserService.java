package org.almasim.simulator.users;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.deletion.DeletionBlocker;
import org.almasim.simulator.deletion.DeletionBlockers;
import org.almasim.simulator.deletion.JobLocks;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.errors.AlmaRefusal;
import org.almasim.simulator.http.AlmaDocument;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.links.AlmaLinks;
import org.almasim.simulator.store.KeptUntilWrite;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

/** Alma's Users API: get, create, swap-all update and delete, each write in one transaction (lists: {@link UserListing}). */
public final class UserService {
    /** About 10 MB of documents at most; past that, all are dropped and read again. */
    private static final int KEPT_DOCUMENTS = 10_000;

    private final DSLContext dsl;
    private final CodeTables codes;
    private final SimulatedClock clock;
    private final UserRules rules;
    private final KeptUntilWrite<String, String> documents;
    private final UserImport imports;
    private final UserWrites writes;

    /** {@code dataVersion} moves after every committed write ({@code Database.version()}). */
    public UserService(DSLContext dsl, CodeTables codes, SimulatedClock clock, LongSupplier dataVersion) {
        this.dsl = dsl;
        this.codes = codes;
        this.clock = clock;
        this.rules = new UserRules(codes, clock);
        this.documents = new KeptUntilWrite<>(dataVersion, KEPT_DOCUMENTS);
        this.imports = new UserImport(rules, clock);
        this.writes = new UserWrites(rules, clock);
    }

    /**
     * The stored document, which is exactly the JSON of a plain {@code GET /users/{id}}. Kept until the next write to
     * the database: a client reading the same patrons over and over (a poller, a load test, a preview after a preview)
     * is answered without a query, and any write makes every kept document be read again.
     */
    public String document(String id, String idType) {
        return documents.get(
                (idType == null ? "all_unique" : idType) + "\u0000" + id,
                () -> new UserRepository(dsl)
                        .find(id, idType)
                        .orElseThrow(() -> notFound(id, idType))
                        .document());
    }

    /**
     * A user as {@code GET /users/{id}} answers it without {@code expand}: the stored document with the output-only keys
     * Alma answers {@code null} then (responses/user_response.json: {@code requests}, {@code loans}, {@code fees} and the
     * user's own {@code link}), spliced on without parsing it.
     */
    public String answer(String id, String idType) {
        String document = document(id, idType);
        return document.substring(0, document.lastIndexOf('}')) + ABSENT_COUNTS;
    }

    /** A user written by a POST or a PUT, answered as a GET then answers it. */
    private static ObjectNode asAnswered(ObjectNode user) {
        ObjectNode answer = user.deepCopy();
        ABSENT.forEach(answer::putNull);
        return answer;
    }

    /** What a user answers {@code null} when it is not expanded, in Alma's order. */
    private static final List<String> ABSENT = List.of("requests", "loans", "fees", "link");

    private static final String ABSENT_COUNTS = ",\"requests\":null,\"loans\":null,\"fees\":null,\"link\":null}";

    /**
     * The stored document with the counts {@code expand} asks for (loans, requests, fees) appended, as JSON text: an
     * expanded GET, answered without parsing the document.
     */
    public String documentWithCounts(String id, String idType, Set<String> expand, AlmaLinks links) {
        return UserCounts.documentWithCounts(dsl, id, idType, expand, links);
    }

    /** Users as population documents state them. */
    public UserImport imports() {
        return imports;
    }

    /** The writes deletions and jobs make to users. */
    public UserWrites writes() {
        return writes;
    }

    /** Hashes the passwords a database written before they were hashed still holds in clear. */
    public int hashClearPasswords() {
        return UserPasswords.hashClearPasswords(dsl);
    }

    /** {@code op=auth}: whether the password is the user's own; a user without a password never authenticates. */
    public void authenticate(String id, String idType, String password) {
        UserPasswords.authenticate(dsl, id, idType, password);
    }

    /** A user with {@code expand=loans,requests,fees} counts and {@code view=brief} applied. */
    public AlmaDocument get(String id, String idType, Set<String> expand, String view, AlmaLinks links) {
        ObjectNode node = tree(documentWithCounts(id, idType, expand, links));
        if ("brief".equalsIgnoreCase(view)) {
            // Alma's brief view: core information, emails, identifiers and statistics only.
            List.of("user_role", "user_block", "user_note", "proxy_for_user", "rs_library", "library_notice")
                    .forEach(node::remove);
            if (node.has("contact_info")) {
                ((ObjectNode) node.get("contact_info")).remove(List.of("address", "phone"));
            }
        } else if (view != null && !view.equalsIgnoreCase("full")) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal("view must be full or brief, got '" + view + "'.");
        }
        return new AlmaDocument("user", node);
    }

    public AlmaDocument create(User given) {
        User incoming = UserRules.withRecordType(given, UserRules.PUBLIC);
        rules.check(incoming);
        CanonicalUser canonical = rules.canonical(incoming);
        User user = canonical.user();
        String password = UserPasswords.stored(incoming.password()).orElse(null);
        return writing(
                user,
                () -> dsl.transactionResult(tx -> {
                    UserRepository users = new UserRepository(tx.dsl());
                    ensureIdsFree(users, user, -1);
                    users.insert(user, canonical.document(), password, clock.today());
                    return new AlmaDocument("user", asAnswered(canonical.tree()));
                }));
    }

    /**
     * Every field an API update leaves alone on an EXTERNAL user unless {@code override} names it: the SIS owns them,
     * so its synchronisation overrides them all.
     */
    public static Set<String> overridingEveryProtectedField() {
        return UserRules.PROTECTED_EXTERNAL_FIELDS.keySet();
    }

    public AlmaDocument update(String id, String idType, User given, Set<String> override) {
        // Hashed before the user's row is locked: the hash is slow on purpose.
        Optional<String> newPassword = UserPasswords.stored(given.password());
        return dsl.transactionResult(tx -> {
            UserRepository users = new UserRepository(tx.dsl());
            long key = resolve(tx.dsl(), id, idType);
            StoredUser stored = users.loadForUpdate(key).orElseThrow(() -> notFound(id, idType));
            JobLocks.refuseIfHeld(tx.dsl(), key, AlmaError.USER_NOT_UPDATED);
            User existing = parse(stored.document());
            User incoming = UserRules.withRecordType(given, existing.recordType());
            rules.check(incoming);
            User merged = rules.swapAll(existing, incoming, override);
            rules.check(merged);
            rules.checkTransition(existing, merged);
            CanonicalUser canonical = rules.canonical(merged);
            User user = canonical.user();
            // Most PUTs (a date fixed, a status changed) keep every id: only ids the user did not have can be taken.
            Set<String> had =
                    UserRules.allIds(existing).map(UserRepository::fold).collect(Collectors.toSet());
            List<String> added = UserRules.allIds(user)
                    .filter(i -> !had.contains(UserRepository.fold(i)))
                    .toList();
            List<String> taken = users.idsTaken(added, key);
            if (!taken.isEmpty()) {
                throw alreadyExists(taken.get(0));
            }
            String password = newPassword.orElse(stored.password());
            boolean sameIdentifiers = identifiers(existing).equals(identifiers(user));
            return writing(user, () -> {
                users.update(key, user, canonical.document(), password, clock.today(), sameIdentifiers);
                return new AlmaDocument("user", asAnswered(canonical.tree()));
            });
        });
    }

    public void delete(String id, String idType) {
        dsl.transaction(tx -> {
            UserRepository users = new UserRepository(tx.dsl());
            long key = resolve(tx.dsl(), id, idType);
            users.loadForUpdate(key).orElseThrow(() -> notFound(id, idType));
            List<DeletionBlocker> blockers = DeletionBlockers.of(tx.dsl(), key, BigDecimal.ZERO, codes.currency());
            if (!blockers.isEmpty()) {
                throw AlmaError.USER_NOT_DELETED.refusal(
                        id,
                        idType == null ? "all_unique" : idType,
                        blockers.stream().map(DeletionBlocker::reason).collect(Collectors.joining(" ")));
            }
            UserWrites.deleteKey(tx.dsl(), key, clock.today(), "API");
        });
    }

    /** The database key of a user, for features that hang data on users (loans, fees). */
    public long keyOf(DSLContext db, String id, String idType) {
        return resolve(db, id, idType);
    }

    /** The keys of the users these ids name (folded), as {@link #keyOf} finds each; unknown ids are absent. */
    public Map<String, Long> findKeys(DSLContext db, Collection<String> ids, String idType) {
        return new UserKeyRepository(db).keysOf(ids, idType);
    }

    /** Marks these users (by primary id) to be listed first in the trainer console. */
    public void feature(DSLContext db, Collection<String> primaryIds) {
        new UserRepository(db)
                .feature(new UserKeyRepository(db).keysByPrimaryId(primaryIds).values());
    }

    /** Database keys of users by primary id (folded to lower case), for bulk loading; unknown ids are absent. */
    public Map<String, Long> keysByPrimaryId(DSLContext db, Collection<String> primaryIds) {
        return new UserKeyRepository(db).keysByPrimaryId(primaryIds);
    }

    public static String foldId(String id) {
        return UserRepository.fold(id);
    }

    /**
     * The key of the user the id names, its row locked for the rest of the caller's transaction ({@link #lock}): how
     * every write to a user's loans, fees, requests, blockers and attachments begins. An unknown user is Alma's 401861.
     */
    public long lockedKey(DSLContext tx, String id, String idType) {
        long key = keyOf(tx, id, idType);
        lock(tx, key);
        return key;
    }

    /**
     * Locks the user's row for the rest of the caller's transaction, so writes to one user apply one at a time,
     * and refuses the write while a job holds the user.
     */
    public static void lock(DSLContext tx, long key) {
        new UserRepository(tx).loadForUpdate(key);
        JobLocks.refuseIfHeld(tx, key, AlmaError.USER_WRITE_FAILED);
    }

    static User parse(String document) {
        try {
            return AlmaFormats.JSON.readValue(document, User.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored user document could not be read", e);
        }
    }

    private static long resolve(DSLContext db, String id, String idType) {
        return new UserKeyRepository(db).keyOf(id, idType).orElseThrow(() -> notFound(id, idType));
    }

    static AlmaRefusal notFound(String id, String idType) {
        if (UserKeyRepository.anyType(idType)) {
            return AlmaError.USER_NOT_FOUND.refusal(id);
        }
        return AlmaError.USER_OF_TYPE_NOT_FOUND.refusal(id, idType);
    }

    /** A user's identifiers as the identifier table holds them: type and folded value. */
    static Set<List<String>> identifiers(User user) {
        return user.userIdentifier().stream()
                .map(i -> List.of(i.idType().value(), UserRepository.fold(i.value())))
                .collect(Collectors.toSet());
    }

    private void ensureIdsFree(UserRepository users, User user, long except) {
        List<String> taken = users.idsTaken(UserRules.allIds(user).toList(), except);
        if (!taken.isEmpty()) {
            throw alreadyExists(taken.get(0));
        }
    }

    private static AlmaRefusal alreadyExists(String id) {
        return AlmaError.USER_EXISTS.refusal(id);
    }

    /** Two clients creating the same id at once: the database's unique keys decide, and the loser gets Alma's 401851. */
    private static <T> T writing(User user, Supplier<T> write) {
        try {
            return write.get();
        } catch (IntegrityConstraintViolationException e) {
            throw alreadyExists(user.primaryId());
        }
    }

    /** The resource-sharing libraries a user belongs to (a resource-sharing request's owner must be one). */
    public List<RsLibrary> rsLibraries(DSLContext db, long key) {
        StoredUser stored = new UserRepository(db).loadForUpdate(key).orElseThrow();
        try {
            return AlmaFormats.JSON
                    .treeToValue(tree(stored.document()), User.class)
                    .rsLibrary();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored user document could not be read", e);
        }
    }

    static ObjectNode tree(String document) {
        try {
            return (ObjectNode) AlmaFormats.JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored user document could not be read", e);
        }
    }
}
