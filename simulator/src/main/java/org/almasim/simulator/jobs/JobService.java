package org.almasim.simulator.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.almasim.common.csv.SpreadsheetCsv;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.codes.Code;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.faults.FaultRule;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.http.Params;
import org.almasim.simulator.jobs.JobRepository.StoredInstance;
import org.almasim.simulator.links.AlmaLinks;
import org.almasim.simulator.sets.SetService;
import org.almasim.simulator.settings.InstitutionSettings;
import org.almasim.simulator.store.AlmaIds;
import org.almasim.simulator.store.Page;
import org.almasim.simulator.users.UserService;
import org.jooq.DSLContext;

/**
 * Alma's jobs: the catalogue, {@code op=run} with Alma's limits, and the instances that runs leave behind.
 * Runs go to a bounded pool in the background and cannot be aborted, as in Alma.
 */
public final class JobService implements AutoCloseable {
    /** The ids of the jobs almasim runs; an institution may give them its own ({@code job_ids} in the settings). */
    public static final Set<String> ALMASIM_JOB_IDS =
            JobCatalog.JOBS.stream().map(JobDefinition::id).collect(Collectors.toUnmodifiableSet());

    /** Alma lets at most three jobs started through the API run at once, and five runs of one job an hour. */
    static final int MAX_RUNNING = 3;

    static final int MAX_RUNS_PER_HOUR = 5;

