package org.almasim.engine.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.almasim.common.order.NaturalOrder;
import org.almasim.engine.alma.AlmaApiException;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaJobs;
import org.almasim.engine.alma.AlmaUsers;
import org.almasim.engine.alma.InFlight;
import org.almasim.engine.evaluation.Decision;
import org.almasim.engine.evaluation.Decision.Action;
import org.almasim.engine.evaluation.Evaluation;
import org.almasim.engine.evaluation.Patron;
import org.almasim.engine.evaluation.Reason;
import org.almasim.engine.evaluation.ReasonCode;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.policy.PolicyReferences;

/**
 * Applies a policy to every patron of an Alma, reading only: users a page at a time (or only the members of the
 * policy's candidate sets), loans and balances only for purge candidates (the only patrons they can change the outcome
 * for), and the members of protected sets.
 */
public final class Preview {
    private Preview() {}

    public static PreviewReport of(Policy policy, AlmaClient alma, LocalDate today, int nearDays) {
        return of(policy, alma, today, nearDays, AlmaJobs.Ids.ALMASIM.purgeOnSet());
    }

    /** As above, remembering the refusals of the institution's own purge-on-a-set job. */
    public static PreviewReport of(Policy policy, AlmaClient alma, LocalDate today, int nearDays, String purgeJobId) {
        return of(policy, alma, today, nearDays, purgeJobId, true);
    }

    /**
     * As above; {@code readActivity} false leaves the purge candidates' loans and balances unread, for a run that hands
     * its candidates to Alma's purge job and lets the job refuse the blocked ones (a candidate set's monthly purge).
     */
    public static PreviewReport of(
            Policy policy, AlmaClient alma, LocalDate today, int nearDays, String purgeJobId, boolean readActivity) {
        // Before anything is read for the plan: a name the institution does not know would otherwise protect nobody.
        PolicyReferences.check(policy, alma);
        Map<String, Set<String>> memberships = new HashMap<>();
        for (String set : policy.protect().sets()) {
            for (String id : PatronReader.setMembers(alma, set).orElse(Set.of())) {
                memberships.computeIfAbsent(id, k -> new HashSet<>()).add(set);
            }
        }
        Optional<List<String>> candidateSets = policy.candidateSets();
        boolean purges = policy.purge() != null;
        // A candidate set's purge left to Alma's job needs the job's earlier refusals before choosing whom to read;
        // any other plan reads them only if it has a purge candidate (below), and nobody reads them twice.
        boolean leftToAlma = candidateSets.isPresent() && !readActivity && purges;
        Map<String, EarlierRefusals.Refusal> refusalsReadFirst =
                leftToAlma ? EarlierRefusals.read(alma, purgeJobId, today) : Map.of();
        List<JsonNode> users;
        Set<String> notRead = Set.of();
        int population;
        if (candidateSets.isPresent()) {
            Map<String, Set<String>> bySet = new HashMap<>();
            Set<String> ids = new TreeSet<>();
            for (String set : candidateSets.get()) {
                bySet.put(set, members(alma, set));
                ids.addAll(bySet.get(set));
            }
            if (leftToAlma) {
                notRead = refusedPurgeCandidates(policy, bySet, refusalsReadFirst.keySet());
                ids.removeAll(notRead);
            }
            users = read(alma, ids, readActivity && purges);
            population = alma.get(AlmaClient.API + "/users", Map.of("limit", "1"))
                    .path("total_record_count")
                    .asInt();
        } else {
            users = new ArrayList<>(new AlmaUsers(alma).all());
            population = users.size();
        }
        List<Decision> decisions = new ArrayList<>(InFlight.map(
                users,
                user -> judged(
                        policy,
                        alma,
                        user,
                        memberships.getOrDefault(user.path("primary_id").asText(), Set.of()),
                        today,
                        readActivity)));
        for (String id : notRead) {
            if (!memberships.containsKey(id)) {
                decisions.add(new Decision(id, Action.PURGE, List.of(), Optional.empty(), Optional.empty()));
            }
        }
        Map<String, Reason> refusedBefore = new TreeMap<>();
        if (purges && decisions.stream().anyMatch(d -> d.action() == Action.PURGE)) {
            Map<String, EarlierRefusals.Refusal> refusals =
                    leftToAlma ? refusalsReadFirst : EarlierRefusals.read(alma, purgeJobId, today);
            decisions = decisions.stream()
                    .map(d -> {
                        EarlierRefusals.Refusal refusal = refusals.get(d.primaryId());
                        if (d.action() != Action.PURGE || refusal == null) {
                            return d;
                        }
                        refusedBefore.put(d.primaryId(), refusal.reason());
                        return d.with(refusal.reason());
                    })
                    .toList();
        }
        Map<Action, Integer> counts = new EnumMap<>(Action.class);
        for (Action action : Action.values()) {
            counts.put(action, 0);
        }
        decisions.forEach(d -> counts.merge(d.action(), 1, Integer::sum));
        // As people read ids, and as the console lists them: patron-2 before patron-10.
        decisions = decisions.stream()
                .sorted(Comparator.comparing(Decision::primaryId, NaturalOrder.IDS))
                .toList();
        return new PreviewReport(
                policy.name(),
                today,
                population,
                counts,
                safety(policy, counts, population),
                nearMisses(decisions, nearDays, refusedBefore),
                refusedBefore,
                decisions);
    }

