package org.almasim.scenarios.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaJson;
import org.almasim.engine.alma.AlmaSets;

/** What happens in the library between policy runs, done through Alma's API as staff and the SIS would do it. */
public final class LibraryEvents {
    private static final ObjectMapper JSON = AlmaJson.MAPPER;

    private final AlmaClient alma;
    private final ScenarioReader.Loaded loaded;
    private final Consumer<String> say;

    /** {@code loaded} places SIS files and names the source in errors; {@code say} hears what happened. */
    public LibraryEvents(AlmaClient alma, ScenarioReader.Loaded loaded, Consumer<String> say) {
        this.alma = alma;
        this.loaded = loaded;
        this.say = say;
    }

    public void checkout(Scenario.Checkout checkout) {
        alma.post(
                AlmaClient.userPath(checkout.user()) + "/loans",
                Map.of("item_barcode", checkout.barcode()),
                JSON.createObjectNode()
                        .<ObjectNode>set("circ_desk", JSON.createObjectNode().put("value", "DEFAULT_CIRC_DESK"))
                        .set("library", JSON.createObjectNode().put("value", "MAIN")));
        say(checkout.user() + " borrows " + checkout.barcode());
    }

    public void fine(Scenario.Fine fine) {
        ObjectNode fee = JSON.createObjectNode();
        fee.putObject("type").put("value", fine.type() == null ? "OVERDUEFINE" : fine.type());
        fee.put("original_amount", fine.amount());
        fee.putObject("owner").put("value", "MAIN");
        alma.post(AlmaClient.userPath(fine.user()) + "/fees", Map.of(), fee);
        say(fine.user() + " is fined " + fine.amount().toPlainString());
    }

    public void pay(Scenario.Payment pay) {
        String amount = pay.amount() == null ? "ALL" : pay.amount().toPlainString();
        alma.post(
                AlmaClient.userPath(pay.user()) + "/fees/all",
                Map.of("op", "pay", "amount", amount, "method", "CASH"),
                null);
        say(pay.user() + " pays " + (amount.equals("ALL") ? "everything owed" : amount));
    }

    /**
     * Alma's SIS synchronisation: users in the file are created, or updated when EXTERNAL (INTERNAL accounts are
     * the library's, not the SIS's); users missing from the file are left alone, expired or not.
     */
    public void sisLoad(Scenario.SisLoad load) {
        List<JsonNode> users = new ArrayList<>(load.users());
        if (load.file() != null) {
            users.addAll(readSisFile(load.file()));
        }
        int created = 0;
        int updated = 0;
        List<String> skipped = new ArrayList<>();
        for (JsonNode incoming : users) {
            String id = incoming.path("primary_id").asText();
            ObjectNode existing = alma.findUser(id, Map.of()).orElse(null);
            if (existing == null) {
                ObjectNode user = incoming.deepCopy();
                if (!user.has("account_type")) {
                    user.putObject("account_type").put("value", "EXTERNAL");
                }
                if (!user.has("external_id")) {
                    user.put("external_id", "SIS");
                }
                if (!user.has("record_type")) {
                    user.putObject("record_type").put("value", "PUBLIC");
                }
                alma.post("/almaws/v1/users", Map.of(), user);
                created++;
            } else if ("EXTERNAL"
                    .equals(existing.path("account_type").path("value").asText())) {
                incoming.properties().forEach(field -> existing.set(field.getKey(), field.getValue()));
                alma.putUser(id, existing);
                updated++;
            } else {
                skipped.add(id);
            }
        }
        say("SIS load: " + created + " created, " + updated + " updated"
                + (skipped.isEmpty() ? "" : ", " + skipped.size() + " INTERNAL left as they are " + skipped)
                + "; patrons missing from the file are not removed");
    }

    private List<JsonNode> readSisFile(String file) {
        Path path = loaded.folder().map(folder -> folder.resolve(file)).orElse(Path.of(file));
        try {
            JsonNode document = ScenarioReader.YAML.readTree(Files.readAllBytes(path));
            List<JsonNode> users = new ArrayList<>();
            (document.has("users") ? document.get("users") : document).forEach(users::add);
            return users;
        } catch (IOException e) {
            throw new ScenarioException(
                    loaded.source(), List.of("sis_load: cannot read " + path + ": " + e.getMessage()));
        }
    }

    public void giveBack(Scenario.Return giveBack) {
        for (JsonNode loan : alma.get(AlmaClient.userPath(giveBack.user()) + "/loans", Map.of("limit", "100"))
                .path("item_loan")) {
            if (loan.path("item_barcode").asText().equals(giveBack.barcode())) {
                alma.post(
                        "/almaws/v1/bibs/" + loan.path("mms_id").asText() + "/holdings/"
                                + loan.path("holding_id").asText() + "/items/"
                                + loan.path("item_id").asText(),
                        Map.of("op", "scan", "library", "MAIN", "circ_desk", "DEFAULT_CIRC_DESK"),
                        null);
                say(giveBack.user() + " returns " + giveBack.barcode());
                return;
            }
        }
        throw new ScenarioException(
                loaded.source(), List.of("return: " + giveBack.user() + " has no loan of " + giveBack.barcode()));
    }

    public void waive(Scenario.Payment waive) {
        for (JsonNode fee : alma.get(AlmaClient.userPath(waive.user()) + "/fees", Map.of("status", "ACTIVE"))
                .path("fee")) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("op", "waive");
            query.put("reason", "OTHER");
            if (waive.amount() != null) {
                query.put("amount", waive.amount().toPlainString());
            }
            alma.post(
                    AlmaClient.userPath(waive.user()) + "/fees/"
                            + fee.path("id").asText(),
                    query,
                    null);
        }
        say(waive.user() + "'s fines are waived"
                + (waive.amount() == null ? "" : " (" + waive.amount().toPlainString() + " each)"));
    }

    public void changeSet(Scenario.SetChange change, String op) {
        String setId = alma.setId(change.set()).orElseGet(() -> new AlmaSets(alma).itemized(change.set(), List.of()));
        ObjectNode body = JSON.createObjectNode();
        var members = body.putObject("members").putArray("member");
        change.users().forEach(id -> members.addObject().put("id", id));
        alma.post("/almaws/v1/conf/sets/" + setId, Map.of("op", op), body);
        say((op.equals("add_members") ? "added to " : "removed from ") + change.set() + ": "
                + String.join(", ", change.users()));
    }

    private void say(String line) {
        say.accept(line);
    }
}
