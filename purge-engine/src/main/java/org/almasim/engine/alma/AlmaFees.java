package org.almasim.engine.alma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A user's fines and fees as the engine uses them: every path and parameter of the Fees API it sends is here. */
public final class AlmaFees {
    /** The statuses that count in a user's active balance, as Alma's deletion rule counts them. */
    private static final Set<String> OPEN = Set.of("ACTIVE", "INDISPUTE", "EXPORTED");

    private final AlmaClient alma;

    public AlmaFees(AlmaClient alma) {
        this.alma = alma;
    }

    /** Charges a fee of Alma's type (such as {@code OVERDUEFINE}) to the user, owned by {@code owner}. */
    public void charge(String primaryId, String type, BigDecimal amount, String owner) {
        ObjectNode fee = AlmaJson.MAPPER.createObjectNode();
        fee.putObject("type").put("value", type);
        fee.put("original_amount", amount);
        fee.putObject("owner").put("value", owner);
        alma.post(feesOf(primaryId), Map.of(), fee);
    }

    /** Pays {@code amount} of the user's fees at once, or all of them when empty; by {@code method}, such as CASH. */
    public void payAll(String primaryId, Optional<BigDecimal> amount, String method) {
        alma.post(
                feesOf(primaryId) + "/all",
                Map.of(
                        "op",
                        "pay",
                        "amount",
                        amount.map(BigDecimal::toPlainString).orElse("ALL"),
                        "method",
                        method),
                null);
    }

    /** Waives each active fee of the user, wholly or by {@code amount} each. */
    public void waiveActive(String primaryId, Optional<BigDecimal> amount, String reason) {
        for (JsonNode fee :
                alma.get(feesOf(primaryId), Map.of("status", "ACTIVE")).path("fee")) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("op", "waive");
            query.put("reason", reason);
            amount.ifPresent(a -> query.put("amount", a.toPlainString()));
            alma.post(feesOf(primaryId) + "/" + fee.path("id").asText(), query, null);
        }
    }

    /**
     * Waives every open fee of a user whose open balance is above zero and at most {@code threshold}, as Alma's purge
     * job waives balances under its waive threshold; answers whether it did. A larger balance is left as it is.
     */
    public boolean waiveIfWithin(String primaryId, BigDecimal threshold, String reason) {
        String fees = feesOf(primaryId);
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

    private static String feesOf(String primaryId) {
        return AlmaUsers.path(primaryId) + "/fees";
    }
}
