package org.almasim.engine.execution;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.almasim.engine.evaluation.Decision;

/**
 * A policy run: what the preview planned beside what Alma did, and every difference between the exceptions the
 * engine predicted and the ones Alma reported. {@code decisions} holds the plan's decision for every patron, with its
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
        @JsonProperty("differences") List<String> differences,
        @JsonIgnore List<Decision> decisions) {

    /** One stage as Alma did it: records processed, the exceptions with their reasons, and the users it changed. */
    public record StageResult(
            @JsonProperty("job_instance") String jobInstance,
            @JsonProperty("processed") int processed,
            @JsonProperty("exceptions") Map<String, String> exceptions,
            @JsonProperty("done") int done) {
        static StageResult none() {
            return new StageResult(null, 0, Map.of(), 0);
        }
    }
}
