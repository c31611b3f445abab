package org.almasim.engine.alma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alma's Users API as the engine uses it: every path of it the engine sends is spelled here, and Alma's way of writing
 * a date ({@code 2030-01-16Z}, read with or without its {@code Z}).
 */
public final class AlmaUsers {
    private static final String USERS = AlmaClient.API + "/users";

    private final AlmaClient alma;

    public AlmaUsers(AlmaClient alma) {
        this.alma = alma;
    }

    /** {@code /almaws/v1/users/{id}}, the id encoded for a path. */
    public static String path(String primaryId) {
        return USERS + "/"
                + URLEncoder.encode(primaryId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public ObjectNode get(String primaryId) {
        return (ObjectNode) alma.get(path(primaryId), Map.of());
    }

    /** The user (with {@code query}, such as {@code expand=loans,fees}), or nothing when Alma has no such user (401861). */
    public Optional<ObjectNode> find(String primaryId, Map<String, String> query) {
        try {
            return Optional.of((ObjectNode) alma.get(path(primaryId), query));
        } catch (AlmaApiException e) {
            if (e.userNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Creates the user from Alma's user JSON; answers the user as Alma stored it. */
    public ObjectNode create(ObjectNode user) {
        return (ObjectNode) alma.post(USERS, Map.of(), user);
    }

    /** Swap-all PUT of the whole user as given; answers the user as Alma stored it. */
    public ObjectNode put(String primaryId, ObjectNode user) {
        return (ObjectNode) alma.put(path(primaryId), Map.of(), user);
    }

    /** Every user (full records), the pages fetched several at a time; in primary id order. */
    public List<ObjectNode> all() {
        return alma.every(USERS, Map.of("expand", "full", "order_by", "primary_id"), "user").stream()
                .map(u -> (ObjectNode) u)
                .toList();
    }

    /** Every user matching {@code q} (all users when null), full records, in primary id order. */
    public Iterator<ObjectNode> matching(String q) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("expand", "full");
        query.put("order_by", "primary_id");
        if (q != null) {
            query.put("q", q);
        }
        return alma.every(USERS, query, "user").stream()
                .map(u -> (ObjectNode) u)
                .iterator();
    }

    /** A date as Alma writes it in a user: {@code 2030-01-16Z}. */
    public static String date(LocalDate day) {
        return day + "Z";
    }

    /** A date of a user as Alma answers it ({@code 2030-01-16Z}, or without the {@code Z}); empty when there is none. */
    public static Optional<LocalDate> date(JsonNode node) {
        if (node == null
                || node.isMissingNode()
                || node.isNull()
                || node.asText().isBlank()) {
            return Optional.empty();
        }
        String text = node.asText().strip();
        return Optional.of(LocalDate.parse(text.endsWith("Z") ? text.substring(0, text.length() - 1) : text));
    }
}
