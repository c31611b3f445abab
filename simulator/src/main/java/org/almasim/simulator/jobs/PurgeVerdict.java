package org.almasim.simulator.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What Purge User Records would do to one patron today: leave them alone (not a candidate, and why), refuse to delete
 * them (every blocker), or delete them (and what the Delete User Policy keeps). Reasons are data with codes; the
 * sentence is rendered here, once, from them.
 */
public record PurgeVerdict(
        @JsonProperty("outcome") Outcome outcome,
        @JsonProperty("reasons") List<Reason> reasons,
        @JsonProperty("assumed") PurgeParameters assumed) {
    public enum Outcome {
        NOT_A_CANDIDATE,
        REFUSED,
        DELETED
    }

    /** One reason, with a stable code, the values it names, and its sentence. */
    public record Reason(
            @JsonProperty("code") String code,
            @JsonProperty("parameters") Map<String, String> parameters,
            @JsonProperty("sentence") String sentence) {}

    /** What a trainer reads: one sentence for the outcome, then each reason's. */
    @JsonProperty("sentence")
    public String sentence() {
        String because = reasons.stream().map(Reason::sentence).collect(Collectors.joining(" "));
        return switch (outcome) {
            case NOT_A_CANDIDATE -> "The purge job would not consider this patron today: " + because;
            case REFUSED -> "The purge job would consider this patron today and refuse to delete them: " + because;
            case DELETED -> "The purge job would delete this patron today. " + because;
        };
    }
}
