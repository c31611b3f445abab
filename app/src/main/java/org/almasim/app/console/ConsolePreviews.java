package org.almasim.app.console;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.almasim.app.console.ConsoleViews.DecisionPage;
import org.almasim.app.console.ConsoleViews.PolicyVerdict;
import org.almasim.app.console.ConsoleViews.PreviewSummary;
import org.almasim.app.console.ConsoleViews.ReasonCount;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaJobs;
import org.almasim.engine.alma.AlmaUsers;
import org.almasim.engine.evaluation.Decision;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.preview.Preview;
import org.almasim.engine.preview.PreviewReport;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.errors.AlmaRefusal;

/** The console's previews: one at a time, the last one kept so the page can page through its decisions. */
final class ConsolePreviews {
    /** Decisions a preview sends the page at once; the rest are paged. */
    static final int DECISIONS_PER_PAGE = 100;

    /** A preview reads every patron: one at a time, so a page reloaded many times cannot pile them up. */
    private final AtomicBoolean previewing = new AtomicBoolean();

    private volatile Optional<PreviewReport> last = Optional.empty();

    /** {@code candidateSets}: the sets the policy reads instead of every patron, if it does. */
    PreviewSummary preview(Supplier<PreviewReport> previewNow, List<String> candidateSets) {
        if (!previewing.compareAndSet(false, true)) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal("A preview is in progress; wait for it to finish.");
        }
        PreviewReport report;
        try {
            report = previewNow.get();
        } finally {
            previewing.set(false);
        }
        last = Optional.of(report);
        Map<Decision.Action, Map<String, Integer>> byAction = new EnumMap<>(Decision.Action.class);
        // Every outcome with its reasons, kept patrons too, as the command line's preview gives them.
        report.decisions()
                .forEach(d -> d.deciding()
                        .forEach(r -> byAction.computeIfAbsent(d.action(), a -> new TreeMap<>())
                                .merge(r.label(), 1, Integer::sum)));
        List<ReasonCount> reasons = new ArrayList<>();
        byAction.forEach((action, labels) ->
                labels.forEach((label, count) -> reasons.add(new ReasonCount(action, label, count))));
        reasons.sort(Comparator.comparing(ReasonCount::patrons).reversed());
        return new PreviewSummary(
                report.policy(),
                report.asOf(),
                report.patrons(),
                report.counts().values().stream().mapToInt(Integer::intValue).sum(),
                candidateSets,
                report.counts(),
                report.safety(),
                reasons,
                report.nearMisses().stream().limit(DECISIONS_PER_PAGE).toList(),
                decisions(Optional.empty(), 0, DECISIONS_PER_PAGE));
    }

    /**
     * One patron as each policy the library runs would judge it today, by the policy's own rules (not the purge job's
     * candidacy): the patron page's verdicts. A policy that cannot be judged says why and the others are still judged.
     */
    static List<PolicyVerdict> verdicts(
            Map<String, Policy> policies, AlmaClient alma, LocalDate today, String primaryId) {
        if (new AlmaUsers(alma).find(primaryId, Map.of()).isEmpty()) {
            throw AlmaError.USER_NOT_FOUND.refusal(primaryId);
        }
        List<PolicyVerdict> verdicts = new ArrayList<>();
        policies.forEach((name, policy) -> {
            List<String> candidateSets = policy.candidateSets().orElse(List.of());
            try {
                Optional<Decision> decision = EngineRefusals.relayed(
                        () -> Preview.one(policy, alma, today, primaryId, AlmaJobs.Ids.ALMASIM.purgeOnSet()));
                verdicts.add(new PolicyVerdict(
                        name, policy.name(), decision.isPresent(), candidateSets, decision, Optional.empty()));
            } catch (AlmaRefusal refused) {
                verdicts.add(new PolicyVerdict(
                        name,
                        policy.name(),
                        false,
                        candidateSets,
                        Optional.empty(),
                        Optional.of(refused.getMessage())));
            }
        });
        return verdicts;
    }

    /** A page of the last preview's decisions, all or those of one action; KEEP decisions only when asked for. */
    DecisionPage decisions(Optional<Decision.Action> action, int offset, int limit) {
        PreviewReport report = last.orElseThrow(() -> AlmaError.PARAMETER_NOT_VALID.refusal("Preview a policy first."));
        List<Decision> chosen = report.decisions().stream()
                .filter(d -> action.map(a -> d.action() == a).orElse(d.action() != Decision.Action.KEEP))
                .toList();
        return new DecisionPage(
                chosen.size(), chosen.stream().skip(offset).limit(limit).toList());
    }

    /** A new library makes the last preview meaningless. */
    void forget() {
        last = Optional.empty();
    }
}
