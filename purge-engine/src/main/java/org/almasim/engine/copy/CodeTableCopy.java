package org.almasim.engine.copy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.almasim.engine.alma.AlmaApiException;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaJson;

/**
 * The code tables a copy of a library takes along: those purge rules read (user groups with their descriptions, which
 * FLVC's ILL rule reads; identifier types), and those whose codes a library makes up and its users and fees carry
 * (block descriptions, fee types, statistical categories...), since a copied user or fee with a code the copy lacks
 * would be refused. Codes and descriptions only: no table names a person.
 */
final class CodeTableCopy {
    /** Code tables a library fills with codes of its own. */
    static final List<String> OWN_CODE_TABLES = List.of(
            "FineFeeTypes",
            "FineFeeTransactionTypes",
            "PaymentMethods",
            "FineFeeTransactionReason",
            "NoteTypes",
            "UserBlockTypes",
            "UserBlockDescription",
            "UserStatCategories",
            "UserStatisticalTypes",
            "UserEmailTypes",
            "UserAddressTypes",
            "UserPhoneTypes");

    private CodeTableCopy() {}

    /** The tables as a population document adds them. */
    static ObjectNode of(AlmaClient source) {
        ObjectNode document = AlmaJson.MAPPER.createObjectNode();
        document.set("user_groups", codes(source, "UserGroups"));
        document.set("identifier_types", codes(source, "UserIdentifierTypes"));
        ObjectNode tables = document.putObject("code_tables");
        for (String table : OWN_CODE_TABLES) {
            try {
                tables.set(table, codes(source, table));
            } catch (AlmaApiException e) {
                if (e.status() != 400) {
                    throw e;
                }
                // An Alma without this table (or that does not let this key read it): the copy's own codes serve.
            }
        }
        return document;
    }

    private static ArrayNode codes(AlmaClient source, String table) {
        ArrayNode codes = AlmaJson.MAPPER.createArrayNode();
        for (JsonNode row : source.get(AlmaClient.API + "/conf/code-tables/" + table, Map.of())
                .path("row")) {
            String code = row.path("code").asText();
            if (!code.isBlank()) {
                codes.addObject()
                        .put("code", code)
                        .put("description", row.path("description").asText(code));
            }
        }
        return codes;
    }
}
