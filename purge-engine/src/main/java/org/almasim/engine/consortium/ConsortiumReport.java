package org.almasim.engine.consortium;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.almasim.engine.evaluation.Decision;
import org.almasim.engine.execution.RunReport;
import org.almasim.engine.preview.PolicyDiff;
import org.almasim.engine.preview.PreviewReport;

/**
 * A consortium's report: one section per member (its figures and its own full report, or why it stopped) and the
 * consortium's totals over the members that finished. Every figure is counted here, once, from the members' reports.
 */
public record ConsortiumReport(
        @JsonProperty("consortium") String consortium,
        @JsonProperty("policy") String policy,
        @JsonProperty("what") String what,
        @JsonProperty("members") List<MemberSection> members,
        @JsonProperty("totals") Map<String, Integer> totals) {

    /** A member's section: {@code report} is its own run or preview report, absent when it stopped. */
    public record MemberSection(
            @JsonProperty("code") String code,
            @JsonProperty("name") String name,
            @JsonProperty("status") String status,
            @JsonProperty("failure") Optional<String> failure,
            @JsonProperty("figures") Map<String, Integer> figures,
            @JsonProperty("report") Optional<Object> report) {
        public static final String FINISHED = "FINISHED";
        public static final String STOPPED = "STOPPED";

        @JsonIgnore
        public boolean finished() {
            return status.equals(FINISHED);
        }
    }

    /** Members that stopped: a consortium run that is not wholly done (a rerun finishes them). */
    public List<MemberSection> stopped() {
        return members.stream().filter(m -> !m.finished()).toList();
    }

    public static ConsortiumReport ofRuns(
            Consortium consortium, String policy, List<ConsortiumRun.MemberOutcome<RunReport>> outcomes) {
        return of(consortium, policy, "run", outcomes, ConsortiumReport::runFigures);
    }

    public static ConsortiumReport ofPreviews(
            Consortium consortium, String policy, List<ConsortiumRun.MemberOutcome<PreviewReport>> outcomes) {
        return of(consortium, policy, "preview", outcomes, ConsortiumReport::previewFigures);
    }

    public static ConsortiumReport ofDiffs(
            Consortium consortium, String policy, List<ConsortiumRun.MemberOutcome<PolicyDiff>> outcomes) {
        return of(consortium, policy, "comparison", outcomes, ConsortiumReport::diffFigures);
    }

    static Map<String, Integer> diffFigures(PolicyDiff diff) {
        Map<String, Integer> figures = new LinkedHashMap<>();
        figures.put("patrons", diff.patrons());
        figures.put("decisions that differ", diff.changed().size());
        return figures;
    }

    /** A run's figures as the seeds' reports give them; Alma's exceptions and the engine's hold-backs by reason. */
    static Map<String, Integer> runFigures(RunReport run) {
        Map<String, Integer> figures = new LinkedHashMap<>();
        figures.put("dates fixed", run.datesFixed());
        figures.put("marked inactive", run.inactive().done());
        figures.put("purge records processed", run.purge().processed());
        figures.put("purge exceptions", run.purge().exceptions().size());
        figures.put("purged", run.purge().done());
        figures.put("held back", run.purge().heldBack().size());
        run.purge().notDoneByReason().forEach((reason, count) -> figures.put("not purged: " + reason, count));
        return figures;
    }

    static Map<String, Integer> previewFigures(PreviewReport preview) {
        Map<String, Integer> figures = new LinkedHashMap<>();
        figures.put("patrons", preview.patrons());
        for (Decision.Action action : Decision.Action.values()) {
            figures.put(action.name(), preview.counts().getOrDefault(action, 0));
        }
        return figures;
    }

    private static <R> ConsortiumReport of(
            Consortium consortium,
            String policy,
            String what,
            List<ConsortiumRun.MemberOutcome<R>> outcomes,
            Function<R, Map<String, Integer>> figuresOf) {
        Map<String, Integer> totals = new LinkedHashMap<>();
        List<MemberSection> sections = outcomes.stream()
                .map(outcome -> {
                    Map<String, Integer> figures =
                            outcome.result().map(figuresOf).orElse(Map.of());
                    figures.forEach((figure, value) -> totals.merge(figure, value, Integer::sum));
                    return new MemberSection(
                            outcome.member().code(),
                            outcome.member().name(),
                            outcome.finished() ? MemberSection.FINISHED : MemberSection.STOPPED,
                            outcome.failure(),
                            figures,
                            outcome.result().map(Object.class::cast));
                })
                .toList();
        totals.put("members finished", (int)
                sections.stream().filter(MemberSection::finished).count());
        totals.put("members stopped", (int)
                sections.stream().filter(s -> !s.finished()).count());
        return new ConsortiumReport(consortium.name(), policy, what, sections, totals);
    }
}
