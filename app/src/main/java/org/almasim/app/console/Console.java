package org.almasim.app.console;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.almasim.app.console.ConsoleViews.DecisionPage;
import org.almasim.app.console.ConsoleViews.History;
import org.almasim.app.console.ConsoleViews.Outcome;
import org.almasim.app.console.ConsoleViews.Overview;
import org.almasim.app.console.ConsoleViews.PolicyVerdict;
import org.almasim.app.console.ConsoleViews.PreviewSummary;
import org.almasim.app.console.ConsoleViews.ScenarioState;
import org.almasim.engine.evaluation.Decision;
import org.almasim.engine.execution.PolicyRun;
import org.almasim.engine.execution.RunReport;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.preview.Preview;
import org.almasim.scenarios.scenario.PolicyCalendar;
import org.almasim.scenarios.scenario.ScenarioPlay;
import org.almasim.scenarios.scenario.ScenarioReader;
import org.almasim.simulator.Institution;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.errors.AlmaError;

/**
 * The trainer console's side that needs the purge engine: shipped policies previewed and run, the clock moved with
 * every scheduled stage firing on its day, shipped scenarios stepped through with their narration, and the history
 * the charts draw. It reaches the simulator only through its REST API and control plane, as any client does.
 * One console per simulator; one thing at a time changes the library, and a change in progress refuses the next one
 * at once. No lock is held across a call to Alma: {@code lock} guards the console's own fields for the moment it takes
 * to read or write them, so a long clock move or a run paused by the job gate never stalls an unrelated request.
 */
public final class Console implements AutoCloseable {
    private static final int NEAR_MISS_DAYS = 30;

    private final Institution institution;
    private final ConsoleLibrary library;
    private final Object lock = new Object();
    private final OneChange change;

