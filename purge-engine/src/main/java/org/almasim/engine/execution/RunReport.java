package org.almasim.engine.execution;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.almasim.engine.evaluation.Decision;
import org.almasim.engine.evaluation.Reason;

/**
 * A policy run: what the preview planned beside what Alma did, and every difference between the exceptions the
 * engine predicted and the ones Alma reported. {@code predicted} is false when the run left the purge candidates' loans
 * and balances to Alma's job (a candidate set's purge, run by the job): Alma's exceptions are then reported, not
 * compared with a prediction. {@code decisions} holds the plan's decision for every patron, with its
 * reasons, for callers that narrate a run; reports leave it out.
 */
public record RunReport(
        @JsonProperty("policy") String policy,
        @JsonProperty("as_of") LocalDate asOf,
        @JsonProperty("mode") String mode,
        @JsonProperty("planned") Map<String, Integer> planned,
        @JsonProperty("dates_fixed") int datesFixed,
        @JsonProperty("inactive") StageResult inactive,
        @JsonProperty("purge") StageResult purge,
        @JsonProperty("predicted") boolean predicted,
        @JsonProperty("differences") List<String> differences,
        @JsonIgnore List<Decision> decisions) {

    /**
     * One stage's counts, each defined here once: records Alma processed, the records among them it could not (with
     * Alma's reasons), and so those it did ({@code done} = processed - exceptions, as the FLVC guide teaches staff to
     * read a job report); apart from them, the patrons the engine held back and never sent (a blocker it can see, or a
     * refusal by Alma earlier the same day), with why. {@code not_done_by_reason} counts everyone of the stage not
     * done (exceptions and held back) under each reason's label, each patron once per reason.
     */
    public record StageResult(
            @JsonProperty("job_instance") String jobInstance,
            @JsonProperty("processed") int processed,
            @JsonProperty("exceptions") Map<String, String> exceptions,
            @JsonProperty("done") int done,
            @JsonProperty("held_back") Map<String, List<Reason>> heldBack,
            @JsonProperty("not_done_by_reason") Map<String, Integer> notDoneByReason) {
        static StageResult none() {
            return of(null, 0, Map.of(), Map.of());
        }

        static StageResult of(
                String jobInstance, int processed, Map<String, String> exceptions, Map<String, List<Reason>> heldBack) {
            Map<String, Integer> byReason = new TreeMap<>();
            Stream.concat(exceptions.values().stream().map(Reason::fromAlma), heldBack.values().stream())
                    .forEach(reasons -> reasons.stream()
                            .map(Reason::label)
                            .distinct()
                            .forEach(label -> byReason.merge(label, 1, Integer::sum)));
            return new StageResult(
                    jobInstance,
                    processed,
                    Collections.unmodifiableMap(new LinkedHashMap<>(exceptions)),
                    processed - exceptions.size(),
                    Collections.unmodifiableMap(new LinkedHashMap<>(heldBack)),
                    Collections.unmodifiableMap(byReason));
        }

        /** The same stage with more patrons held back. */
        StageResult holdingBack(Map<String, List<Reason>> more) {
            Map<String, List<Reason>> all = new LinkedHashMap<>(more);
            all.putAll(heldBack);
            return of(jobInstance, processed, exceptions, all);
        }
    }
}
