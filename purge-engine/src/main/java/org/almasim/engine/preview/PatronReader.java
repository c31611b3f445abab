package org.almasim.engine.preview;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.almasim.engine.alma.AlmaApiException;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.evaluation.Patron;

/** Turns Alma's user JSON (and expand=loans,fees counts) into the {@link Patron} the evaluation reads. */
final class PatronReader {
    private PatronReader() {
    }

    static Patron patron(JsonNode user, int loans, BigDecimal balance, Set<String> sets) {
        return new Patron(user.path("primary_id").asText(), text(user.path("user_group").path("value")),
                text(user.path("user_group").path("desc")), text(user.path("record_type").path("value")),
                text(user.path("account_type").path("value")), text(user.path("status").path("value")),
                date(user.path("expiry_date")), date(user.path("purge_date")), loans, balance, sets);
    }

    /**
     * The user's active loans and balance, as Alma's {@code expand=loans,fees} counts them: from the user as read when
     * it was read with them, else with one more call.
     */
    static Patron withActivity(AlmaClient alma, Patron patron, JsonNode user, Set<String> sets) {
        JsonNode expanded = user.has("loans") && user.has("fees") ? user : expanded(alma, patron.primaryId());
        int loans = expanded.path("loans").path("value").asInt(0);
        BigDecimal balance = expanded.path("fees").path("value").isNumber() ? expanded.path("fees").path("value").decimalValue()
                : new BigDecimal(expanded.path("fees").path("value").asText("0"));
        return patron(user, loans, balance, sets);
    }

    /** The primary ids of the members of the set with this name; empty when there is no such set. */
    static Optional<Set<String>> setMembers(AlmaClient alma, String name) {
        Set<String> members = new HashSet<>();
        boolean found = false;
        JsonNode sets = alma.get("/almaws/v1/conf/sets", Map.of("q", "name~" + name, "content_type", "USER", "limit", "100"));
        for (JsonNode set : sets.path("set")) {
            if (!set.path("name").asText().equalsIgnoreCase(name)) {
                continue;
            }
            found = true;
            alma.every("/almaws/v1/conf/sets/" + set.path("id").asText() + "/members", Map.of(), "member")
                    .forEach(m -> members.add(m.path("id").asText()));
        }
        return found ? Optional.of(members) : Optional.empty();
    }

    /** The whole user with its loan and balance counts, or nothing when it has gone since its set was read. */
    static Optional<JsonNode> user(AlmaClient alma, String primaryId) {
        try {
            return Optional.of(expanded(alma, primaryId));
        } catch (AlmaApiException e) {
            if (e.code().equals("401861")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static JsonNode expanded(AlmaClient alma, String primaryId) {
        return alma.get("/almaws/v1/users/" + java.net.URLEncoder.encode(primaryId, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20"), Map.of("expand", "loans,fees"));
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static Optional<LocalDate> date(JsonNode node) {
        if (node.isMissingNode() || node.isNull() || node.asText().isBlank()) {
            return Optional.empty();
        }
        String text = node.asText();
        return Optional.of(LocalDate.parse(text.endsWith("Z") ? text.substring(0, text.length() - 1) : text));
    }
}
