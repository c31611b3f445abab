package org.almasim.simulator.jobs;

import java.util.List;
import java.util.Locale;
import org.almasim.common.csv.SpreadsheetCsv;
import org.almasim.simulator.jobs.JobRepository.StoredInstance;
import org.almasim.simulator.store.Page;

/** A run's report as the control plane gives it: CSV a spreadsheet opens, read a page of events at a time. */
final class JobReport {
    private JobReport() {}

    /** The run's report as CSV: its counters, then one line per user it could not process. */
    static String csv(StoredInstance instance, JobRepository instances) {
        JobDefinition job = JobViews.catalogued(instance.jobId());
        String done = job.kind().doneCounter.toLowerCase(Locale.ROOT).replace(' ', '_');
        StringBuilder csv = new StringBuilder(SpreadsheetCsv.rows(List.of(
                List.of("job", "instance", "status", "records_processed", "records_with_exceptions", done),
                List.of(
                        job.name(),
                        instance.id(),
                        instance.status(),
                        String.valueOf(instance.processed()),
                        String.valueOf(instance.withExceptions()),
                        String.valueOf(instance.processed() - instance.withExceptions())))));
        csv.append('\n').append(SpreadsheetCsv.rows(List.of(List.of("event", "primary_id", "reasons"))));
        int total = instances.eventCount(instance.id());
        for (int offset = 0; offset < total; offset += Page.MAX_LIMIT) {
            csv.append(SpreadsheetCsv.rows(instances.events(instance.id(), Page.largest(offset)).stream()
                    .map(event -> List.of(event.type(), event.userPrimaryId(), event.reasons()))
                    .toList()));
        }
        return csv.toString();
    }
}
