package org.almasim.engine.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.almasim.engine.alma.AlmaApiException;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaFees;
import org.almasim.engine.alma.AlmaJobs;
import org.almasim.engine.alma.AlmaSets;
import org.almasim.engine.alma.AlmaUsers;
import org.almasim.engine.alma.InFlight;
import org.almasim.engine.evaluation.Decision;
import org.almasim.engine.evaluation.Decision.Action;
import org.almasim.engine.evaluation.Reason;
import org.almasim.engine.evaluation.ReasonCode;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.preview.Preview;
import org.almasim.engine.preview.PreviewReport;
import org.almasim.engine.progress.ProgressListener;

/**
 * Carries a policy out on an Alma: plan with the preview, refuse what the safety limits forbid, fix dates by GET and
 * PUT of the whole user, then mark inactive and purge, through Alma's jobs on a set or user by user. Each stage works
 * from the Alma's present state, so running again after an interruption finishes the work without doing anything twice.
 */
public final class PolicyRun {
    public enum Mode {
        JOB,
        PER_USER;

        /**
         * A mode as files, the console and the command line write it: {@code job} (the default, when none is given) or
         * {@code per_user} ({@code per-user} too), in any case. Anything else is an IllegalArgumentException saying so.
         */
        public static Mode parse(String text) {
            if (text == null || text.isBlank()) {
                return JOB;
            }
            return switch (text.strip().toLowerCase(Locale.ROOT).replace('-', '_')) {
                case "job" -> JOB;
                case "per_user" -> PER_USER;
                default -> throw new IllegalArgumentException("mode is job or per_user, not '" + text + "'");
            };
        }
    }

    /** The FineFeeTransactionReason a per-user purge waives with (the purge job gives none). */
    private static final String WAIVE_REASON = "OTHER";

    private final AlmaClient alma;
    private final AlmaUsers users;
    private final AlmaJobs.Ids jobs;
    private final AlmaJobs almaJobs;
    private final AlmaSets sets;
    private final ProgressListener progress;
    private final boolean alwaysPredict;

    public PolicyRun(AlmaClient alma, AlmaJobs.Ids jobs, ProgressListener progress) {
        this(alma, jobs, progress, false);
    }

    private PolicyRun(AlmaClient alma, AlmaJobs.Ids jobs, ProgressListener progress, boolean alwaysPredict) {
        this.alma = alma;
        this.users = new AlmaUsers(alma);
        this.jobs = jobs;
        this.almaJobs = new AlmaJobs(alma);
        this.sets = new AlmaSets(alma);
        this.progress = progress;
        this.alwaysPredict = alwaysPredict;
    }

    /** A run that reads every purge candidate's loans and balances first, even where Alma's job is left to decide. */
    public PolicyRun predicting() {
        return new PolicyRun(alma, jobs, progress, true);
    }

    /**
     * Whether the run predicts who Alma will refuse by reading each purge candidate's loans and balances. A purge whose
     * candidates are a logical set, run by Alma's job, is left to the job as OPAL runs it: the job refuses the blocked
     * patrons itself (in almasim as in Alma), so reading them first only repeats, every month, what Alma will say.
     */
    private boolean predicts(Policy policy, Mode mode) {
        return alwaysPredict || mode == Mode.PER_USER || policy.candidateSets().isEmpty();
    }

