package org.almasim.app.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.almasim.engine.evaluation.Reason;
import org.almasim.engine.execution.RunReport;
import org.almasim.engine.progress.ProgressListener;

/**
 * A policy run the console knows of: one a trainer started (followed live, stage by stage) or one the calendar made
 * when the clock passed a schedule. Its figures feed the charts; its report can be downloaded.
 */
final class ConsoleRun implements ProgressListener {
    enum State {
        RUNNING,
        DONE,
        REFUSED,
        FAILED
    }

    private final String id;
    private final String institution;
    private final String policy;
    private final LocalDate day;
    private final String stages;
    private final String why;
    private State state = State.RUNNING;
    private String step = "starting";
    private long total = -1;
    private long done;
    private String problem;
    private RunReport report;
    private Map<String, String> firstExceptions = Map.of();
    private Map<String, Integer> exceptionsByReason = Map.of();
    private List<String> narration = List.of();
    /** What a run from before a restart showed: its figures are kept, its full report is not. */
    private Optional<View> restored = Optional.empty();

    ConsoleRun(String id, String institution, String policy, LocalDate day, String stages, String why) {
        this.id = id;
        this.institution = institution;
        this.policy = policy;
        this.day = day;
        this.stages = stages;
        this.why = why;
    }

    static ConsoleRun finished(
            String id, String institution, String policy, LocalDate day, String stages, String why, RunReport report) {
        ConsoleRun run = new ConsoleRun(id, institution, policy, day, stages, why);
        run.finish(report);
        return run;
    }

    /**
     * A run from before the simulator restarted, as it was last shown; a run still going then is marked failed. A run
     * saved before runs named their institution is this console's.
     */
    static ConsoleRun restored(View saved, String institution) {
        String of = saved.institution() == null ? institution : saved.institution();
        ConsoleRun run = new ConsoleRun(saved.id(), of, saved.policy(), saved.day(), saved.stages(), saved.why());
        View view = new View(
                saved.id(),
                of,
                saved.policy(),
                saved.day(),
                saved.stages(),
                saved.why(),
                saved.state() == State.RUNNING ? State.FAILED : saved.state(),
                saved.step(),
                saved.total(),
                saved.done(),
                saved.state() == State.RUNNING ? "The simulator stopped during this run." : saved.problem(),
                saved.datesFixed(),
                saved.markedInactive(),
                saved.purged(),
                saved.exceptions(),
                saved.heldBack(),
                saved.exceptionsByReason(),
                saved.exception(),
                saved.jobInstances(),
                saved.narration());
        run.state = view.state();
        run.restored = Optional.of(view);
        return run;
    }

    String id() {
        return id;
    }

    synchronized Optional<RunReport> report() {
        return Optional.ofNullable(report);
    }

    synchronized boolean running() {
        return state == State.RUNNING;
    }

    @Override
    public synchronized void stage(String name, long total) {
        this.step = name;
        this.total = total;
        this.done = 0;
    }

    @Override
    public synchronized void done(long count) {
        this.done = count;
    }

    synchronized void finish(RunReport report) {
        this.report = report;
        // Worked out once: the page polls a run and charts every run, and a large run refuses many thousands.
        // The chart and the list show everyone the run did not purge, with why: Alma's refusals and those held back.
        Map<String, String> notPurged = new TreeMap<>(report.purge().exceptions());
        report.purge().heldBack().forEach((id, reasons) -> notPurged.put(id, Reason.join(reasons)));
        this.exceptionsByReason = report.purge().notDoneByReason();
        this.firstExceptions = notPurged.entrySet().stream()
                .limit(ConsolePreviews.DECISIONS_PER_PAGE)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        this.state = State.DONE;
        this.step = "finished";
    }

    synchronized void narrated(List<String> lines) {
        this.narration = List.copyOf(lines);
    }

    synchronized void refused(String why) {
        this.problem = why;
        this.state = State.REFUSED;
    }

    synchronized void failed(String why) {
        this.problem = why;
        this.state = State.FAILED;
    }

    /** What the page shows of a run: where it is, and once done what it did (the first hundred exceptions; all are in the report). */
    record View(
            @JsonProperty("id") String id,
            @JsonProperty("institution") String institution,
            @JsonProperty("policy") String policy,
            @JsonProperty("day") LocalDate day,
            @JsonProperty("stages") String stages,
            @JsonProperty("why") String why,
            @JsonProperty("state") State state,
            @JsonProperty("step") String step,
            @JsonProperty("total") long total,
            @JsonProperty("done") long done,
            @JsonProperty("problem") String problem,
            @JsonProperty("dates_fixed") int datesFixed,
            @JsonProperty("marked_inactive") int markedInactive,
            @JsonProperty("purged") int purged,
            @JsonProperty("exceptions") int exceptions,
            @JsonProperty("held_back") int heldBack,
            @JsonProperty("exceptions_by_reason") Map<String, Integer> exceptionsByReason,
            @JsonProperty("exception") Map<String, String> exception,
            @JsonProperty("job_instances") Map<String, String> jobInstances,
            @JsonProperty("narration") List<String> narration) {}

    synchronized View view() {
        if (restored.isPresent()) {
            return restored.get();
        }
        Map<String, String> instances = new LinkedHashMap<>();
        if (report != null && report.inactive().jobInstance() != null) {
            instances.put("inactive", report.inactive().jobInstance());
        }
        if (report != null && report.purge().jobInstance() != null) {
            instances.put("purge", report.purge().jobInstance());
        }
        return new View(
                id,
                institution,
                policy,
                day,
                stages,
                why,
                state,
                step,
                total,
                done,
                problem,
                report == null ? 0 : report.datesFixed(),
                report == null ? 0 : report.inactive().done(),
                report == null ? 0 : report.purge().done(),
                report == null ? 0 : report.purge().exceptions().size(),
                report == null ? 0 : report.purge().heldBack().size(),
                exceptionsByReason,
                firstExceptions,
                instances,
                narration);
    }
}
