package org.almasim.simulator.patrons;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.almasim.simulator.blockers.BlockerService;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.deletion.DeletionBlocker;
import org.almasim.simulator.fees.FeeList;
import org.almasim.simulator.fees.FeeService;
import org.almasim.simulator.jobs.PurgeParameters;
import org.almasim.simulator.jobs.PurgeVerdict;
import org.almasim.simulator.jobs.PurgeVerdicts;
import org.almasim.simulator.links.AlmaLinks;
import org.almasim.simulator.loans.LoanList;
import org.almasim.simulator.loans.LoanService;
import org.almasim.simulator.sets.SetService;
import org.almasim.simulator.settings.InstitutionSettings;
import org.almasim.simulator.store.Page;
import org.almasim.simulator.users.UserService;
import org.jooq.DSLContext;

/**
 * The trainer console's view of the patrons (control plane, {@code /almasim/v1/patrons}): a filtered list paged in
 * the database, so it stays quick with a million patrons, and one patron with everything that decides their purge.
 */
public final class PatronDirectory {
    private final DSLContext dsl;
    private final SimulatedClock clock;
    private final UserService users;
    private final LoanService loans;
    private final FeeService fees;
    private final SetService sets;
    private final BlockerService blockers;
    private final CodeTables codes;

    public PatronDirectory(
            DSLContext dsl,
            SimulatedClock clock,
            UserService users,
            LoanService loans,
            FeeService fees,
            SetService sets,
            BlockerService blockers,
            CodeTables codes) {
        this.codes = codes;
        this.dsl = dsl;
        this.clock = clock;
        this.users = users;
        this.loans = loans;
        this.fees = fees;
        this.sets = sets;
        this.blockers = blockers;
    }

    public record PatronPage(
            @JsonProperty("total_record_count") int total,
            @JsonProperty("patron") List<PatronRow> patrons) {}

    public record Summary(
            @JsonProperty("today") String today,
            @JsonProperty("total") int total,
            @JsonProperty("by_status") Map<String, Integer> byStatus) {}

    /**
     * A patron as the console shows them: Alma's user record, active loans and fees, set memberships, what would stop
     * a deletion, and what Purge User Records would do with them today ({@link PurgeVerdicts}, the job's own rules).
     */
    public record PatronDetail(
            @JsonProperty("user") @JsonRawValue String user,
            @JsonProperty("loans") LoanList loans,
            @JsonProperty("fees") FeeList fees,
            @JsonProperty("sets") List<String> sets,
            @JsonProperty("deletion_blocked_by") List<DeletionBlocker> deletionBlockedBy,
            @JsonProperty("purge_job_today") PurgeVerdict purgeJobToday) {}

    public PatronPage search(PatronFilter filter, Page page) {
        var condition = PatronRepository.condition(filter, clock.today(), InstitutionSettings.researchEnabled(dsl));
        PatronRepository patrons = new PatronRepository(dsl);
        return new PatronPage(patrons.count(condition), page.limit() == 0 ? List.of() : patrons.page(condition, page));
    }

    /** Alma's statuses of a user, each counted even at zero: an empty library still answers every one. */
    private static final List<String> STATUSES = List.of("ACTIVE", "INACTIVE");

    public Summary summary() {
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        STATUSES.forEach(status -> byStatus.put(status, 0));
        byStatus.putAll(new PatronRepository(dsl).countsByStatus());
        return new Summary(
                clock.today().toString(),
                byStatus.values().stream().mapToInt(Integer::intValue).sum(),
                byStatus);
    }

    public PatronDetail detail(String primaryId, PurgeParameters assumed, AlmaLinks links) {
        String user = users.document(primaryId, null);
        long key = users.keyOf(dsl, primaryId, null);
        List<DeletionBlocker> blockedBy = blockers.view(primaryId).deletionBlockedBy();
        PurgeVerdict verdict = PurgeVerdicts.of(dsl, key, assumed, clock.today(), codes.currency());
        return new PatronDetail(
                user,
                loans.list(primaryId, null, "ACTIVE", Page.largest(0), null, null, links),
                fees.list(primaryId, null, "ACTIVE", links),
                sets.setsOf(key),
                blockedBy,
                verdict);
    }
}
