package org.almasim.simulator.jobs;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.codes.Code;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.faults.FaultRule;
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
    private final UserService users;
    private final JobParameters parameters;
    private final JobViews views;
    private final JobRunner runner = new JobRunner(MAX_RUNNING);

    public JobService(DSLContext dsl, CodeTables codes, SimulatedClock clock, SetService sets, UserService users) {
        this.dsl = dsl;
        this.codes = codes;
        this.clock = clock;
        this.sets = sets;
        this.users = users;
        this.parameters = new JobParameters(dsl, codes, sets);
        this.views = new JobViews(codes, clock);
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
                .map(j -> views.job(j, links, null, shownIds))
                .toList();
        return new JobLists.Jobs(page1, all.size());
    }

    public AlmaJob get(String jobId, AlmaLinks links) {
        return views.job(job(jobId), links, null, InstitutionSettings.jobIds(dsl));
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
        Map<String, String> given = parameters.of(job, body);
        UpdateUsersAction update = job.kind() == JobDefinition.Kind.UPDATE_USERS
                ? UpdateUsersAction.from(given, codes, users, clock.today(), clock.now())
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
                        JobParameters.json(given),
                        0,
                        0,
                        null);
                instances.insert(created);
                return created;
            });
            JobRun.UserAction action = update != null
                    ? update
                    : new PurgeAction(
                            PurgeParameters.of(given).waiveThreshold(), codes.currency(), instance.id(), clock.today());
            runner.submit(new JobRun(
                    dsl,
                    clock,
                    () -> candidates(job, given),
                    action,
                    job.kind().event,
                    instance,
                    runner.gate(),
                    fault));
        }
        return views.job(job, links, instance, InstitutionSettings.jobIds(dsl));
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
                        .map(i -> views.instance(i, links, shownIds))
                        .toList();
        return new JobLists.Instances(page1, instances.count(filter));
    }

    public JobInstance instance(String jobId, String instanceId, AlmaLinks links) {
        return views.instance(stored(jobId, instanceId), links, InstitutionSettings.jobIds(dsl));
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
        return JobReport.csv(stored("ALL", instanceId), new JobRepository(dsl));
    }

    /** Pauses runs after they take hold of their users (control plane); answers whether runs are paused. */
    public boolean pause(boolean paused) {
        return runner.pause(paused);
    }

    /**
     * Waits for running jobs to finish (a reset or shutdown must not pull the database from under them). Holding this
     * service's lock, as {@link #run} does from taking the instance to submitting it, no run starts half-way.
     */
    public synchronized void awaitIdle() {
        runner.awaitIdle();
    }

    @Override
    public void close() {
        runner.close();
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
}
