package org.almasim.engine.copy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaJson;

/** A library's sets of users copied after its users, one population document a set. */
final class SetCopy {
    static final String SETS = AlmaClient.API + "/conf/sets";

    /**
     * The fields of a logical set's query that hold what names a person (docs/sets.md): a query naming one is not copied,
     * since it may carry a person's name or id, and would find nobody among pseudonyms.
     */
    private static final Set<String> PERSONAL_QUERY_FIELDS =
            Set.of("all_full", "first_name", "last_name", "primary_id", "email", "identifiers");

    private static final Pattern WORD = Pattern.compile("[A-Za-z_]+");

    private final AlmaClient source;
    private final UnaryOperator<String> copiedId;
    private final LibraryCopy.Target target;

    /** @param copiedId a member's id in the copy (its pseudonym, or itself with --keep-ids) */
    SetCopy(AlmaClient source, UnaryOperator<String> copiedId, LibraryCopy.Target target) {
        this.source = source;
        this.copiedId = copiedId;
        this.target = target;
    }

    /**
     * The institution's sets of users: itemized ones with their members' copied ids, logical ones whose query names no
     * field that holds what names a person. Names are copied as they are: policies find their sets by name.
     */
    int copyAll() {
        int copied = 0;
        for (JsonNode listed : source.every(SETS, Map.of("content_type", "USER"), "set")) {
            JsonNode set = source.get(SETS + "/" + listed.path("id").asText(), Map.of());
            ObjectNode spec = AlmaJson.MAPPER.createObjectNode();
            spec.put("name", set.path("name").asText());
            String type = set.path("type").path("value").asText("ITEMIZED");
            spec.put("type", type);
            if (type.equals("LOGICAL")) {
                String query = set.path("query").path("value").asText();
                if (!namesNoPersonalField(query)) {
                    continue;
                }
                spec.put("query", query);
            } else {
                ArrayNode members = spec.putArray("members");
                source.every(SETS + "/" + listed.path("id").asText() + "/members", Map.of(), "member")
                        .forEach(m -> members.add(copiedId.apply(m.path("id").asText())));
            }
            ObjectNode document = AlmaJson.MAPPER.createObjectNode();
            document.putArray("sets").add(spec);
            target.load(document);
            copied++;
        }
        return copied;
    }

    static boolean namesNoPersonalField(String query) {
        Matcher word = WORD.matcher(query);
        while (word.find()) {
            if (PERSONAL_QUERY_FIELDS.contains(word.group().toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }
}