    /**
     * One patron as this policy's preview judges it today, read the same way: the protected sets it is in, its loans and
     * balances when it is a purge candidate, and the purge job's earlier refusal of it. Empty when the policy reads only
     * its candidate sets and the patron is in none of them (the policy does not consider it), or when there is no such
     * patron.
     */
    public static Optional<Decision> one(
            Policy policy, AlmaClient alma, LocalDate today, String primaryId, String purgeJobId) {
        PolicyReferences.check(policy, alma);
        if (policy.candidateSets().isPresent()
                && policy.candidateSets().get().stream()
                        .noneMatch(set -> members(alma, set).contains(primaryId))) {
            return Optional.empty();
        }
        Set<String> sets = new TreeSet<>();
        for (String set : policy.protect().sets()) {
            if (PatronReader.setMembers(alma, set).orElse(Set.of()).contains(primaryId)) {
                sets.add(set);
            }
        }
        return PatronReader.user(alma, primaryId, false).map(user -> {
            Decision decision = judged(policy, alma, user, sets, today, true);
            if (decision.action() != Action.PURGE || policy.purge() == null) {
                return decision;
            }
            EarlierRefusals.Refusal refusal =
                    EarlierRefusals.read(alma, purgeJobId, today).get(primaryId);
            return refusal == null ? decision : decision.with(refusal.reason());
        });
    }

    /** The policy applied to one user as read; loans and balances are read only for a purge candidate. */
    private static Decision judged(
            Policy policy, AlmaClient alma, JsonNode user, Set<String> sets, LocalDate today, boolean readActivity) {
        Patron patron = PatronReader.patron(user, 0, BigDecimal.ZERO, sets);
        Decision decision = Evaluation.of(policy, patron, today);
        // Loans and balances can only change a purge candidate's outcome, so only candidates cost a call.
        return decision.action() == Action.PURGE && readActivity
                ? Evaluation.of(policy, PatronReader.withActivity(alma, patron, user, sets), today)
                : decision;
    }

    /**
     * The members of the policy's candidate sets (Alma logical sets, evaluated as they are read): a weekly stage reads
     * the few patrons it may act on instead of every user. A set that is not there is an error, never an empty
     * selection.
     */
    private static Set<String> members(AlmaClient alma, String set) {
        return PatronReader.setMembers(alma, set)
                .orElseThrow(() -> new AlmaApiException(
                        0, "NO_SET", "The policy's candidate set '" + set + "' does not exist in this Alma"));
    }

