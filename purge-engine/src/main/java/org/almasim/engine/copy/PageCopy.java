package org.almasim.engine.copy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaJson;
import org.almasim.engine.alma.AlmaUsers;

/** One page of a {@link LibraryCopy}: users with what hangs on them, read through Alma's API, as a population document. */
final class PageCopy {
    private static final Map<String, String> EXPAND = Map.of("expand", "loans,requests,fees");

    /** The states of a hold request almasim keeps; another (in transit, say) is copied as waiting or in process. */
    private static final Set<String> REQUEST_STATUSES = Set.of("NOT_STARTED", "IN_PROCESS", "ON_HOLD_SHELF");

    /** Users read, copied or gone since the page was listed. */
    int read;

    final ArrayNode users = AlmaJson.MAPPER.createArrayNode();
    final ArrayNode items = AlmaJson.MAPPER.createArrayNode();
    final ArrayNode loans = AlmaJson.MAPPER.createArrayNode();
    final ArrayNode fees = AlmaJson.MAPPER.createArrayNode();
    final ArrayNode requests = AlmaJson.MAPPER.createArrayNode();
    final Set<String> libraries = new TreeSet<>();

    private final AlmaClient source;
    private final Pseudonyms pseudonyms;
    private final UnaryOperator<String> copiedId;

    PageCopy(AlmaClient source, Pseudonyms pseudonyms, UnaryOperator<String> copiedId) {
        this.source = source;
        this.pseudonyms = pseudonyms;
        this.copiedId = copiedId;
    }

    /**
     * Reads the user and what hangs on it, then adds them: a call refused half-way adds nothing, so the page saved
     * when the copy stops holds whole users only, and the resume reads this user again.
     */
    void add(String sourceId) {
        Optional<ObjectNode> found = new AlmaUsers(source).find(sourceId, EXPAND);
        if (found.isEmpty()) {
            read++; // gone since the page was listed: nothing to copy
            return;
        }
        JsonNode user = found.get();
        List<JsonNode> userLoans = user.path("loans").path("value").asInt(0) > 0
                ? source.every(AlmaUsers.path(sourceId) + "/loans", Map.of(), "item_loan")
                : List.of();
        List<JsonNode> userFees = balance(user.path("fees").path("value")).signum() != 0
                ? source.every(AlmaUsers.path(sourceId) + "/fees", Map.of(), "fee")
                : List.of();
        List<JsonNode> userRequests = user.path("requests").path("value").asInt(0) > 0
                ? source.every(AlmaUsers.path(sourceId) + "/requests", Map.of(), "user_request")
                : List.of();
        String id = copiedId.apply(user.path("primary_id").asText(sourceId));
        users.add(AnonymizedUser.of(user, id, pseudonyms));
        userLoans.forEach(loan -> addLoan(id, loan));
        userFees.forEach(fee -> addFee(id, fee));
        userRequests.stream()
                .filter(request -> request.path("request_type").asText().equals("HOLD"))
                .forEach(request -> addRequest(id, request));
        read++;
    }

    /**
     * A hold request, on an item of its own: the item it waits for may be another user's loan, read on another page,
     * and a page cannot know what the copy already holds.
     */
    private void addRequest(String userId, JsonNode request) {
        String barcode =
                pseudonyms.barcode("request " + request.path("request_id").asText());
        String library = request.path("pickup_location_library").asText("");
        ObjectNode item =
                items.addObject().put("barcode", barcode).put("title", "A requested item (its title is not copied)");
        ObjectNode copied = requests.addObject().put("user", userId).put("barcode", barcode);
        if (!library.isBlank()) {
            libraries.add(library);
            item.put("library", library);
            copied.put("pickup", library);
        }
        String status = request.path("request_status").asText("");
        if (REQUEST_STATUSES.contains(status)) {
            copied.put("status", status);
        }
        String placed = day(request.path("request_date"));
        if (!placed.isEmpty()) {
            copied.put("created", placed);
        }
        String lastInterest = day(request.path("last_interest_date"));
        if (!lastInterest.isEmpty()) {
            copied.put("last_interest_date", lastInterest);
        }
    }

    private void addLoan(String userId, JsonNode loan) {
        String barcode = pseudonyms.barcode(loan.path("item_barcode").asText());
        String library = loan.path("library").path("value").asText("MAIN");
        libraries.add(library);
        items.addObject()
                .put("barcode", barcode)
                .put("title", "A copied item (its title is not copied)")
                .put("library", library)
                .put("location", loan.path("location_code").path("value").asText("STACKS"));
        loans.addObject()
                .put("user", userId)
                .put("barcode", barcode)
                .put("loan_date", day(loan.path("loan_date")))
                .put("due_date", day(loan.path("due_date")));
    }

    private void addFee(String userId, JsonNode fee) {
        String owner = fee.path("owner").path("value").asText("MAIN");
        libraries.add(owner);
        ObjectNode copied = fees.addObject()
                .put("user", userId)
                .put("type", fee.path("type").path("value").asText())
                .put("status", fee.path("status").path("value").asText())
                .put("owner", owner);
        copied.set("amount", fee.path("original_amount"));
        copied.set("balance", fee.path("balance"));
        String created = day(fee.path("creation_time"));
        if (!created.isEmpty()) {
            copied.put("created", created);
        }
        // What was paid and waived, and how; not who took the money or the comment, which may name someone.
        ArrayNode transactions = copied.putArray("transactions");
        for (JsonNode transaction : fee.path("transaction")) {
            ObjectNode kept = transactions
                    .addObject()
                    .put("type", transaction.path("type").path("value").asText());
            kept.set("amount", transaction.path("amount"));
            putCode(kept, "method", transaction.path("payment_method"));
            putCode(kept, "reason", transaction.path("reason"));
            String day = day(transaction.path("transaction_time"));
            if (!day.isEmpty()) {
                kept.put("date", day);
            }
        }
    }

    private static void putCode(ObjectNode into, String field, JsonNode code) {
        String value = code.path("value").asText("");
        if (!value.isBlank()) {
            into.put(field, value);
        }
    }

    ObjectNode document() {
        ObjectNode document = AlmaJson.MAPPER.createObjectNode();
        ArrayNode codes = document.putArray("libraries");
        libraries.forEach(code -> codes.addObject().put("code", code));
        document.set("items", items);
        document.set("users", users);
        document.set("loans", loans);
        document.set("fees", fees);
        document.set("requests", requests);
        // A copied library's patrons are listed by name, as Alma lists them, not all first in the console.
        document.putArray("featured");
        return document;
    }

    private static BigDecimal balance(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        try {
            return new BigDecimal(value.asText("0").isBlank() ? "0" : value.asText("0"));
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }

    /** The day of one of Alma's timestamps or dates ({@code 2024-05-01T10:00:00Z}, {@code 2024-05-01Z}). */
    private static String day(JsonNode value) {
        String text = value.asText("");
        return text.length() >= 10 ? text.substring(0, 10) : "";
    }
}
