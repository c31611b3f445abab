package org.almasim.engine.preview;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaJobs;
import org.almasim.engine.evaluation.Reason;
import org.almasim.engine.evaluation.ReasonCode;

/**
 * Whom Alma's purge job refused in its recent runs, and why, read through the Jobs API. Alma's API shows loans and
 * balances, not PO lines, locked records or import profiles; the job's events do. A preview that remembers them
 * reports such a patron as Alma refused them, not as a plain purge.
 */
public final class EarlierRefusals {
    /** How far back runs are read: a little more than a yearly purge's cycle. */
    static final int DAYS = 400;

    private EarlierRefusals() {}

    /** One refusal: the day of the run and Alma's reason. */
    public record Refusal(LocalDate day, String almaReason) {
        public Reason reason() {
            return Reason.of(ReasonCode.REFUSED_BY_ALMA, "day", day, "alma_reason", almaReason);
        }
    }

    /** The latest refusal of each patron in the finished runs of the job over the last {@value #DAYS} days. */
    public static Map<String, Refusal> read(AlmaClient alma, String purgeJobId, LocalDate today) {
        Map<String, Refusal> latest = new HashMap<>();
        AlmaJobs jobs = new AlmaJobs(alma);
        for (JsonNode instance : jobs.instances(purgeJobId, today.minusDays(DAYS), today)) {
            if (!AlmaJobs.completed(instance)) {
                continue;
            }
            LocalDate day =
                    LocalDate.parse(instance.path("submit_time").asText().substring(0, 10));
            for (AlmaJobs.Event event : jobs.events(instance)) {
                Refusal refusal = new Refusal(day, event.description());
                latest.merge(event.primaryId(), refusal, (a, b) -> a.day().isAfter(b.day()) ? a : b);
            }
        }
        return latest;
    }
}