    private final DSLContext dsl;
    private final CodeTables codes;
    private final SimulatedClock clock;
    private final SetService sets;
    private final ExecutorService pool = Executors.newFixedThreadPool(MAX_RUNNING, runnable -> {
        Thread thread = new Thread(runnable, "almasim-job");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Future<?>> runs = new ArrayList<>();
    private final JobGate gate = new JobGate();

    private final UserService users;

    public JobService(DSLContext dsl, CodeTables codes, SimulatedClock clock, SetService sets, UserService users) {
        this.dsl = dsl;
        this.codes = codes;
        this.clock = clock;
        this.sets = sets;
        this.users = users;
    }

    /** What an instance a crash or a stop left unfinished says, once the simulator starts again. */
    static final String STOPPED = "The simulator stopped while this job was running; the job did not finish.";

    /**
     * Ends the runs a previous process left unfinished (killed, or stopped mid-run) as COMPLETED_FAILED and releases
     * their users: nothing of this process is running yet, so any unfinished instance can never finish.
     */
    public int recoverAfterStop() {
        return dsl.transactionResult(tx -> new JobRepository(tx.dsl()).endUnfinished(clock.now(), STOPPED));
    }

    public JobLists.Jobs list(String type, Page page, AlmaLinks links) {
        if (type != null && !List.of("MANUAL", "SCHEDULED", "OTHER").contains(type.toUpperCase(Locale.ROOT))) {
            throw AlmaError.PARAMETER_VALUE_INVALID.refusal("type " + type + " is not MANUAL, SCHEDULED or OTHER.");
        }
        List<JobDefinition> all = type == null || type.equalsIgnoreCase("MANUAL") ? JobCatalog.JOBS : List.of();
        Map<String, String> shownIds = InstitutionSettings.jobIds(dsl);
        List<AlmaJob> page1 = all.stream()
                .skip(page.offset())
                .limit(page.limit())
                .map(j -> render(j, links, null, shownIds))
                .toList();
        return new JobLists.Jobs(page1, all.size());
    }

    public AlmaJob get(String jobId, AlmaLinks links) {
        return render(job(jobId), links, null, InstitutionSettings.jobIds(dsl));
    }

    /**
     * Starts a run; answers the job with {@code additional_info.link} to the new instance. {@code fault} is a job fault
     * injected into it (JOB_FAILED, JOB_STUCK), if any.
     */
    public AlmaJob run(
            String jobId, String op, AlmaJob body, String submittedBy, AlmaLinks links, Optional<FaultRule> fault) {
        JobDefinition job = job(jobId);
        if (op == null) {
            throw AlmaError.OPERATION_MISSING.refusal();
        }
        if (!op.equalsIgnoreCase("run")) {
            throw AlmaError.OPERATION_NOT_SUPPORTED.refusal(op);
        }
        Map<String, String> parameters = parameters(job, body);
        UpdateUsersAction update = job.kind() == JobDefinition.Kind.UPDATE_USERS
                ? UpdateUsersAction.from(parameters, codes, users, clock.today(), clock.now())
                : null;
        StoredInstance instance;
        synchronized (this) {
            instance = dsl.transactionResult(tx -> {
                JobRepository instances = new JobRepository(tx.dsl());
                if (instances.running() >= MAX_RUNNING) {
                    throw AlmaError.TOO_MANY_RUNNING_JOBS.refusal(MAX_RUNNING);
                }
                if (instances.running(job.id()) > 0) {
                    throw AlmaError.JOB_OVERLAPS.refusal(job.name());
                }
                Instant now = clock.now();
                if (instances.submittedSince(job.id(), now.minus(Duration.ofHours(1))) >= MAX_RUNS_PER_HOUR) {
                    throw AlmaError.TOO_MANY_RUNS_AN_HOUR.refusal(MAX_RUNS_PER_HOUR);
                }
                StoredInstance created = new StoredInstance(
                        AlmaIds.next(tx.dsl()),
                        job.id(),
                        "QUEUED",
                        0,
                        submittedBy,
                        now,
                        null,
                        null,
                        json(parameters),
                        0,
                        0,
                        null);
                instances.insert(created);
                return created;
            });
            runs.removeIf(Future::isDone);
            JobRun.UserAction action = update != null
                    ? update
                    : new PurgeAction(
                            PurgeParameters.of(parameters).waiveThreshold(),
                            codes.currency(),
                            instance.id(),
                            clock.today());
            runs.add(pool.submit(new JobRun(
                    dsl, clock, () -> candidates(job, parameters), action, job.kind().event, instance, gate, fault)));
        }
        return render(job, links, instance, InstitutionSettings.jobIds(dsl));
    }

    private Map<Long, String> candidates(JobDefinition job, Map<String, String> parameters) {
        if (job.kind() != JobDefinition.Kind.PURGE_BY_DATE) {
            return sets.memberIds(dsl, parameters.get("set_id"));
        }
        return new JobRepository(dsl)
                .purgeCandidates(PurgeParameters.of(parameters).candidates(clock.today()));
    }

    /** How many job instances the institution has run, and the newest, for the consortium's overview. */
    public record Runs(int count, Optional<JobInstance> newest) {}

    public Runs runs() {
        JobLists.Instances newest = instances("ALL", null, null, null, new Page(1, 0), new AlmaLinks(""));
        return new Runs(newest.totalRecordCount(), newest.jobInstance().stream().findFirst());
    }

    /** A job's instances, newest first; the control plane's {@code ALL} lists every job's. */
    public JobLists.Instances instances(
            String jobId, String status, String from, String to, Page page, AlmaLinks links) {
        String only = "ALL".equalsIgnoreCase(jobId) ? null : job(jobId).id();
        if (status != null && !codes.contains("JobStatuses", status.toUpperCase(Locale.ROOT))) {
            throw AlmaError.PARAMETER_VALUE_INVALID.refusal("status " + status + ".");
        }
        var filter = JobRepository.filter(
                only, status == null ? null : status.toUpperCase(Locale.ROOT), date(from), date(to));
        JobRepository instances = new JobRepository(dsl);
        Map<String, String> shownIds = InstitutionSettings.jobIds(dsl);
        List<JobInstance> page1 = page.limit() == 0
                ? List.of()
                : instances.list(filter, page).stream()
                        .map(i -> render(i, links, shownIds))
                        .toList();
        return new JobLists.Instances(page1, instances.count(filter));
    }

    public JobInstance instance(String jobId, String instanceId, AlmaLinks links) {
        return render(stored(jobId, instanceId), links, InstitutionSettings.jobIds(dsl));
    }

    public JobLists.Events events(String jobId, String instanceId, Page page) {
        StoredInstance instance = stored(jobId, instanceId);
        JobRepository instances = new JobRepository(dsl);
        List<JobLists.Event> events = page.limit() == 0
                ? List.of()
                : instances.events(instance.id(), page).stream()
                        .map(e -> new JobLists.Event(
                                new Code(
                                        e.type()
                                                .toUpperCase(Locale.ROOT)
                                                .replace(' ', '_')
                                                .replace("/", "_"),
                                        e.type()),
                                Code.of(e.userPrimaryId()),
                                e.reasons()))
                        .toList();
        // A run that finished its work has one event for each record with exceptions, and they never change: counting
        // them again for every page of a long report cost a scan per page. A failed or running one is counted.
        boolean finishedItsWork =
                Set.of("COMPLETED_SUCCESS", "COMPLETED_WARNING").contains(instance.status());
        int total = finishedItsWork ? instance.withExceptions() : instances.eventCount(instance.id());
        return new JobLists.Events(events, total);
    }

    /** The run's report as CSV: its counters, then one line per user it could not process. */
    public String reportCsv(String instanceId) {
        StoredInstance instance = stored("ALL", instanceId);
        JobRepository instances = new JobRepository(dsl);
        JobDefinition job = catalogued(instance.jobId());
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
        for (int offset = 0; offset < total; offset += 100) {
            csv.append(SpreadsheetCsv.rows(instances.events(instance.id(), new Page(100, offset)).stream()
                    .map(event -> List.of(event.type(), event.userPrimaryId(), event.reasons()))
                    .toList()));
        }
        return csv.toString();
    }

    /** Pauses runs after they take hold of their users (control plane); answers whether runs are paused. */
    public boolean pause(boolean paused) {
        if (paused) {
            gate.pause();
        } else {
            gate.resume();
        }
        return gate.paused();
    }

    /** Waits for running jobs to finish (a reset or shutdown must not pull the database from under them); resumes paused runs. */
    public synchronized void awaitIdle() {
        gate.resume();
        for (var run : runs) {
            try {
                run.get(5, TimeUnit.MINUTES);
            } catch (Exception e) {
                // A failed run has recorded its failure on its instance; waiting is all that is needed here.
            }
        }
        runs.clear();
    }

    @Override
    public void close() {
        awaitIdle();
        pool.shutdown();
    }

    private Map<String, String> parameters(JobDefinition job, AlmaJob body) {
        Map<String, String> given = new LinkedHashMap<>();
        for (AlmaJob.Parameter p : body == null ? List.<AlmaJob.Parameter>of() : body.parameter()) {
            if (p.name() == null) {
                throw AlmaError.MANDATORY_PARAMETER_MISSING.refusal("a parameter has no name.");
            }
            given.put(p.name().value(), p.value() == null || p.value().equalsIgnoreCase("Null") ? null : p.value());
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (JobDefinition.ParameterSpec spec : job.parameters()) {
            boolean named = given.containsKey(spec.name());
            String value = given.remove(spec.name());
            if (spec.mandatory() && !named) {
                throw AlmaError.MANDATORY_PARAMETER_MISSING.refusal("" + spec.name() + ".");
            }
            if (spec.mandatory() && value == null) {
                throw AlmaError.MANDATORY_PARAMETER_EMPTY.refusal("" + spec.name() + ".");
            }
            if (value != null || spec.defaultValue() != null) {
                parameters.put(spec.name(), value != null ? value : spec.defaultValue());
            }
        }
        if (!given.isEmpty()) {
            throw AlmaError.MANDATORY_PARAMETER_MISSING.refusal(
                    "unknown parameter " + given.keySet() + "; " + job.name() + " takes "
                            + job.parameters().stream()
                                    .map(JobDefinition.ParameterSpec::name)
                                    .toList() + ".");
        }
        check(parameters);
        return parameters;
    }

    private void check(Map<String, String> parameters) {
        String grace = parameters.get("number_of_days_after_purge_date");
        if (grace != null && !grace.matches("\\d{1,5}")) {
            throw AlmaError.PARAMETER_VALUE_INVALID.refusal(
                    "number_of_days_after_purge_date must be a whole number of days.");
        }
        String threshold = parameters.get("waive_threshold");
        if (threshold != null && !Params.isMoney(threshold)) {
            throw AlmaError.PARAMETER_VALUE_INVALID.refusal("waive_threshold must be an amount of zero or more.");
        }
        String group = parameters.get("user_group");
        if (group != null && !codes.contains(CodeTables.USER_GROUPS, group)) {
            throw AlmaError.PARAMETER_VALUE_INVALID.refusal("user_group " + group + " is not a user group.");
        }
        String setId = parameters.get("set_id");
        if (setId != null) {
            sets.memberIds(dsl, setId);
        }
    }

    /** A job by almasim's id or by the institution's own id for it ({@code job_ids} in the settings). */
    private JobDefinition job(String jobId) {
        if (jobId == null || !jobId.matches("[A-Za-z]\\d+")) {
            throw AlmaError.JOB_ID_FORMAT_INVALID.refusal(jobId);
        }
        String almasimId = InstitutionSettings.jobIds(dsl).entrySet().stream()
                .filter(e -> e.getValue().equalsIgnoreCase(jobId))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(jobId);
        return JobCatalog.find(almasimId).orElseThrow(() -> AlmaError.JOB_ID_INVALID.refusal(jobId));
    }

    /** The job of a stored instance, which holds almasim's id. */
    private static JobDefinition catalogued(String almasimId) {
        return JobCatalog.find(almasimId)
                .orElseThrow(() -> new IllegalStateException("No job " + almasimId + " in the catalogue"));
    }

    private StoredInstance stored(String jobId, String instanceId) {
        String almasimId = "ALL".equalsIgnoreCase(jobId) ? null : job(jobId).id();
        return new JobRepository(dsl)
                .find(instanceId)
                .filter(i -> almasimId == null || i.jobId().equalsIgnoreCase(almasimId))
                .orElseThrow(() -> AlmaError.JOB_INSTANCE_ID_INVALID.refusal(instanceId));
    }

    private static LocalDate date(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw AlmaError.DATE_FORMAT_INVALID.refusal(text);
        }
    }

    /** {@code shownIds}: the institution's own ids for almasim's jobs (the settings' job_ids), read once per request. */
    private AlmaJob render(JobDefinition job, AlmaLinks links, StoredInstance started, Map<String, String> shownIds) {
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

    private JobInstance render(StoredInstance i, AlmaLinks links, Map<String, String> shownIds) {
        JobDefinition job = catalogued(i.jobId());
        String id = shownIds.getOrDefault(job.id(), job.id());
        String name = parameters(i).getOrDefault("job_name", job.name());
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

    private static Map<String, String> parameters(StoredInstance instance) {
        try {
            return AlmaFormats.JSON.readValue(
                    instance.parameters(), new TypeReference<LinkedHashMap<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored job parameters could not be read", e);
        }
    }

    private static String json(Map<String, String> parameters) {
        try {
            return AlmaFormats.JSON.writeValueAsString(parameters);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
