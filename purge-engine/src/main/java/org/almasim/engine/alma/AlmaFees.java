package org.almasim.engine.alma;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/** A user's fines and fees as the engine uses them: every path and parameter of the Fees API it sends is here. */
public final class AlmaFees {
    /** The statuses that count in a user's active balance, as Alma's deletion rule counts them. */
    private static final Set<String> OPEN = Set.of("ACTIVE", "INDISPUTE", "EXPORTED");

    private final AlmaClient alma;

    public AlmaFees(AlmaClient alma) {
        this.alma = alma;
    }

    /**
     * Waives every open fee of a user whose open balance is above zero and at most {@code threshold}, as Alma's purge
     * job waives balances under its waive threshold; answers whether it did. A larger balance is left as it is.
     */
    public boolean waiveIfWithin(String primaryId, BigDecimal threshold, String reason) {
        String fees = AlmaClient.userPath(primaryId) + "/fees";
        JsonNode list = alma.get(fees, Map.of());
        BigDecimal open = BigDecimal.ZERO;
        for (JsonNode fee : list.path("fee")) {
            if (OPEN.contains(fee.path("status").path("value").asText())) {
                open = open.add(fee.path("balance").decimalValue());
            }
        }
        if (open.signum() <= 0 || open.compareTo(threshold) > 0) {
            return false;
        }
        for (JsonNode fee : list.path("fee")) {
            BigDecimal balance = fee.path("balance").decimalValue();
            if (OPEN.contains(fee.path("status").path("value").asText()) && balance.signum() > 0) {
                alma.post(
                        fees + "/" + fee.path("id").asText(),
                        Map.of("op", "waive", "amount", balance.toPlainString(), "reason", reason),
                        null);
            }
        }
        return true;
    }
}
