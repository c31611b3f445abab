package org.almasim.simulator.population;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.almasim.simulator.blockers.BlockerService;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.errors.AlmaRefusal;
import org.almasim.simulator.fees.FeeImport;
import org.almasim.simulator.fees.FeeService;
import org.almasim.simulator.inventory.InventoryRepository;
import org.almasim.simulator.requests.RequestImport;
import org.almasim.simulator.requests.RequestService;
import org.almasim.simulator.users.User;
import org.almasim.simulator.users.UserService;
import org.jooq.DSLContext;

/**
 * A document's references, checked before anything is written: every loan, fee and blocker names a user and item that
 * exist (in the document or already loaded), and every item, bib and holding is new.
 */
final class PopulationReferences {
    private final DSLContext dsl;
    private final CodeTables codes;
    private final SimulatedClock clock;
    private final UserService users;
    private final FeeService fees;
    private final RequestService requests;

    PopulationReferences(
            DSLContext dsl,
            CodeTables codes,
            SimulatedClock clock,
            UserService users,
            FeeService fees,
            RequestService requests) {
        this.requests = requests;
        this.dsl = dsl;
        this.codes = codes;
        this.clock = clock;
        this.users = users;
        this.fees = fees;
    }

    /** Every loan and fee names a user and item that exist (in the document or already loaded), and items are new. */
    void check(Population population) {
        Set<String> documentUsers = new HashSet<>();
        population.users().stream()
                .map(User::primaryId)
                .filter(id -> id != null)
                .map(UserService::foldId)
                .forEach(documentUsers::add);
        Set<String> documentBarcodes = new HashSet<>();
        Set<String> documentItemPids = new HashSet<>();
        InventoryRepository inventory = new InventoryRepository(dsl);
        for (int i = 0; i < population.items().size(); i++) {
            var item = population.items().get(i);
            String at = "items[" + i + "]";
            PopulationService.required(item.barcode(), at + ".barcode");
            PopulationService.required(item.title(), at + ".title");
            if (item.library() != null && !codes.contains(CodeTables.LIBRARIES, item.library())) {
                throw PopulationService.invalid(
                        at + ": library " + item.library() + " is not in the Libraries code table.");
            }
            if (!documentBarcodes.add(item.barcode())) {
                throw PopulationService.invalid(at + ": barcode " + item.barcode() + " is used twice.");
            }
            if (item.itemPid() != null
                    && (!documentItemPids.add(item.itemPid())
                            || inventory.itemByPid(item.itemPid()).isPresent())) {
                throw PopulationService.invalid(
                        at + ": item_pid " + item.itemPid() + " is used twice or already in the simulator.");
            }
            if ((item.mmsId() != null && inventory.bibExists(item.mmsId()))
                    || (item.holdingId() != null && inventory.holdingExists(item.holdingId()))) {
                throw PopulationService.invalid(
                        at
                                + ": its mms_id or holding_id is already in the simulator; a document adds new bibs and holdings.");
            }
        }
        inventory.pidsByBarcode(documentBarcodes).keySet().stream().findFirst().ifPresent(barcode -> {
            throw PopulationService.invalid("items: barcode " + barcode + " is already in the simulator.");
        });
        List<String> otherUsers = new ArrayList<>(
                population.fees().stream().map(Population.FeeSpec::user).toList());
        population.blockers().forEach(b -> otherUsers.add(b.user()));
        population.requests().forEach(r -> otherUsers.add(r.user()));
        Set<String> knownUsers = known(
                documentUsers,
                population.loans().stream().map(Population.LoanSpec::user).toList(),
                otherUsers);
        Set<String> existingBarcodes = new HashSet<>(inventory
                .pidsByBarcode(population.loans().stream()
                        .map(Population.LoanSpec::barcode)
                        .filter(b -> b != null)
                        .toList())
                .keySet());
        for (int i = 0; i < population.loans().size(); i++) {
            var loan = population.loans().get(i);
            String at = "loans[" + i + "]";
            checkUser(knownUsers, loan.user(), at);
            String barcode = PopulationService.required(loan.barcode(), at + ".barcode");
            if (!documentBarcodes.contains(barcode) && !existingBarcodes.contains(barcode)) {
                throw PopulationService.invalid(at + ": no item has barcode " + barcode + ".");
            }
            LocalDate lent = loan.loanDate() == null ? clock.today() : loan.loanDate();
            if (loan.returned() != null && loan.returned().isBefore(lent)) {
                throw PopulationService.invalid(at + ": returned before it was lent.");
            }
        }
        for (int i = 0; i < population.blockers().size(); i++) {
            var blocker = population.blockers().get(i);
            String at = "blockers[" + i + "]";
            checkUser(knownUsers, blocker.user(), at);
            try {
                BlockerService.kind(blocker.kind());
            } catch (AlmaRefusal e) {
                throw PopulationService.invalid(at + ": " + e.getMessage());
            }
        }
        List<RequestImport> requestImports = PopulationService.requestImports(population);
        for (int i = 0; i < requestImports.size(); i++) {
            RequestImport request = requestImports.get(i);
            String at = "requests[" + i + "]";
            checkUser(knownUsers, request.userId(), at);
            String barcode = PopulationService.required(request.barcode(), at + ".barcode");
            if (!documentBarcodes.contains(barcode) && !existingBarcodes.contains(barcode)) {
                throw PopulationService.invalid(at + ": no item has barcode " + barcode + ".");
            }
            requests.problemWith(request).ifPresent(problem -> {
                throw PopulationService.invalid(at + ": " + problem + ".");
            });
        }
        List<FeeImport> imports = PopulationService.feeImports(population);
        for (int i = 0; i < imports.size(); i++) {
            String at = "fees[" + i + "]";
            checkUser(knownUsers, imports.get(i).userId(), at);
            fees.imports().problemWith(imports.get(i)).ifPresent(problem -> {
                throw PopulationService.invalid(at + ": " + problem + ".");
            });
        }
    }

    private Set<String> known(Set<String> documentUsers, List<String> loanUsers, List<String> feeUsers) {
        Set<String> referenced = new HashSet<>();
        Function<String, String> fold = id -> id == null ? null : UserService.foldId(id);
        loanUsers.stream().map(fold).filter(id -> id != null).forEach(referenced::add);
        feeUsers.stream().map(fold).filter(id -> id != null).forEach(referenced::add);
        referenced.removeAll(documentUsers);
        Set<String> known = new HashSet<>(documentUsers);
        if (!referenced.isEmpty()) {
            known.addAll(users.keysByPrimaryId(dsl, referenced).keySet());
        }
        return known;
    }

    private static void checkUser(Set<String> known, String user, String at) {
        if (user == null) {
            throw PopulationService.invalid(at + ": user is missing.");
        }
        if (!known.contains(UserService.foldId(user))) {
            throw PopulationService.invalid(at + ": no user has primary id " + user + ".");
        }
    }
}
