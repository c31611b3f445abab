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
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.almasim.app.console.ConsoleViews.DecisionPage;
import org.almasim.app.console.ConsoleViews.History;
import org.almasim.app.console.ConsoleViews.Outcome;
import org.almasim.app.console.ConsoleViews.Overview;
import org.almasim.app.console.ConsoleViews.PolicyChoice;
import org.almasim.app.console.ConsoleViews.PreviewSummary;
import org.almasim.app.console.ConsoleViews.Saved;
import org.almasim.app.console.ConsoleViews.ScenarioState;
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
    private final ToldLines told = new ToldLines();
    private final ConsoleRuns runs = new ConsoleRuns();
    private final StatusHistory history = new StatusHistory();
    private final ConsolePreviews previews = new ConsolePreviews();
    private AlmaClient alma;
    private PolicyCalendar calendar;
    private Optional<ScenarioPlay> play = Optional.empty();
    private List<String> restoredSchedules = List.of();

    /** The console of one institution: its schedules, runs, history and scenario are its own; the clock is shared. */
    public Console(Simulator simulator, Institution institution) {
        this.simulator = simulator;
        this.institution = institution;
        restore();
    }

    /** The schedules of shipped policies, the charts' history and the runs a previous process of this library left. */
    private void restore() {
        Saved.readFrom(institution.state()).ifPresent(saved -> {
            history.restore(saved.status());
            saved.runs().forEach(runs::restore);
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
            saved = new Saved(scheduled, history.points(), runs.views());
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
        Optional<ScenarioPlay> current;
        synchronized (lock) {
            current = play;
        }
        current.ifPresent(p -> p.calendar().policies().forEach((name, policy) -> {
            if (choices.stream().noneMatch(c -> c.name().equals(name))) {
                choices.add(PolicyChoice.of(name, policy, true));
            }
        }));
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
                () -> EngineRefusals.relayed(() -> Preview.of(policy, alma(), today(), NEAR_MISS_DAYS)));
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
            run = runs.add(id -> new ConsoleRun(id, name, today, stageNames, FROM_CONSOLE));
            background.submit(() -> {
                try {
                    Optional<RunReport> report = calendar.run(name, policy, chosen, mode, FROM_CONSOLE, run);
                    report.ifPresent(run::finish);
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
        return changing("moving the clock on by a " + step.name().toLowerCase(Locale.ROOT), () -> {
            List<Console> claimed = new ArrayList<>();
            try {
                for (Console other : alongside) {
                    other.begin("moving the clock with " + institution.code());
                    claimed.add(other);
                }
                return advanceNow(step, claimed);
            } finally {
                claimed.forEach(Console::endChange);
            }
        });
    }

    private Outcome advanceNow(ClockStep step, List<Console> alongside) {
        PolicyCalendar calendar = calendar();
        LocalDate to = step.after(calendar.today());
        int before = runs.count();
        List<PolicyCalendar> calendars = new ArrayList<>(List.of(calendar));
        alongside.forEach(other -> calendars.add(other.calendar()));
        EngineRefusals.relayed(() -> {
            PolicyCalendar.advanceTogether(calendars, to);
            return null;
        });
        recordStatus();
        alongside.forEach(Console::recordStatus);
        return outcome(before, List.of());
    }

    /** Empties the library and starts a shipped scenario: its population, sets and policies, at its start date. */
    public Outcome loadScenario(String name) {
        if (!ScenarioReader.SHIPPED.contains(name)) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal("No shipped scenario is called '" + name + "' ("
                    + String.join(", ", ScenarioReader.SHIPPED) + ").");
        }
        return changing("loading the scenario " + name, () -> {
            ScenarioPlay loaded = EngineRefusals.relayed(() -> {
                alma().post("/almasim/v1/reset", Map.of(), null);
                ScenarioPlay started = new ScenarioPlay(ScenarioReader.load(name), alma(), told, listener);
                told.drain();
                started.start();
                return started;
            });
            synchronized (lock) {
                play = Optional.of(loaded);
                calendar = loaded.calendar();
                runs.clear();
                history.clear();
                previews.forget();
            }
            recordStatus();
            return outcome(0, List.of());
        });
    }

    /** Does the loaded scenario's next timeline step, with its narration and the expectations that did not hold. */
    public Outcome step() {
        return changing("stepping the scenario", () -> {
            ScenarioPlay current;
            synchronized (lock) {
                current = play.orElseThrow(() -> AlmaError.PARAMETER_NOT_VALID.refusal("Load a scenario first."));
            }
            if (!current.hasNext()) {
                throw AlmaError.PARAMETER_NOT_VALID.refusal("The scenario "
                        + current.scenario().name() + " has no more steps; load it again to replay it.");
            }
            int before = runs.count();
            List<String> failures = EngineRefusals.relayed(current::step);
            if (!current.hasNext()) {
                current.finish();
            }
            recordStatus();
            return outcome(before, failures);
        });
    }

    public History history() {
        synchronized (lock) {
            return new History(history.points(), runs.views());
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
                runs.add(id -> ConsoleRun.finished(id, ran.policy(), ran.day(), ran.stages(), ran.why(), ran.report()));
            }
        }

        @Override
        public void refused(String policy, LocalDate day, String stages, String why, String reasons) {
            ConsoleRun run = why.equals(FROM_CONSOLE)
                    ? runs.running().orElseThrow()
                    : runs.add(id -> new ConsoleRun(id, policy, day, stages, why));
            run.refused(reasons);
        }
    };

    private Outcome outcome(int runsBefore, List<String> failures) {
        return new Outcome(
                today(),
                told.drain(),
                runs.since(runsBefore),
                failures,
                scenarioState().orElse(null));
    }

    private Optional<ScenarioState> scenarioState() {
        Optional<ScenarioPlay> current;
        synchronized (lock) {
            current = play;
        }
        return current.map(ScenarioState::of);
    }

    private void recordStatus() {
        history.record(alma().get("/almasim/v1/patrons/summary", Map.of()));
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
                calendar = new PolicyCalendar(alma(), told, simulator.clock().today(), listener);
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
                String key = institution
                        .apiKeys()
                        .readWriteKey()
                        .orElseThrow(() -> AlmaError.PARAMETER_NOT_VALID.refusal("The console needs a read-write API"
                                + " key; " + institution.code() + " has only read-only ones."));
                alma = new AlmaClient(simulator.baseUrl(), key);
            }
            return alma;
        }
    }
}
