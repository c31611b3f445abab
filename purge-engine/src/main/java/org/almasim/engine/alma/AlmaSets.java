package org.almasim.engine.alma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Alma's sets of users as the engine uses them: every path and body of the Sets API the engine sends is spelled here. */
public final class AlmaSets {
    /** Alma takes at most this many members in one call. */
    private static final int MEMBERS_PER_CALL = 1000;

    private final AlmaClient alma;

    public AlmaSets(AlmaClient alma) {
        this.alma = alma;
    }

    /** The id of the set of users with this name (Alma's names are unique, compared without case), if there is one. */
    public Optional<String> idOf(String name) {
        for (JsonNode set : alma.get(
                        SETS,
                        Map.of("q", "name~" + name, "content_type", "USER", "limit", String.valueOf(AlmaClient.PAGE)))
                .path("set")) {
            if (set.path("name").asText().equalsIgnoreCase(name)) {
                return Optional.of(set.path("id").asText());
            }
        }
        return Optional.empty();
    }

    /** The names of the institution's user sets. */
    public List<String> userSetNames() {
        return alma.every(SETS, Map.of("content_type", "USER"), "set").stream()
                .map(set -> set.path("name").asText())
                .toList();
    }

    /** The primary ids of the members of the set with this name; empty when there is no such set. */
    public Optional<Set<String>> membersOf(String name) {
        return idOf(name).map(id -> {
            Set<String> members = new HashSet<>();
            alma.every(SETS + "/" + id + "/members", Map.of(), "member")
                    .forEach(m -> members.add(m.path("id").asText()));
            return members;
        });
    }

    /**
     * An itemized set of users with this name holding exactly these members (replaced wholesale, {@value
     * #MEMBERS_PER_CALL} a call), created when Alma has none, so a rerun reuses it. Answers its id.
     */
    public String itemized(String name, List<String> primaryIds) {
        String id = idOf(name).orElse(null);
        if (id == null) {
            ObjectNode set = AlmaJson.MAPPER
                    .createObjectNode()
                    .put("name", name)
                    .put("description", "Managed by the almasim purge engine");
            set.putObject("type").put("value", "ITEMIZED");
            set.putObject("content").put("value", "USER");
            try {
                id = alma.post(SETS, Map.of(), set).path("id").asText();
            } catch (AlmaApiException e) {
                if (!e.outcomeUnknown()) {
                    throw e;
                }
                // Names are unique in Alma: a lost answer is checked by looking the set up, not by creating it again.
                id = idOf(name).orElseThrow(() -> e);
            }
        }
        for (int from = 0; from < primaryIds.size(); from += MEMBERS_PER_CALL) {
            post(id, from == 0 ? "replace_members" : "add_members", chunk(primaryIds, from));
        }
        return id;
    }

    /**
     * Adds users to the set with this name (an itemized set is made when Alma has none), or removes them from it,
     * {@value #MEMBERS_PER_CALL} a call as Alma takes them.
     */
    public void changeMembers(String name, List<String> primaryIds, boolean add) {
        String id = idOf(name).orElseGet(() -> itemized(name, List.of()));
        for (int from = 0; from < primaryIds.size(); from += MEMBERS_PER_CALL) {
            post(id, add ? "add_members" : "delete_members", chunk(primaryIds, from));
        }
    }

    private static List<String> chunk(List<String> primaryIds, int from) {
        return primaryIds.subList(from, Math.min(primaryIds.size(), from + MEMBERS_PER_CALL));
    }

    private void post(String setId, String op, List<String> primaryIds) {
        ObjectNode body = AlmaJson.MAPPER.createObjectNode();
        ArrayNode members = body.putObject("members").putArray("member");
        primaryIds.forEach(m -> members.addObject().put("id", m));
        alma.post(SETS + "/" + setId, Map.of("op", op), body);
    }

    /** Creates a set from Alma's set JSON (a logical set carries its query); answers Alma's answer. */
    public JsonNode create(JsonNode set) {
        return alma.post(SETS, Map.of(), set);
    }

    private static final String SETS = AlmaClient.API + "/conf/sets";
}
