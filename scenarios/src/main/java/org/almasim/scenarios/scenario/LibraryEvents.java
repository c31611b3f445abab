package org.almasim.scenarios.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.almasim.control.ControlPlane;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaFees;
import org.almasim.engine.alma.AlmaLoans;
import org.almasim.engine.alma.AlmaSets;
import org.almasim.engine.alma.AlmaUsers;
import org.almasim.simulator.population.UserExportFile;

/** What happens in the library between policy runs, done through Alma's API as staff and the SIS would do it. */
public final class LibraryEvents {
    /** The library and desk where the scenario's staff work: the simulator's default ones. */
    private static final String LIBRARY = "MAIN";

    private static final String CIRC_DESK = "DEFAULT_CIRC_DESK";

    private final AlmaClient alma;
    private final AlmaUsers almaUsers;
    private final ControlPlane control;
    private final AlmaLoans loans;
    private final AlmaFees fees;
    private final AlmaSets sets;
    private boolean faultsSet;
    private final ScenarioReader.Loaded loaded;
    private final Consumer<String> say;

    /** {@code loaded} places SIS files and names the source in errors; {@code say} hears what happened. */
    public LibraryEvents(AlmaClient alma, ControlPlane control, ScenarioReader.Loaded loaded, Consumer<String> say) {
        this.alma = alma;
        this.almaUsers = new AlmaUsers(alma);
        this.control = control;
        this.loans = new AlmaLoans(alma);
        this.fees = new AlmaFees(alma);
        this.sets = new AlmaSets(alma);
        this.loaded = loaded;
        this.say = say;
    }

    public void checkout(TimelineAction.Checkout checkout) {
        loans.checkout(checkout.user(), checkout.barcode(), LIBRARY, CIRC_DESK);
        say(checkout.user() + " borrows " + checkout.barcode());
    }

    public void fine(TimelineAction.Fine fine) {
        fees.charge(fine.user(), fine.type() == null ? "OVERDUEFINE" : fine.type(), fine.amount(), LIBRARY);
        say(fine.user() + " is fined " + fine.amount().toPlainString());
    }

    public void pay(TimelineAction.Payment pay) {
        fees.payAll(pay.user(), Optional.ofNullable(pay.amount()), "CASH");
        say(pay.user() + " pays "
                + (pay.amount() == null ? "everything owed" : pay.amount().toPlainString()));
    }

    /**
     * Alma's SIS synchronisation: users in the file are created, or updated when EXTERNAL (INTERNAL accounts are
     * the library's, not the SIS's); users missing from the file are left alone, expired or not.
     */
    public void sisLoad(TimelineAction.SisLoad load) {
        int[] created = {0};
        int[] updated = {0};
        List<String> skipped = new ArrayList<>();
        eachSisUser(load, incoming -> {
            String id = incoming.path("primary_id").asText();
            ObjectNode existing = almaUsers.find(id, Map.of()).orElse(null);
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
                almaUsers.create(user);
                created[0]++;
            } else if ("EXTERNAL"
                    .equals(existing.path("account_type").path("value").asText())) {
                incoming.properties().forEach(field -> existing.set(field.getKey(), field.getValue()));
                almaUsers.put(id, existing);
                updated[0]++;
            } else {
                skipped.add(id);
            }
        });
        say("SIS load: " + created[0] + " created, " + updated[0] + " updated"
                + (skipped.isEmpty() ? "" : ", " + skipped.size() + " INTERNAL left as they are " + skipped)
                + "; patrons missing from the file are not removed");
    }

    /**
     * The load's users: those written in the step, then those of its file: a YAML or JSON list of users, or the XML a
     * library's SIS sends Alma and Alma's Export users writes (.xml, .xml.gz, .zip), read a user at a time.
     */
    private void eachSisUser(TimelineAction.SisLoad load, Consumer<JsonNode> action) {
        load.users().forEach(action);
        if (load.file() == null) {
            return;
        }
        Path path = loaded.folder().map(folder -> folder.resolve(load.file())).orElse(Path.of(load.file()));
        if (!UserExportFile.isExportFile(path)) {
            readSisFile(path).forEach(action);
            return;
        }
        try (UserExportFile users = UserExportFile.open(path)) {
            users.forEachRemaining(record -> action.accept(record.user()));
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(loaded.source(), List.of("sis_load: " + e.getMessage()));
        }
    }

    private List<JsonNode> readSisFile(Path path) {
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

    public void giveBack(TimelineAction.Return giveBack) {
        if (!loans.giveBack(giveBack.user(), giveBack.barcode(), LIBRARY, CIRC_DESK)) {
            throw new ScenarioException(
                    loaded.source(), List.of("return: " + giveBack.user() + " has no loan of " + giveBack.barcode()));
        }
        say(giveBack.user() + " returns " + giveBack.barcode());
    }

    public void waive(TimelineAction.Payment waive) {
        fees.waiveActive(waive.user(), Optional.ofNullable(waive.amount()), "OTHER");
        say(waive.user() + "'s fines are waived"
                + (waive.amount() == null ? "" : " (" + waive.amount().toPlainString() + " each)"));
    }

    public void changeSet(TimelineAction.SetChange change, String op) {
        sets.changeMembers(change.set(), change.users(), op.equals("add_members"));
        say((op.equals("add_members") ? "added to " : "removed from ") + change.set() + ": "
                + String.join(", ", change.users()));
    }

    /** The faults Alma's API meets from now on, replacing earlier ones (almasim's control plane, not Alma's API). */
    public void faults(List<JsonNode> rules) {
        faultsSet = !rules.isEmpty();
        control.clearFaults();
        rules.forEach(control::addFault);
        say(
                rules.isEmpty()
                        ? "Alma answers normally again"
                        : "Alma starts failing: "
                                + rules.stream().map(JsonNode::toString).collect(Collectors.joining(", ")));
    }

    /** Clears the faults this scenario set, if it set any (faults given to {@code serve --fault} stay otherwise). */
    public void endFaults() {
        if (faultsSet) {
            control.clearFaults();
            faultsSet = false;
        }
    }

    private void say(String line) {
        say.accept(line);
    }
}
