package org.almasim.engine.preview;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.almasim.engine.evaluation.Decision;
import org.almasim.engine.evaluation.Reason;

/** The same population under two previews (two policies, or one policy on two days): who is treated differently, and why. */
public record PolicyDiff(
        @JsonProperty("a") String a,
        @JsonProperty("b") String b,
        @JsonProperty("patrons") int patrons,
        @JsonProperty("changed") List<Change> changed) {

    /** One patron's decision under each side, with each side's reasons. */
    public record Change(
            @JsonProperty("primary_id") String primaryId,
            @JsonProperty("a") Decision.Action a,
            @JsonProperty("b") Decision.Action b,
            @JsonProperty("a_reasons") List<Reason> aReasons,
            @JsonProperty("b_reasons") List<Reason> bReasons) {}

    public static PolicyDiff of(PreviewReport a, PreviewReport b) {
        Map<String, Decision> left = a.decisions().stream()
                .collect(Collectors.toMap(Decision::primaryId, Function.identity(), (x, y) -> x, LinkedHashMap::new));
        Map<String, Decision> right =
                b.decisions().stream().collect(Collectors.toMap(Decision::primaryId, Function.identity()));
        List<Change> changed = new ArrayList<>();
        for (var entry : left.entrySet()) {
            Decision other = right.get(entry.getKey());
            if (other != null
                    && (other.action() != entry.getValue().action()
                            || !other.newExpiryDate().equals(entry.getValue().newExpiryDate())
                            || !other.newPurgeDate().equals(entry.getValue().newPurgeDate()))) {
                changed.add(new Change(
                        entry.getKey(),
                        entry.getValue().action(),
                        other.action(),
                        entry.getValue().reasons(),
                        other.reasons()));
            }
        }
        return new PolicyDiff(
                a.policy() + " as of " + a.asOf(), b.policy() + " as of " + b.asOf(), left.size(), changed);
    }

    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("A: ").append(a).append("\nB: ").append(b).append('\n');
        out.append(changed.size()).append(" of ").append(patrons).append(" patrons are treated differently.\n");
        for (Change c : changed) {
            out.append('\n')
                    .append(c.primaryId())
                    .append(": ")
                    .append(c.a())
                    .append(" -> ")
                    .append(c.b())
                    .append('\n');
            c.aReasons().forEach(r -> out.append("  A: ").append(r.sentence()).append('\n'));
            c.bReasons().forEach(r -> out.append("  B: ").append(r.sentence()).append('\n'));
        }
        return out.toString();
    }
}
