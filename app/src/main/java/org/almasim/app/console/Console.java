package org.almasim.app.console;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.almasim.app.console.ConsoleViews.DecisionPage;
import org.almasim.app.console.ConsoleViews.History;
import org.almasim.app.console.ConsoleViews.Outcome;
import org.almasim.app.console.ConsoleViews.Overview;
import org.almasim.app.console.ConsoleViews.PolicyChoice;
import org.almasim.app.console.ConsoleViews.PolicyVerdict;
import org.almasim.app.console.ConsoleViews.PreviewSummary;
import org.almasim.app.console.ConsoleViews.Saved;
import org.almasim.app.console.ConsoleViews.ScenarioState;
import org.almasim.control.ControlPlane;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.evaluation.Decision;
import org.almasim.engine.execution.PolicyRun;
import org.almasim.engine.execution.RunReport;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.policy.PolicyReader;
import org.almasim.engine.preview.Preview;
import org.almasim.engine.report.RunFormat;
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
    private static final String FROM_CONSOLE = "run from the console";

    /**
     * The shipped policies, read once, when the console first needs them (a class of its own is initialised on first
     * use): reading and checking them costs a serve's start a few hundred milliseconds it need not wait for.
     */
    private static final class Shipped {
        static final Map<String, Policy> POLICIES = PolicyReader.SHIPPED.stream()
                .collect(Collectors.toMap(name -> name, PolicyReader::load, (a, b) -> a, LinkedHashMap::new));
    }

    private final Simulator simulator;
    private final Institution institution;
    private final Object lock = new Object();
    private final OneChange change = new OneChange();

    private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "almasim-console-run");
        thread.setDaemon(true);
        return thread;
    });
    private final ToldLines told;
    private final Function<String, Console> members;
    private final ConsoleRuns runs;
    private final StatusHistory history = new StatusHistory();
    private final ConsolePreviews previews = new ConsolePreviews();
    private final NotPurgedTally notPurged = new NotPurgedTally();
    private AlmaClient alma;
    private PolicyCalendar calendar;
    private Optional<ScenarioPlay> play = Optional.empty();
    private List<String> restoredSchedules = List.of();

    /**
     * The console of one institution: its schedules, runs, history and scenario are its own; the clock is shared, and so
     * is {@code told}, the story's lines, since one clock move tells what it did in every member. {@code members} finds
     * another institution's console by its code, for a consortium scenario loaded here.
     */
    Console(Simulator simulator, Institution institution, ToldLines told, Function<String, Console> members) {
        this.simulator = simulator;
        this.institution = institution;
        this.told = told;
        this.members = members;
        this.runs = new ConsoleRuns(institution.code());
        restore();
    }

    /** The schedules of shipped policies, the charts' history and the runs a previous process of this library left. */
    private void restore() {
        Saved.readFrom(institution.state()).ifPresent(saved -> {
            history.restore(saved.status());
            saved.runs().forEach(runs::restore);
            notPurged.restore(saved.notPurged());
            // The calendar is made when first needed, once the server listens: it reaches the library over HTTP.
            restoredSchedules = saved.scheduled().stream()
                    .filter(Shipped.POLICIES::containsKey)
                    .toList();
        });
    }

    /** Saves what {@link #restore} reads; called after every change the console makes. */
    private void save() {
        Saved saved;
        synchronized (lock) {
            List<String> scheduled = calendar == null
                    ? List.of()
                    : List.copyOf(calendar.policies().keySet());
            saved = new Saved(scheduled, history.points(), runs.views(), notPurged.saved());
        }
        saved.writeTo(institution.state());
    }

    public Overview overview() {
        PolicyCalendar calendar = calendar();
        List<PolicyChoice> choices = new ArrayList<>();
        for (var shipped : Shipped.POLICIES.entrySet()) {
            String name = shipped.getKey();
            Policy policy = shipped.getValue();
            choices.add(PolicyChoice.of(name, policy, calendar.policies().containsKey(name)));
        }
        // A scenario's own policies, and a consortium member's version of a shipped one, are offered as scheduled.
        calendar.policies().forEach((name, policy) -> {
            if (choices.stream().noneMatch(c -> c.name().equals(name))) {
                choices.add(PolicyChoice.of(name, policy, true));
            }
        });
        return new Overview(
                today(),
                choices,
                ScenarioReader.SHIPPED,
                scenarioState().orElse(null),
                busy(),
                change.current().orElse(null));
    }

    /** Runs or stops running a policy on its schedule whenever the clock moves. */
    public Overview schedule(String name, boolean scheduled) {
        changing(scheduled ? "scheduling " + name : "unscheduling " + name, () -> {
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
        return previews.preview(
                () -> EngineRefusals.relayed(() -> Preview.of(policy, alma(), today(), NEAR_MISS_DAYS)),
                policy.candidateSets().orElse(List.of()));
    }

    /**
     * One patron as each policy the library runs would judge it today, by the policy's own rules (not the purge job's
     * candidacy): the patron page's verdicts. A policy that cannot be judged says why and the others are still judged.
     */
    public List<PolicyVerdict> verdicts(String primaryId) {
        return ConsolePreviews.verdicts(calendar().policies(), alma(), today(), primaryId);
    }

    public DecisionPage decisions(Optional<Decision.Action> action, int offset, int limit) {
        return previews.decisions(action, offset, limit);
    }

    /** Starts the policy's stages (all when none are named) in the background; the page follows it with {@link #run}. */
    public ConsoleRun.View startRun(String name, Set<Policy.Stage> stages, PolicyRun.Mode mode) {
        Policy policy = policy(name);
        Set<Policy.Stage> chosen = stages.isEmpty() ? EnumSet.allOf(Policy.Stage.class) : stages;
        LocalDate today = today();
        PolicyCalendar calendar = calendar();
        begin("running " + name);
        ConsoleRun run;
        try {
            String stageNames = chosen.stream()
                    .filter(policy.present()::contains)
                    .map(s -> s.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            run = runs.add(id -> new ConsoleRun(id, institution.code(), name, today, stageNames, FROM_CONSOLE));
            background.submit(() -> {
                try {
                    Optional<RunReport> report = calendar.run(name, policy, chosen, mode, FROM_CONSOLE, run);
                    report.ifPresent(done -> {
                        run.finish(done);
                        notPurged.add(done);
                    });
                    run.narrated(told.drain());
                    recordStatus();
                } catch (RuntimeException e) {
                    run.failed(e.getMessage());
                } finally {
                    endChange();
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
        RunReport report = runs.find(id)
                .report()
                .orElseThrow(() -> AlmaError.PARAMETER_NOT_VALID.refusal("Run " + id + " has no report yet."));
        try {
            return RunFormat.parse(format).render(report);
        } catch (IllegalArgumentException e) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(e.getMessage());
        }
    }

    /**
     * Moves the clock on by a day, a week, a month or a year, running every scheduled stage on its day: this
     * institution's, and those of the other institutions' consoles, since the consortium shares one clock. Each of
     * them is claimed for the move, so one that is busy refuses it before the clock moves.
     */
    public Outcome advance(ClockStep step, List<Console> alongside) {
        return changingAlongside("moving the clock on by a " + step.name().toLowerCase(Locale.ROOT), alongside, () -> {
            PolicyCalendar calendar = calendar();
            LocalDate to = step.after(calendar.today());
            RunMarks before = marks(alongside);
            List<PolicyCalendar> calendars = new ArrayList<>(List.of(calendar));
            alongside.forEach(other -> calendars.add(other.calendar()));
            EngineRefusals.relayed(() -> {
                PolicyCalendar.advanceTogether(calendars, to);
                return null;
            });
            recordStatus();
            alongside.forEach(Console::recordStatus);
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
        return changingAlongside("loading the scenario " + name, alongside, () -> {
            ScenarioPlay loaded = EngineRefusals.relayed(() -> {
                control().reset();
                ScenarioPlay started = new ScenarioPlay(
                        ScenarioReader.load(name),
                        alma(),
                        control(),
                        told,
                        member -> member.isEmpty() ? listener : members.apply(member).listener);
                told.drain();
                started.start();
                return started;
            });
            Map<String, PolicyCalendar> memberCalendars = loaded.memberCalendars();
            synchronized (lock) {
                play = Optional.of(loaded);
                calendar = memberCalendars.isEmpty()
                        ? loaded.calendar()
                        : new PolicyCalendar(
                                alma(), control(), told, simulator.clock().today(), listener);
                runs.clear();
                history.clear();
                previews.forget();
                notPurged.clear();
            }
            recordStatus();
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
            runs.clear();
            history.clear();
            previews.forget();
            notPurged.clear();
        }
        recordStatus();
        save();
    }

    /** Does the loaded scenario's next timeline step, with its narration and the expectations that did not hold. */
    public Outcome step(List<Console> alongside) {
        return changingAlongside("stepping the scenario", alongside, () -> {
            ScenarioPlay current;
            synchronized (lock) {
                current = play.orElseThrow(() -> AlmaError.PARAMETER_NOT_VALID.refusal("Load a scenario first."));
            }
            if (!current.hasNext()) {
                throw AlmaError.PARAMETER_NOT_VALID.refusal("The scenario "
                        + current.scenario().name() + " has no more steps; load it again to replay it.");
            }
            List<Console> memberConsoles = memberConsoles();
            RunMarks before = marks(memberConsoles);
            List<String> failures = EngineRefusals.relayed(current::step);
            if (!current.hasNext()) {
                current.finish();
            }
            recordStatus();
            memberConsoles.forEach(Console::recordStatus);
            return outcome(before, failures);
        });
    }

    /** The consoles of the members of the consortium scenario loaded here; none for a scenario of one library. */
    private List<Console> memberConsoles() {
        Optional<ScenarioPlay> current;
        synchronized (lock) {
            current = play;
        }
        return current.map(
                        p -> p.memberCalendars().keySet().stream().map(members).toList())
                .orElse(List.of());
    }

    public History history() {
        synchronized (lock) {
            return new History(history.points(), runs.views(), notPurged.counts());
        }
    }

    @Override
    public void close() {
        background.shutdownNow();
    }

    /** Hears the calendar's runs: scheduled and scenario ones are recorded here; the console's own already are. */
    private final PolicyCalendar.RunListener listener = new PolicyCalendar.RunListener() {
        @Override
        public void ran(PolicyCalendar.Ran ran) {
            if (!ran.why().equals(FROM_CONSOLE)) {
                runs.add(id -> ConsoleRun.finished(
                        id, institution.code(), ran.policy(), ran.day(), ran.stages(), ran.why(), ran.report()));
                notPurged.add(ran.report());
                // A point on the day of a run that changed the library: the status line steps there. A run that changed
                // nothing (a weekly stage, most weeks) would count the same patrons again.
                RunReport report = ran.report();
                if (report.datesFixed()
                                + report.inactive().done()
                                + report.purge().done()
                        > 0) {
                    recordStatus();
                }
            }
        }

        @Override
        public void refused(String policy, LocalDate day, String stages, String why, String reasons) {
            ConsoleRun run = why.equals(FROM_CONSOLE)
                    ? runs.running().orElseThrow()
                    : runs.add(id -> new ConsoleRun(id, institution.code(), policy, day, stages, why));
            run.refused(reasons);
        }
    };

    /** How many runs this console and others had before a change: its outcome lists the runs made since, in each. */
    private record RunMarks(Map<Console, Integer> before) {}

    private RunMarks marks(List<Console> others) {
        Map<Console, Integer> before = new LinkedHashMap<>();
        before.put(this, runs.count());
        others.forEach(other -> before.put(other, other.runs.count()));
        return new RunMarks(before);
    }

    private Outcome outcome(RunMarks marks, List<String> failures) {
        List<ConsoleRun.View> made = marks.before().entrySet().stream()
                .flatMap(mark -> mark.getKey().runs.since(mark.getValue()).stream())
                .toList();
        return new Outcome(
                today(), told.drain(), made, failures, scenarioState().orElse(null));
    }

    private Optional<ScenarioState> scenarioState() {
        Optional<ScenarioPlay> current;
        synchronized (lock) {
            current = play;
        }
        return current.map(ScenarioState::of);
    }

    private void recordStatus() {
        history.record(control().patronSummary());
    }

    private boolean busy() {
        return change.current().isPresent();
    }

    /**
     * Claims the library for one change, or refuses at once with what is already changing it. The calendar then
     * takes the library's date afresh (another client may have moved the clock), and only here: a reader that moved
     * the calendar's day during a clock move could make it run a day twice.
     */
    private void begin(String what) {
        change.claim(what, () -> calendar().follow(simulator.clock().today()));
    }

    /** A change that claims the other institutions' consoles too, as a move of the consortium's one clock must. */
    private <T> T changingAlongside(String what, List<Console> alongside, Supplier<T> work) {
        return changing(what, () -> {
            List<Console> claimed = new ArrayList<>();
            try {
                for (Console other : alongside) {
                    other.begin(what + " in " + institution.code());
                    claimed.add(other);
                }
                return work.get();
            } finally {
                claimed.forEach(Console::endChange);
            }
        });
    }

    private <T> T changing(String what, Supplier<T> work) {
        begin(what);
        try {
            return work.get();
        } finally {
            endChange();
        }
    }

    private void endChange() {
        save();
        change.release();
    }

    private Policy policy(String name) {
        Optional<Policy> scheduled = calendar().policy(name);
        if (scheduled.isPresent()) {
            return scheduled.get();
        }
        return Optional.ofNullable(Shipped.POLICIES.get(name))
                .orElseThrow(() -> AlmaError.PARAMETER_NOT_VALID.refusal("No shipped policy is called '" + name + "' ("
                        + String.join(", ", Shipped.POLICIES.keySet()) + ")."));
    }

    /** The library's today, taken afresh: another client may have moved the clock since the console last looked. */
    private LocalDate today() {
        return simulator.clock().today();
    }

    private PolicyCalendar calendar() {
        PolicyCalendar current;
        boolean created = false;
        synchronized (lock) {
            if (calendar == null) {
                calendar = new PolicyCalendar(
                        alma(), control(), told, simulator.clock().today(), listener);
                restoredSchedules.forEach(name -> calendar.schedule(name, Shipped.POLICIES.get(name)));
                created = history.isEmpty();
            }
            current = calendar;
        }
        if (created) {
            recordStatus();
        }
        return current;
    }

    private AlmaClient alma() {
        synchronized (lock) {
            if (alma == null) {
                alma = new AlmaClient(simulator.baseUrl(), readWriteKey());
            }
            return alma;
        }
    }

    private ControlPlane control() {
        return ControlPlane.at(simulator.baseUrl(), readWriteKey());
    }

    private String readWriteKey() {
        return institution
                .apiKeys()
                .readWriteKey()
                .orElseThrow(() -> AlmaError.PARAMETER_NOT_VALID.refusal(
                        "The console needs a read-write API key; " + institution.code() + " has only read-only ones."));
    }
}
