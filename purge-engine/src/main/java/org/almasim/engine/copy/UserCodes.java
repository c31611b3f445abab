package org.almasim.engine.copy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The codes a copied user carries, by the code table Alma keeps them in: a copy from files, which hold no code tables,
 * adds the ones its target lacks, or the target would refuse the user.
 */
public final class UserCodes {
    /** The tables {@link #of} answers codes of. */
    public static final List<String> TABLES = List.of(
            "UserGroups",
            "UserIdentifierTypes",
            "UserBlockTypes",
            "UserBlockDescription",
            "NoteTypes",
            "UserStatCategories",
            "UserStatisticalTypes",
            "UserEmailTypes",
            "UserAddressTypes",
            "UserPhoneTypes");

    private UserCodes() {}

    /** The codes of {@code user} (as Alma's API answers a user) that {@link AnonymizedUser} keeps, by table. */
    public static Map<String, Set<String>> of(JsonNode user) {
        Map<String, Set<String>> codes = new LinkedHashMap<>();
        add(codes, "UserGroups", user.path("user_group"));
        user.path("user_identifier").forEach(id -> add(codes, "UserIdentifierTypes", id.path("id_type")));
        for (JsonNode block : user.path("user_block")) {
            add(codes, "UserBlockTypes", block.path("block_type"));
            add(codes, "UserBlockDescription", block.path("block_description"));
        }
        user.path("user_note").forEach(note -> add(codes, "NoteTypes", note.path("note_type")));
        for (JsonNode statistic : user.path("user_statistic")) {
            add(codes, "UserStatCategories", statistic.path("statistic_category"));
            add(codes, "UserStatisticalTypes", statistic.path("category_type"));
        }
        JsonNode contact = user.path("contact_info");
        contact.path("email").forEach(e -> e.path("email_type").forEach(t -> add(codes, "UserEmailTypes", t)));
        contact.path("address").forEach(a -> a.path("address_type").forEach(t -> add(codes, "UserAddressTypes", t)));
        contact.path("phone").forEach(p -> p.path("phone_type").forEach(t -> add(codes, "UserPhoneTypes", t)));
        return codes;
    }

    private static void add(Map<String, Set<String>> codes, String table, JsonNode code) {
        String value = AnonymizedUser.codeValue(code);
        if (!value.isBlank()) {
            codes.computeIfAbsent(table, t -> new LinkedHashSet<>()).add(value);
        }
    }
}