    /** Each user whole, with loans and balances when asked; a user gone since its set was read is left out. */
    private static List<JsonNode> read(AlmaClient alma, Set<String> ids, boolean withActivity) {
        List<JsonNode> users = new ArrayList<>();
        for (Optional<ObjectNode> user :
                InFlight.map(new ArrayList<>(ids), id -> PatronReader.user(alma, id, withActivity))) {
            user.ifPresent(users::add);
        }
        return users;
    }

    /**
     * Purge candidates Alma's job refused before and that are still in the purge's candidate set (and not in the
     * inactive stage's): on the path left to Alma's job they are sent again without being read, as OPAL's monthly job
     * meets them again. They met the policy's rules when they were first sent, Alma evaluates the set's query when it
     * is read (a patron whose dates moved on leaves it), and the protected sets are applied to them as to anyone.
     */
    private static Set<String> refusedPurgeCandidates(
            Policy policy, Map<String, Set<String>> membersBySet, Set<String> refused) {
        Set<String> again = new TreeSet<>(membersBySet.get(policy.purge().candidatesSet()));
        again.retainAll(refused);
        if (policy.inactive() != null) {
            again.removeAll(membersBySet.get(policy.inactive().candidatesSet()));
        }
        return again;
    }

    /** Every safety limit a run would break: too many purges, too large a share, or everyone or nobody. */
    static List<String> safety(Policy policy, Map<Action, Integer> counts, int population) {
        List<String> broken = new ArrayList<>();
        int purges = counts.get(Action.PURGE);
        Policy.Safety safety = policy.safety();
        if (safety.maxPurges() != null && purges > safety.maxPurges()) {
            broken.add("would purge " + purges + " patrons, more than max_purges " + safety.maxPurges());
        }
        if (safety.maxShare() != null && population > 0) {
            BigDecimal share =
                    BigDecimal.valueOf(purges).divide(BigDecimal.valueOf(population), 4, RoundingMode.HALF_UP);
            if (share.compareTo(safety.maxShare()) > 0) {
                broken.add("would purge "
                        + share.movePointRight(2).stripTrailingZeros().toPlainString()
                        + "% of patrons, more than max_share "
                        + safety.maxShare().toPlainString());
            }
        }
        if (policy.purge() != null && population > 0 && purges == population && !safety.allowEveryone()) {
            broken.add("would purge every patron (set allow_everyone to mean it)");
        }
        int acted = counts.values().stream().mapToInt(Integer::intValue).sum() - counts.get(Action.KEEP);
        if (population > 0 && acted == 0 && !safety.allowNobody()) {
            broken.add(
                    "selects nobody: no patron would be fixed, marked inactive or purged (set allow_nobody to mean it)");
        }
        return broken;
    }

    /**
     * The patrons one thing away from another outcome, each with that one thing: a candidate Alma refused before (and
     * is expected to refuse again), a blocked candidate with a single blocker, a patron eligible within {@code nearDays}.
     */
    private static List<PreviewReport.NearMiss> nearMisses(
            List<Decision> decisions, int nearDays, Map<String, Reason> refusedBefore) {
        List<PreviewReport.NearMiss> near = new ArrayList<>();
        refusedBefore.forEach((id, reason) -> near.add(new PreviewReport.NearMiss(id, reason)));
        for (Decision d : decisions) {
            if (d.action() == Action.PURGE_BLOCKED && d.blockers().size() == 1) {
                near.add(new PreviewReport.NearMiss(d.primaryId(), d.blockers().get(0)));
            }
            d.reasons().stream()
                    .filter(r -> r.code() == ReasonCode.ELIGIBLE_SOON || r.code() == ReasonCode.ELIGIBLE_AT_LATER_RUN)
                    .filter(r -> ((Number) r.parameters().get("days")).longValue() <= nearDays)
                    .forEach(r -> near.add(new PreviewReport.NearMiss(d.primaryId(), r)));
        }
        return near;
    }
}
