package org.almasim.engine.alma;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Circulation at the desk, as library staff do it through Alma's API: every path of the loans the project sends. */
public final class AlmaLoans {
    private final AlmaClient alma;

    public AlmaLoans(AlmaClient alma) {
        this.alma = alma;
    }

    /** Lends the item with this barcode to the user at a library's circulation desk. */
    public void checkout(String primaryId, String barcode, String library, String circDesk) {
        var body = AlmaJson.MAPPER.createObjectNode();
        body.putObject("circ_desk").put("value", circDesk);
        body.putObject("library").put("value", library);
        alma.post(loansOf(primaryId), Map.of("item_barcode", barcode), body);
    }

    /** Scans the item of the user's loan with this barcode back in; answers false when the user has no such loan. */
    public boolean giveBack(String primaryId, String barcode, String library, String circDesk) {
        for (JsonNode loan : alma.every(loansOf(primaryId), Map.of(), "item_loan")) {
            if (loan.path("item_barcode").asText().equals(barcode)) {
                alma.post(
                        AlmaClient.API + "/bibs/" + loan.path("mms_id").asText() + "/holdings/"
                                + loan.path("holding_id").asText() + "/items/"
                                + loan.path("item_id").asText(),
                        Map.of("op", "scan", "library", library, "circ_desk", circDesk),
                        null);
                return true;
            }
        }
        return false;
    }

    private static String loansOf(String primaryId) {
        return AlmaUsers.path(primaryId) + "/loans";
    }
}
