package org.almasim.app.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.almasim.engine.evaluation.Reason;
import org.almasim.engine.execution.RunReport;

/**
 * The patrons the console's runs sent to purge and did not purge, by reason, over the console's whole history: Alma's
 * refusals apart from the engine's holds. A patron refused month after month is one patron, not one per run; a patron
 * refused for two reasons counts under each.
 */
final class NotPurgedTally {
    private final Map<String, Set<String>> refusedByAlma = new TreeMap<>();
    private final Map<String, Set<String>> heldBack = new TreeMap<>();

    /** One reason's patrons, as the chart draws them. */
    record ReasonCount(
            @JsonProperty("reason") String reason,
            @JsonProperty("refused_by_alma") int refusedByAlma,
            @JsonProperty("held_back_by_engine") int heldBackByEngine) {}

    /** What is kept across a restart: the patrons' ids by reason, Alma's and the engine's. */
    record Saved(
            @JsonProperty("refused_by_alma") Map<String, Set<String>> refusedByAlma,
            @JsonProperty("held_back") Map<String, Set<String>> heldBack) {}

    synchronized void add(RunReport report) {
        report.purge().exceptions().forEach((id, almaText) -> note(refusedByAlma, id, Reason.fromAlma(almaText)));
        report.purge().heldBack().forEach((id, reasons) -> note(heldBack, id, reasons));
    }

    private static void note(Map<String, Set<String>> byReason, String id, List<Reason> reasons) {
        reasons.stream()
                .map(Reason::label)
                .distinct()
                .forEach(label ->
                        byReason.computeIfAbsent(label, k -> new TreeSet<>()).add(id));
    }

    /** Every reason with its patrons, most patrons first. */
    synchronized List<ReasonCount> counts() {
        Set<String> reasons = new TreeSet<>(refusedByAlma.keySet());
        reasons.addAll(heldBack.keySet());
        List<ReasonCount> counts = new ArrayList<>();
        for (String reason : reasons) {
            counts.add(new ReasonCount(
                    reason,
                    refusedByAlma.getOrDefault(reason, Set.of()).size(),
                    heldBack.getOrDefault(reason, Set.of()).size()));
        }
        counts.sort((a, b) ->
                Integer.compare(b.refusedByAlma() + b.heldBackByEngine(), a.refusedByAlma() + a.heldBackByEngine()));
        return counts;
    }

    synchronized Saved saved() {
        return new Saved(copy(refusedByAlma), copy(heldBack));
    }

    synchronized void restore(Saved saved) {
        saved.refusedByAlma().forEach((reason, ids) -> refusedByAlma.put(reason, new TreeSet<>(ids)));
        saved.heldBack().forEach((reason, ids) -> heldBack.put(reason, new TreeSet<>(ids)));
    }

    synchronized void clear() {
        refusedByAlma.clear();
        heldBack.clear();
    }

    private static Map<String, Set<String>> copy(Map<String, Set<String>> byReason) {
        Map<String, Set<String>> copy = new TreeMap<>();
        byReason.forEach((reason, ids) -> copy.put(reason, new TreeSet<>(ids)));
        return copy;
    }
}