    public RunReport run(Policy policy, LocalDate today, Mode mode) {
        boolean predicted = predicts(policy, mode);
        PreviewReport plan = Preview.of(policy, alma, today, 0, jobs.purgeOnSet(), predicted);
        if (!plan.safe()) {
            throw new RunRefused(plan.safety());
        }
        Map<String, Integer> planned = new LinkedHashMap<>();
        plan.counts().forEach((action, count) -> planned.put(action.name().toLowerCase(), count));
        planned.put("expected_exceptions", plan.refusedBefore().size());
        // Dates are fixed for every patron whose decision fixes them, a patron purged afterwards included: the plan
        // counts what the run will do, as the report counts what it did.
        planned.put(Action.FIX_DATES.name().toLowerCase(), (int)
                plan.decisions().stream().filter(Decision::fixesDates).count());
        int fixed = fixDates(plan.decisions());
        List<String> inactive = ids(plan.decisions(), Set.of(Action.MARK_INACTIVE));
        // A patron with a blocker the engine can see is never sent to be deleted: it is held back and reported.
        List<String> purge = ids(plan.decisions(), Set.of(Action.PURGE));
        RunReport.StageResult inactiveResult = inactive.isEmpty()
                ? RunReport.StageResult.none()
                : mode == Mode.JOB ? markInactiveByJob(policy, today, inactive) : markInactiveByUser(inactive);
        RunReport.StageResult sent = purge.isEmpty()
                ? RunReport.StageResult.none()
                : mode == Mode.JOB ? purgeByJob(policy, today, purge) : purgeByUser(policy, purge);
        Map<String, List<Reason>> heldBack = new LinkedHashMap<>();
        plan.decisions().stream()
                .filter(d -> d.action() == Action.PURGE_BLOCKED)
                .forEach(d -> heldBack.put(d.primaryId(), d.blockers()));
        RunReport.StageResult purgeResult = sent.holdingBack(heldBack);
        return new RunReport(
                policy.name(),
                today,
                mode.name().toLowerCase(),
                planned,
                fixed,
                inactiveResult,
                purgeResult,
                predicted,
                differences(
                        inactiveResult,
                        predicted ? sent : RunReport.StageResult.none(),
                        plan.refusedBefore().keySet()),
                plan.decisions());
    }

    /** Fix-ups: the whole user as Alma sent it, with only the dates changed, so no field the engine does not know is lost. */
    private int fixDates(List<Decision> decisions) {
        List<Decision> fixes = decisions.stream().filter(Decision::fixesDates).toList();
        progress.stage("fixing dates", fixes.size());
        InFlight.map(fixes, d -> {
            ObjectNode user = users.get(d.primaryId());
            d.newExpiryDate().ifPresent(date -> user.put("expiry_date", AlmaUsers.date(date)));
            d.newPurgeDate().ifPresent(date -> user.put("purge_date", AlmaUsers.date(date)));
            users.put(d.primaryId(), user);
            progress.done(1);
            return d;
        });
        return fixes.size();
    }

    private RunReport.StageResult markInactiveByJob(Policy policy, LocalDate today, List<String> ids) {
        String set = sets.itemized("almasim " + policy.name() + " - inactive", ids);
        return runJob(
                jobs.updateUsers(),
                AlmaJobs.UpdateUsers.status(set, policy.name() + " - mark inactive " + today, "INACTIVE"),
                ids.size());
    }

    /**
     * Sends the purge candidates to the purge-on-a-set job, except those the job refused in an earlier run of this
     * policy today: Alma would refuse them again (a PO line does not go away within the day), and each run counts
     * against Alma's five runs of a job an hour. They are reported with Alma's reason; the next run day tries again.
     */
    private RunReport.StageResult purgeByJob(Policy policy, LocalDate today, List<String> ids) {
        String jobName = policy.name() + " - purge " + today;
        Map<String, Reason> refusedToday = refusedToday(jobs.purgeOnSet(), jobName, today);
        List<String> send =
                ids.stream().filter(id -> !refusedToday.containsKey(id)).toList();
        RunReport.StageResult sent = RunReport.StageResult.none();
        if (!send.isEmpty()) {
            String set = sets.itemized("almasim " + policy.name() + " - purge", send);
            sent = runJob(
                    jobs.purgeOnSet(),
                    new AlmaJobs.PurgeOnSet(
                            set, jobName, Optional.ofNullable(policy.purge()).map(Policy.PurgeStage::waiveThreshold)),
                    send.size());
        }
        Map<String, List<Reason>> notSentAgain = new LinkedHashMap<>();
        ids.stream()
                .filter(refusedToday::containsKey)
                .forEach(id -> notSentAgain.put(id, List.of(refusedToday.get(id))));
        return sent.holdingBack(notSentAgain);
    }

    /** The users finished runs of this job under this name refused today, with Alma's reason. */
    private Map<String, Reason> refusedToday(String jobId, String jobName, LocalDate today) {
        Map<String, Reason> refused = new LinkedHashMap<>();
        for (JsonNode instance : almaJobs.instances(jobId, today, today)) {
            if (instance.path("name").asText().equals(jobName) && AlmaJobs.completed(instance)) {
                almaJobs.events(instance)
                        .forEach(e -> refused.put(
                                e.primaryId(),
                                Reason.of(
                                        ReasonCode.REFUSED_EARLIER_TODAY,
                                        "job_instance",
                                        instance.path("id").asText(),
                                        "alma_reason",
                                        e.description())));
            }
        }
        return refused;
    }

