package org.almasim.simulator.users;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Set;
import org.almasim.simulator.deletion.PatronActivity;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.links.AlmaLinks;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** A user with the counts {@code expand=loans,requests,fees} asks for, each with its link, as Alma answers them. */
final class UserCounts {
    private UserCounts() {}

    /**
     * The stored document with the counts {@code expand} asks for (loans, requests, fees) appended, as JSON text: an
     * expanded GET, answered without parsing the document.
     */
    static String documentWithCounts(DSLContext dsl, String id, String idType, Set<String> expand, AlmaLinks links) {
        // One connection for the user and its counts: they describe the same moment, and a pooled connection costs.
        return dsl.connectionResult(connection -> {
            DSLContext db = DSL.using(connection, dsl.dialect(), dsl.settings());
            StoredUser stored =
                    new UserRepository(db).find(id, idType).orElseThrow(() -> UserService.notFound(id, idType));
            String document = stored.document();
            StringBuilder json =
                    new StringBuilder(document.length() + 300).append(document, 0, document.lastIndexOf('}'));
            String self = links.user(stored.primaryId());
            if (expand.contains("requests")) {
                appendCount(
                        json, "requests", BigDecimal.valueOf(PatronActivity.activeRequests(db, stored.key())), self);
            } else {
                json.append(",\"requests\":null");
            }
            if (expand.contains("loans")) {
                appendCount(json, "loans", BigDecimal.valueOf(PatronActivity.activeLoans(db, stored.key())), self);
            } else {
                json.append(",\"loans\":null");
            }
            if (expand.contains("fees")) {
                appendCount(
                        json,
                        "fees",
                        PatronActivity.activeBalance(db, stored.key()).stripTrailingZeros(),
                        self);
            } else {
                json.append(",\"fees\":null");
            }
            return json.append(",\"link\":null}").toString();
        });
    }

    /** Appends {@code ,"loans":{"value":2,"link":".../loans"}} (or requests, fees) to a document being written. */
    private static void appendCount(StringBuilder json, String name, BigDecimal value, String self)
            throws JsonProcessingException {
        ObjectNode count = AlmaFormats.JSON.createObjectNode();
        count.put("value", value);
        count.put("link", self + "/" + name);
        json.append(",\"").append(name).append("\":").append(AlmaFormats.JSON.writeValueAsString(count));
    }
}