    private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "almasim-console-run");
        thread.setDaemon(true);
        return thread;
    });
    private final ToldLines told;
    private final Function<String, Console> members;
    private final ConsoleMemory memory;
    private final ConsoleRuns runs;
    private PolicyCalendar calendar;
    private Optional<ScenarioPlay> play = Optional.empty();
    private List<String> restoredSchedules = List.of();

    /**
     * The console of one institution: its schedules, runs, history and scenario are its own; the clock is shared, and so
     * is {@code told}, the story's lines, since one clock move tells what it did in every member. {@code members} finds
     * another institution's console by its code, for a consortium scenario loaded here.
     */
    Console(Simulator simulator, Institution institution, ToldLines told, Function<String, Console> members) {
        this.institution = institution;
        this.library = new ConsoleLibrary(simulator, institution);
        // A change takes the library's date afresh (another client may have moved the clock), and only then: a reader
        // that moved the calendar's day during a clock move could make it run a day twice.
        this.change = new OneChange(() -> calendar().follow(library.today()), this::save);
        this.told = told;
        this.members = members;
        this.memory =
                new ConsoleMemory(institution.code(), () -> library.control().patronSummary());
        this.runs = memory.runs;
        // The schedules of shipped policies a previous process of this library left: the calendar is made when first
        // needed, once the server listens, since it reaches the library over HTTP.
        this.restoredSchedules = memory.restore(institution.state()).stream()
                .filter(ShippedPolicies.ALL::containsKey)
                .toList();
    }

    /** Saves what the console remembers; called after every change the console makes. */
    private void save() {
        List<String> scheduled;
        synchronized (lock) {
            scheduled = calendar == null
                    ? List.of()
                    : List.copyOf(calendar.policies().keySet());
        }
        memory.save(institution.state(), scheduled);
    }

    public Overview overview() {
        return new Overview(
                today(),
                ShippedPolicies.choices(calendar().policies()),
                ScenarioReader.SHIPPED,
                scenarioState().orElse(null),
                change.current().isPresent(),
                change.current().orElse(null));
    }

    /** Runs or stops running a policy on its schedule whenever the clock moves. */
    public Overview schedule(String name, boolean scheduled) {
        change.during(scheduled ? "scheduling " + name : "unscheduling " + name, () -> {
            if (scheduled) {
                calendar().schedule(name, policy(name));
            } else {
                calendar().unschedule(name);
            }
            return null;
        });
        return overview();
    }

    public PreviewSummary preview(String name) {
        Policy policy = policy(name);
        return memory.previews.preview(
                () -> EngineRefusals.relayed(() -> Preview.of(policy, library.alma(), today(), NEAR_MISS_DAYS)),
                policy.candidateSets().orElse(List.of()));
    }

    /**
     * One patron as each policy the library runs would judge it today, by the policy's own rules (not the purge job's
     * candidacy): the patron page's verdicts. A policy that cannot be judged says why and the others are still judged.
     */
    public List<PolicyVerdict> verdicts(String primaryId) {
        return ConsolePreviews.verdicts(calendar().policies(), library.alma(), today(), primaryId);
    }

    public DecisionPage decisions(Optional<Decision.Action> action, int offset, int limit) {
        return memory.previews.decisions(action, offset, limit);
    }

    /** Starts the policy's stages (all when none are named) in the background; the page follows it with {@link #run}. */
    public ConsoleRun.View startRun(String name, Set<Policy.Stage> stages, PolicyRun.Mode mode) {
        Policy policy = policy(name);
        Set<Policy.Stage> chosen = stages.isEmpty() ? EnumSet.allOf(Policy.Stage.class) : stages;
        LocalDate today = today();
        PolicyCalendar calendar = calendar();
        change.claim("running " + name);
        ConsoleRun run;
        try {
            String stageNames = chosen.stream()
                    .filter(policy.present()::contains)
                    .map(s -> s.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            run = runs.add(
                    id -> new ConsoleRun(id, institution.code(), name, today, stageNames, ConsoleMemory.FROM_CONSOLE));
            background.submit(() -> {
                try {
                    Optional<RunReport> report =
                            calendar.run(name, policy, chosen, mode, ConsoleMemory.FROM_CONSOLE, run);
                    report.ifPresent(done -> {
                        run.finish(done);
                        memory.notPurged.add(done);
                    });
                    run.narrated(told.drain());
                    memory.recordStatus();
                } catch (RuntimeException e) {
                    run.failed(e.getMessage());
                } finally {
                    change.end();
                }
            });
        } catch (RuntimeException e) {
            change.release();
            throw e;
        }
        return run.view();
    }

    public ConsoleRun.View run(String id) {
        return runs.find(id).view();
    }

    public String report(String id, String format) {
        return runs.report(id, format);
    }

    /**
     * Moves the clock on by a day, a week, a month or a year, running every scheduled stage on its day: this
     * institution's, and those of the other institutions' consoles, since the consortium shares one clock. Each of
     * them is claimed for the move, so one that is busy refuses it before the clock moves.
     */
    public Outcome advance(ClockStep step, List<Console> alongside) {
        return change.during(
                "moving the clock on by a " + step.name().toLowerCase(Locale.ROOT),
                institution.code(),
                changes(alongside),
                () -> {
                    PolicyCalendar calendar = calendar();
                    LocalDate to = step.after(calendar.today());
                    ConsoleRuns.Marks before = marks(alongside);
                    List<PolicyCalendar> calendars = new ArrayList<>(List.of(calendar));
                    alongside.forEach(other -> calendars.add(other.calendar()));
                    EngineRefusals.relayed(() -> {
                        PolicyCalendar.advanceTogether(calendars, to);
                        return null;
                    });
                    memory.recordStatus();
                    alongside.forEach(other -> other.memory.recordStatus());
                    return outcome(before, List.of());
                });
    }

    /**
     * Empties the library and starts a shipped scenario: its population, sets and policies, at its start date. A
     * consortium scenario makes (or empties) each member's institution, and each member's console takes that member's
     * calendar: its runs and charts are the member's own, and its policy stays on its schedule there.
     */
    public Outcome loadScenario(String name, List<Console> alongside) {
        if (!ScenarioReader.SHIPPED.contains(name)) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal("No shipped scenario is called '" + name + "' ("
                    + String.join(", ", ScenarioReader.SHIPPED) + ").");
        }
        return change.during("loading the scenario " + name, institution.code(), changes(alongside), () -> {
            ScenarioPlay loaded = EngineRefusals.relayed(() -> {
                library.control().reset();
                ScenarioPlay started = new ScenarioPlay(
                        ScenarioReader.load(name),
                        library.alma(),
                        library.control(),
                        told,
                        member -> member.isEmpty() ? memory.listener : members.apply(member).memory.listener);
                told.drain();
                started.start();
                return started;
            });
            Map<String, PolicyCalendar> memberCalendars = loaded.memberCalendars();
            synchronized (lock) {
                play = Optional.of(loaded);
                calendar = memberCalendars.isEmpty() ? loaded.calendar() : newCalendar();
                memory.forget();
            }
            memory.recordStatus();
            memberCalendars.forEach(
                    (code, memberCalendar) -> members.apply(code).adopt(memberCalendar));
            return outcome(marks(memberConsoles()), List.of());
        });
    }

    /** Takes a consortium scenario's calendar of this member's library: its runs and history begin again with it. */
    private void adopt(PolicyCalendar memberCalendar) {
        synchronized (lock) {
            calendar = memberCalendar;
            play = Optional.empty();
            memory.forget();
        }
        memory.recordStatus();
        save();
    }

    /** Does the loaded scenario's next timeline step, with its narration and the expectations that did not hold. */
    public Outcome step(List<Console> alongside) {
        return change.during("stepping the scenario", institution.code(), changes(alongside), () -> {
            ScenarioPlay current =
                    play().orElseThrow(() -> AlmaError.PARAMETER_NOT_VALID.refusal("Load a scenario first."));
            if (!current.hasNext()) {
                throw AlmaError.PARAMETER_NOT_VALID.refusal("The scenario "
                        + current.scenario().name() + " has no more steps; load it again to replay it.");
            }
            List<Console> memberConsoles = memberConsoles();
            ConsoleRuns.Marks before = marks(memberConsoles);
            List<String> failures = EngineRefusals.relayed(current::step);
            if (!current.hasNext()) {
                current.finish();
            }
            memory.recordStatus();
            memberConsoles.forEach(other -> other.memory.recordStatus());
            return outcome(before, failures);
        });
    }

    /** The consoles of the members of the consortium scenario loaded here; none for a scenario of one library. */
    private List<Console> memberConsoles() {
        return play().map(
                        p -> p.memberCalendars().keySet().stream().map(members).toList())
                .orElse(List.of());
    }

    public History history() {
        return memory.view();
    }

    @Override
    public void close() {
        background.shutdownNow();
    }

    /** How many runs this console and others had before a change: its outcome lists the runs made since, in each. */
    private ConsoleRuns.Marks marks(List<Console> others) {
        List<ConsoleRuns> all = new ArrayList<>(List.of(runs));
        others.forEach(other -> all.add(other.runs));
        return ConsoleRuns.Marks.of(all);
    }

    private Outcome outcome(ConsoleRuns.Marks marks, List<String> failures) {
        return new Outcome(
                today(), told.drain(), marks.made(), failures, scenarioState().orElse(null));
    }

    private Optional<ScenarioState> scenarioState() {
        return play().map(ScenarioState::of);
    }

    private Optional<ScenarioPlay> play() {
        synchronized (lock) {
            return play;
        }
    }

    private static List<OneChange> changes(List<Console> consoles) {
        return consoles.stream().map(console -> console.change).toList();
    }

    private Policy policy(String name) {
        return calendar().policy(name).orElseGet(() -> ShippedPolicies.named(name));
    }

    private LocalDate today() {
        return library.today();
    }

    private PolicyCalendar newCalendar() {
        return new PolicyCalendar(library.alma(), library.control(), told, library.today(), memory.listener);
    }

    private PolicyCalendar calendar() {
        PolicyCalendar current;
        boolean created = false;
        synchronized (lock) {
            if (calendar == null) {
                calendar = newCalendar();
                restoredSchedules.forEach(name -> calendar.schedule(name, ShippedPolicies.ALL.get(name)));
                created = memory.history.isEmpty();
            }
            current = calendar;
        }
        if (created) {
            memory.recordStatus();
        }
        return current;
    }
}