    private RunReport.StageResult markInactiveByUser(List<String> ids) {
        progress.stage("marking inactive", ids.size());
        List<String> failures = InFlight.map(ids, id -> {
            try {
                ObjectNode user = users.get(id);
                user.putObject("status").put("value", "INACTIVE");
                users.put(id, user);
                return null;
            } catch (AlmaApiException e) {
                return e.getMessage();
            } finally {
                progress.done(1);
            }
        });
        Map<String, String> exceptions = outcomes(ids, failures);
        return RunReport.StageResult.of(null, ids.size(), exceptions, Map.of());
    }

    /** The failures of per-user calls by primary id, in the users' order. */
    private static Map<String, String> outcomes(List<String> ids, List<String> failures) {
        Map<String, String> exceptions = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            if (failures.get(i) != null) {
                exceptions.put(ids.get(i), failures.get(i));
            }
        }
        return exceptions;
    }

    /**
     * Deletes user by user. Alma's DELETE refuses any open balance, where its purge job waives balances up to the
     * policy's threshold: so when a DELETE is refused and the balance is within the threshold, the balance is waived,
     * as the job would, and the DELETE sent again, and the run deletes exactly whom the preview predicted in either
     * mode. Only a refused DELETE leads to a waiver, so a patron held by a blocker that Alma's users API does not show
     * (a PO line, a request on the hold shelf) usually keeps the fee; when the balance was not what Alma refused, the
     * waiver stands and the exception says so.
     */
    private RunReport.StageResult purgeByUser(Policy policy, List<String> ids) {
        progress.stage("purging", ids.size());
        BigDecimal threshold =
                policy.purge() == null ? BigDecimal.ZERO : policy.purge().waiveThreshold();
        AlmaFees fees = new AlmaFees(alma);
        List<String> failures = InFlight.map(ids, id -> {
            try {
                Optional<String> refused = delete(id);
                if (refused.isPresent() && threshold.signum() > 0 && fees.waiveIfWithin(id, threshold, WAIVE_REASON)) {
                    return delete(id)
                            .map(why -> "balance waived (within the waive threshold), deletion still refused: " + why)
                            .orElse(null);
                }
                return refused.orElse(null);
            } finally {
                progress.done(1);
            }
        });
        Map<String, String> exceptions = outcomes(ids, failures);
        return RunReport.StageResult.of(null, ids.size(), exceptions, Map.of());
    }

    /** Alma's refusal of the DELETE, if it refused; a user already gone (an earlier, interrupted run) counts as done. */
    private Optional<String> delete(String id) {
        try {
            alma.delete(AlmaUsers.path(id), Map.of());
            return Optional.empty();
        } catch (AlmaApiException e) {
            return e.userNotFound() ? Optional.empty() : Optional.of(e.getMessage());
        }
    }

    /** Runs a job and follows its instance to the end, then collects its counters and every event. */
    private RunReport.StageResult runJob(String jobId, AlmaJobs.Request request, int users) {
        JsonNode instance = almaJobs.run(jobId, request, progress);
        Map<String, String> exceptions = new LinkedHashMap<>();
        almaJobs.events(instance).forEach(e -> exceptions.put(e.primaryId(), e.description()));
        int processed = AlmaJobs.counter(instance, 0, users);
        return RunReport.StageResult.of(instance.path("id").asText(), processed, exceptions, Map.of());
    }

    /**
     * Where Alma disagreed with the plan: every patron it refused that the engine sent believing nothing blocked it (a
     * patron Alma refused in a recent run was expected to be refused again).
     */
    private static List<String> differences(
            RunReport.StageResult inactive, RunReport.StageResult purge, Set<String> expected) {
        List<String> differences = new ArrayList<>();
        purge.exceptions().forEach((id, why) -> {
            if (!expected.contains(id)) {
                differences.add(id + ": refused by Alma, which the engine did not foresee: " + why);
            }
        });
        inactive.exceptions().forEach((id, why) -> differences.add(id + ": could not be marked inactive: " + why));
        return differences;
    }

    private static List<String> ids(List<Decision> decisions, Set<Action> actions) {
        return decisions.stream()
                .filter(d -> actions.contains(d.action()))
                .map(Decision::primaryId)
                .collect(Collectors.toList());
    }
}
