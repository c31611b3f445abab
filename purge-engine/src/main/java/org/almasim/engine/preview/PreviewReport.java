package org.almasim.engine.preview;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.almasim.engine.evaluation.Decision;
import org.almasim.engine.evaluation.Reason;

/**
 * What a policy would do to every patron on a day, without doing it: the decisions with their reasons, the counts,
 * the near misses, and whether the policy's safety limits would let the run go ahead. {@code refused_before} holds the
 * purge candidates Alma's purge job refused in a recent run, with the day and Alma's reason (blockers the API cannot
 * show): the run still sends them, and counts them as expected exceptions.
 */
public record PreviewReport(
        @JsonProperty("policy") String policy,
        @JsonProperty("as_of") LocalDate asOf,
        @JsonProperty("patrons") int patrons,
        @JsonProperty("counts") Map<Decision.Action, Integer> counts,
        @JsonProperty("safety") List<String> safety,
        @JsonProperty("near_misses") List<NearMiss> nearMisses,
        @JsonProperty("refused_before") Map<String, Reason> refusedBefore,
        @JsonProperty("decisions") List<Decision> decisions) {

    /**
     * A patron one thing away from a different outcome, and that thing: eligible within days, blocked by a single thing,
     * or refused by Alma before.
     */
    public record NearMiss(
            @JsonProperty("primary_id") String primaryId,
            @JsonProperty("reason") Reason reason) {
        /** The reason as people read it. */
        @JsonProperty("why")
        public String why() {
            return reason.sentence();
        }
    }

    /** Whether the safety limits allow the run (an empty list), or every limit it would break. */
    public boolean safe() {
        return safety.isEmpty();
    }
}
