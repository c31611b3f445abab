package org.almasim.simulator.personal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Set;
import org.almasim.simulator.fees.FeeService;
import org.almasim.simulator.http.AlmaDocument;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.http.AlmaHttp;
import org.almasim.simulator.http.Params;
import org.almasim.simulator.links.AlmaLinks;
import org.almasim.simulator.loans.LoanService;
import org.almasim.simulator.users.UserService;

/**
 * {@code GET /users/{id}/personal-data}, Alma's data-portability answer: the user's full record with everything the
 * library holds on them that almasim keeps, their loans (active and returned) and fees (of every status).
 */
public final class PersonalDataController {
    private final UserService users;
    private final LoanService loans;
    private final FeeService fees;

    public PersonalDataController(UserService users, LoanService loans, FeeService fees) {
        this.users = users;
        this.loans = loans;
        this.fees = fees;
    }

    public void get(Context ctx) {
        String id = ctx.pathParam("user_id");
        String idType = Params.text(ctx, "user_id_type");
        AlmaLinks links = AlmaHttp.links(ctx);
        ObjectNode personal =
                ((ObjectNode) users.get(id, idType, Set.of(), "full", links).tree()).deepCopy();
        String primaryId = personal.path("primary_id").asText();
        personal.set("loans", AlmaFormats.JSON.valueToTree(loans.allOf(primaryId, links)));
        personal.set("fees", AlmaFormats.JSON.valueToTree(fees.allOf(primaryId, links)));
        AlmaHttp.ok(ctx, new AlmaDocument("user_personal", personal));
    }
}
