package org.almasim.scenarios.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.almasim.simulator.population.UserExportFile;

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
        try {
            SisFeed feed = SisFeed.of(load.saltFile().map(loaded::beside), load.keepIds());
            if (!load.users().isEmpty()) {
                report(feed.load(load.users(), "the step's users", control));
            }
            if (load.file() == null) {
                return;
            }
            Path path = loaded.beside(load.file());
            report(
                    UserExportFile.isExportFile(path)
                            ? feed.load(path, control)
                            : feed.load(readSisFile(path), path.getFileName().toString(), control));
        } catch (ControlPlaneException | IllegalArgumentException | UncheckedIOException e) {
            throw new ScenarioException(loaded.source(), List.of("sis_load: " + e.getMessage()));
        }
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
