package org.almasim.simulator.sis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.errors.AlmaRefusal;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.population.UserExportFile;
import org.almasim.simulator.users.User;
import org.almasim.simulator.users.UserService;
import org.jooq.exception.DataException;

/**
 * Alma's SIS synchronisation, as its "Users" integration profile runs a file a library's SIS sent: each user of the
 * file is created when Alma has no user of its primary id, or, when the user exists and is EXTERNAL, has the fields
 * the file gives replaced; INTERNAL accounts are the library's and are left alone, and users missing from the file are
 * never removed. As in Alma's job, a user Alma refuses (an unknown user group, an id another user holds) is rejected
 * and reported by its place in the file while the others load; a file that cannot be read as a whole (not XML,
 * version 1, a user over the bound) is refused before any user is loaded.
 */
public final class SisLoadService {
    /** The most a load reports user by user: enough to find a pattern, bounded whatever the file holds. */
    public static final int MAX_REPORTED = 100;

    private static final String PRIMARY_ID = "primary_id";
    private static final String ACCOUNT_EXTERNAL = "EXTERNAL";

    private final UserService users;

    public SisLoadService(UserService users) {
        this.users = users;
    }

    /** One user the load did not create or update, where it is in the file, and why. */
    public record Rejected(
            @JsonProperty("where") String where,
            @JsonProperty("primary_id") String primaryId,
            @JsonProperty("error_code") String errorCode,
            @JsonProperty("error_message") String errorMessage) {}

    /** What the load did: the counts of Alma's job report, and the first rejected users. */
    public record Report(
            @JsonProperty("file") String file,
            @JsonProperty("users") long users,
            @JsonProperty("created") long created,
            @JsonProperty("updated") long updated,
            @JsonProperty("internal_left") long internalLeft,
            @JsonProperty("rejected") long rejected,

            @JsonProperty("rejected_users") @JsonInclude(JsonInclude.Include.ALWAYS)
            List<Rejected> rejectedUsers) {}

    /**
     * Loads the users of a {@code .xml}, {@code .xml.gz} or {@code .zip} file (Alma's export version 2), unpacking at
     * most {@code maxUnpackedBytes}. A file that cannot be read whole is refused (400) with nothing changed.
     */
    public Report load(Path file, String name, long maxUnpackedBytes) {
        check(file, name, maxUnpackedBytes);
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        List<Rejected> rejected = new ArrayList<>();
        try (UserExportFile records = UserExportFile.open(file, name, maxUnpackedBytes)) {
            records.forEachRemaining(record -> {
                Outcome outcome;
                try {
                    outcome = synchronise(record.user());
                } catch (AlmaRefusal | DataException refused) {
                    AlmaRefusal refusal = refused instanceof AlmaRefusal alma
                            ? alma
                            : AlmaError.PARAMETER_NOT_VALID.refusal("A value is too long or too large to be stored.");
                    outcome = Outcome.REJECTED;
                    if (rejected.size() < MAX_REPORTED) {
                        rejected.add(new Rejected(
                                record.where(),
                                record.user().path("primary_id").asText(""),
                                refusal.code(),
                                refusal.getMessage()));
                    }
                }
                counts.merge(outcome, 1L, Long::sum);
            });
        }
        return new Report(
                name,
                counts.values().stream().mapToLong(Long::longValue).sum(),
                counts.getOrDefault(Outcome.CREATED, 0L),
                counts.getOrDefault(Outcome.UPDATED, 0L),
                counts.getOrDefault(Outcome.INTERNAL_LEFT, 0L),
                counts.getOrDefault(Outcome.REJECTED, 0L),
                List.copyOf(rejected));
    }

    private enum Outcome {
        CREATED,
        UPDATED,
        INTERNAL_LEFT,
        REJECTED
    }

    /** Reads the whole file once, loading nothing: a file that breaks anywhere is refused, saying where. */
    private static void check(Path file, String name, long maxUnpackedBytes) {
        try (UserExportFile records = UserExportFile.open(file, name, maxUnpackedBytes)) {
            records.forEachRemaining(record -> {});
        } catch (IllegalArgumentException e) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(e.getMessage() + ". No user was loaded.");
        }
    }

    /** One user of the file, in transactions of the user service's own: a refusal leaves that user as it was. */
    private Outcome synchronise(JsonNode incoming) {
        String id = incoming.path("primary_id").asText("");
        if (id.isBlank()) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal("A user of a SIS file needs a primary_id.");
        }
        Optional<ObjectNode> existing = existing(id);
        if (existing.isEmpty()) {
            ObjectNode user = incoming.deepCopy();
            // What Alma's SIS profile gives a user the file leaves them unset: the SIS's, public.
            putIfAbsent(user, "account_type", ACCOUNT_EXTERNAL);
            putIfAbsent(user, "record_type", "PUBLIC");
            // A file that says INTERNAL (an export of every user fed back, say) is taken at its word: no external id.
            boolean external = ACCOUNT_EXTERNAL.equals(
                    user.path("account_type").path("value").asText());
            if (external && !user.hasNonNull("external_id")) {
                user.put("external_id", "SIS");
            }
            users.create(asUser(user));
            return Outcome.CREATED;
        }
        ObjectNode user = existing.get();
        if (!ACCOUNT_EXTERNAL.equals(user.path("account_type").path("value").asText())) {
            return Outcome.INTERNAL_LEFT;
        }
        incoming.properties().forEach(field -> user.set(field.getKey(), field.getValue()));
        users.update(id, PRIMARY_ID, asUser(user), UserService.overridingEveryProtectedField());
        return Outcome.UPDATED;
    }

    private Optional<ObjectNode> existing(String id) {
        try {
            return Optional.of((ObjectNode) AlmaFormats.JSON.readTree(users.document(id, PRIMARY_ID)));
        } catch (AlmaRefusal notFound) {
            return Optional.empty();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored user " + id + " is not JSON", e);
        }
    }

    private static void putIfAbsent(ObjectNode user, String field, String code) {
        if (!user.path(field).hasNonNull("value")) {
            user.putObject(field).put("value", code);
        }
    }

    private static User asUser(ObjectNode user) {
        try {
            return AlmaFormats.JSON.treeToValue(user, User.class);
        } catch (JsonProcessingException e) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(AlmaFormats.problem(e));
        }
    }
}
