package org.almasim.scenarios.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.almasim.control.ControlPlane;
import org.almasim.control.ControlPlaneException;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaFees;
import org.almasim.engine.alma.AlmaLoans;
import org.almasim.engine.alma.AlmaSets;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.population.UserExportFile;
import org.almasim.simulator.users.User;

/** What happens in the library between policy runs, done through Alma's API as staff and the SIS would do it. */
public final class LibraryEvents {
    /** The library and desk where the scenario's staff work: the simulator's default ones. */
    private static final String LIBRARY = "MAIN";

    private static final String CIRC_DESK = "DEFAULT_CIRC_DESK";

    private final ControlPlane control;
    private final AlmaLoans loans;
    private final AlmaFees fees;
    private final AlmaSets sets;
    private boolean faultsSet;
    private final ScenarioReader.Loaded loaded;
    private final Consumer<String> say;

    /** {@code loaded} places SIS files and names the source in errors; {@code say} hears what happened. */
    public LibraryEvents(AlmaClient alma, ControlPlane control, ScenarioReader.Loaded loaded, Consumer<String> say) {
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
     * Alma's SIS synchronisation, done by almasim's own (docs/your-library.md): users of the step and of its file are
     * created, or updated when EXTERNAL (INTERNAL accounts are the library's, not the SIS's); users missing from the
     * file are left alone, expired or not; a user Alma refuses is rejected and told, the others load.
     */
    public void sisLoad(TimelineAction.SisLoad load) {
        if (!load.users().isEmpty()) {
            report(control.sisLoad(asXml(load.users()), "the step's users"));
        }
        if (load.file() == null) {
            return;
        }
        Path path = loaded.folder().map(folder -> folder.resolve(load.file())).orElse(Path.of(load.file()));
        try {
            report(
                    UserExportFile.isExportFile(path)
                            ? control.sisLoad(path)
                            : control.sisLoad(
                                    asXml(readSisFile(path)), path.getFileName().toString()));
        } catch (ControlPlaneException e) {
            throw new ScenarioException(loaded.source(), List.of("sis_load: " + e.getMessage()));
        }
    }

    /** Users written as a scenario holds them (as {@code POST /users} takes them) in the XML a SIS sends. */
    private String asXml(List<JsonNode> users) {
        StringBuilder xml = new StringBuilder("<users>");
        for (JsonNode user : users) {
            try {
                String one = AlmaFormats.toXml(AlmaFormats.JSON.treeToValue(user, User.class));
                xml.append(one.replaceFirst("^<\\?xml[^>]*\\?>", ""));
            } catch (JsonProcessingException e) {
                throw new ScenarioException(
                        loaded.source(),
                        List.of("sis_load: user " + user.path("primary_id").asText("?") + ": "
                                + AlmaFormats.problem(e)));
            }
        }
        return xml.append("</users>").toString();
    }

    private void report(JsonNode report) {
        StringBuilder line =
                new StringBuilder("SIS load: " + report.path("created").asLong() + " created, "
                        + report.path("updated").asLong() + " updated");
        long internal = report.path("internal_left").asLong();
        if (internal > 0) {
            line.append(", ").append(internal).append(" INTERNAL left as they are");
        }
        long rejected = report.path("rejected").asLong();
        if (rejected > 0) {
            line.append(", ").append(rejected).append(" rejected (");
            List<String> reasons = new ArrayList<>();
            report.path("rejected_users")
                    .forEach(user -> reasons.add(user.path("where").asText() + ": "
                            + user.path("error_message").asText()));
            line.append(String.join("; ", reasons)).append(")");
        }
        say(line.append("; patrons missing from the file are not removed").toString());
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
