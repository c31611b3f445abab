package org.almasim.simulator.jobs;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.codes.Code;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.jobs.JobRepository.StoredInstance;
import org.almasim.simulator.links.AlmaLinks;

/** Alma's shapes of a job and of a job's instance, with their links, under the institution's own job ids. */
final class JobViews {
    private final CodeTables codes;
    private final SimulatedClock clock;

    JobViews(CodeTables codes, SimulatedClock clock) {
        this.codes = codes;
        this.clock = clock;
    }

    /** {@code shownIds}: the institution's own ids for almasim's jobs (the settings' job_ids), read once per request. */
    AlmaJob job(JobDefinition job, AlmaLinks links, StoredInstance started, Map<String, String> shownIds) {
        String id = shownIds.getOrDefault(job.id(), job.id());
        String link = links.job(id);
        List<AlmaJob.Parameter> parameters = job.parameters().stream()
                .map(p -> new AlmaJob.Parameter(new Code(p.name(), p.description()), p.defaultValue()))
                .toList();
        AlmaJob.AdditionalInfo info = started == null
                ? null
                : new AlmaJob.AdditionalInfo(
                        "Job no. " + started.id() + " triggered on " + started.submitTime(),
                        links.jobInstance(id, started.id()));
        return new AlmaJob(
                link,
                id,
                job.name(),
                job.description(),
                new Code("MANUAL", "Manual"),
                new Code(job.category(), "Users"),
                new Code("USER", "Users"),
                parameters,
                info);
    }

    JobInstance instance(StoredInstance i, AlmaLinks links, Map<String, String> shownIds) {
        JobDefinition job = catalogued(i.jobId());
        String id = shownIds.getOrDefault(job.id(), job.id());
        String name = JobParameters.stored(i).getOrDefault("job_name", job.name());
        List<JobInstance.Counter> counters = List.of(
                new JobInstance.Counter(
                        new Code("c.jobs.users.recordsProcessed", "Records processed"), String.valueOf(i.processed())),
                new JobInstance.Counter(
                        new Code("c.jobs.users.recordsWithExceptions", "Records with exceptions"),
                        String.valueOf(i.withExceptions())),
                new JobInstance.Counter(
                        new Code("c.jobs.users." + job.kind().name().toLowerCase(Locale.ROOT), job.kind().doneCounter),
                        String.valueOf(i.processed() - i.withExceptions())));
        List<Code> alerts = i.alert() == null ? List.of() : List.of(new Code("ERROR", i.alert()));
        return new JobInstance(
                links.jobInstance(id, i.id()),
                i.id(),
                name,
                // Ex Libris' rest_job_instance: "API for jobs which were initiated by API"; its desc names the
                // submitter.
                new Code(i.submittedBy(), i.submittedBy().equals("exl_api") ? "API" : i.submittedBy()),
                i.submitTime(),
                i.startTime(),
                i.endTime(),
                i.progress(),
                codes.code("JobStatuses", i.status()),
                clock.today(),
                alerts,
                counters,
                new JobInstance.JobInfo(
                        links.job(id),
                        id,
                        job.name(),
                        new Code("MANUAL", "Manual"),
                        new Code(job.category(), "Users")));
    }

    /** The job of a stored instance, which holds almasim's id. */
    static JobDefinition catalogued(String almasimId) {
        return JobCatalog.find(almasimId)
                .orElseThrow(() -> new IllegalStateException("No job " + almasimId + " in the catalogue"));
    }
}
