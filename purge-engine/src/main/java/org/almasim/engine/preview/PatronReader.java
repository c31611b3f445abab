package org.almasim.engine.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaSets;
import org.almasim.engine.alma.AlmaUsers;
import org.almasim.engine.evaluation.Patron;

/** Turns Alma's user JSON (and expand=loans,fees counts) into the {@link Patron} the evaluation reads. */
final class PatronReader {
    private static final Map<String, String> EXPAND_ACTIVITY = Map.of("expand", "loans,fees");

    private PatronReader() {}

    static Patron patron(JsonNode user, int loans, BigDecimal balance, Set<String> sets) {
        return new Patron(
                user.path("primary_id").asText(),
                text(user.path("user_group").path("value")),
                text(user.path("user_group").path("desc")),
                text(user.path("record_type").path("value")),
                text(user.path("account_type").path("value")),
                text(user.path("status").path("value")),
                date(user.path("expiry_date")),
                date(user.path("purge_date")),
                loans,
                balance,
                sets);
    }

    /**
     * The user's active loans and balance, as Alma's {@code expand=loans,fees} counts them: from the user as read when
     * it was read with them, else with one more call.
     */
    static Patron withActivity(AlmaClient alma, Patron patron, JsonNode user, Set<String> sets) {
        // Alma answers "loans": null and "fees": null for a user read without expand: only counts count.
        JsonNode expanded = user.path("loans").has("value") && user.path("fees").has("value")
                ? user
                : alma.get(AlmaUsers.path(patron.primaryId()), EXPAND_ACTIVITY);
        int loans = expanded.path("loans").path("value").asInt(0);
        BigDecimal balance = expanded.path("fees").path("value").isNumber()
                ? expanded.path("fees").path("value").decimalValue()
                : new BigDecimal(expanded.path("fees").path("value").asText("0"));
        return patron(user, loans, balance, sets);
    }

    /** The primary ids of the members of the set with this name; empty when there is no such set. */
    static Optional<Set<String>> setMembers(AlmaClient alma, String name) {
        return new AlmaSets(alma).membersOf(name);
    }

    /** The whole user (with its loan and balance counts when asked), or nothing when it has gone since its set was read. */
    static Optional<ObjectNode> user(AlmaClient alma, String primaryId, boolean withActivity) {
        return new AlmaUsers(alma).find(primaryId, withActivity ? EXPAND_ACTIVITY : Map.of());
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static Optional<LocalDate> date(JsonNode node) {
        return AlmaUsers.date(node);
    }
}
