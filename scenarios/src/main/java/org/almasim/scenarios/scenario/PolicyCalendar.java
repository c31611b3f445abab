package org.almasim.scenarios.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.almasim.control.ControlPlane;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaJobs;
import org.almasim.engine.alma.AlmaJson;
import org.almasim.engine.evaluation.Decision;
import org.almasim.engine.evaluation.Reason;
import org.almasim.engine.execution.Notices;
import org.almasim.engine.execution.PolicyRun;
import org.almasim.engine.execution.RunRefused;
import org.almasim.engine.execution.RunReport;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.policy.PolicyReferences;
import org.almasim.engine.progress.ProgressListener;

/**
 * The policies a library runs on their schedules, and the simulated days they run on: moving the clock a day at a
 * time runs every stage whose schedule fires and sends every notice that falls due, narrating what happened to whom.
 * A scenario's timeline and the trainer console's clock both move time through here.
 */
public final class PolicyCalendar {
    /** How many patrons a narration names for one outcome of one run before it summarises the rest. */
    private static final int NAMED_PER_OUTCOME = 12;

    private static final ObjectMapper JSON = AlmaJson.MAPPER;

    /** A run the calendar made, scheduled or by hand, with the stages it did. */
    public record Ran(String policy, LocalDate day, String stages, String why, RunReport report) {}

    /** Hears of every run the calendar makes (the console charts them). */
    public interface RunListener {
        void ran(Ran run);

        default void refused(String policy, LocalDate day, String stages, String why, String reasons) {}
    }

    private final AlmaClient alma;
    private final ControlPlane control;
    private final Narration out;
    private final RunListener listener;
    private final Map<String, Policy> policies = new LinkedHashMap<>();
    /** The last run of each stage of each policy: a weekly stage must not hide the numbers of the monthly one. */
    private final Map<String, Map<Policy.Stage, RunReport>> lastRuns = new LinkedHashMap<>();

    private final Map<String, Set<String>> lastRefused = new LinkedHashMap<>();
    private final Map<String, Integer> quietRuns = new LinkedHashMap<>();
    private final Map<String, String> lastRefusal = new LinkedHashMap<>();
    private final Map<String, Integer> refusedAlike = new LinkedHashMap<>();
    private LocalDate today;
    private final String label;

    public PolicyCalendar(AlmaClient alma, ControlPlane control, Narration out, LocalDate today, RunListener listener) {
        this(alma, control, out, today, listener, "");
    }

    /** {@code library} names a consortium's member in the narration (empty for a library of its own). */
    public PolicyCalendar(
            AlmaClient alma,
            ControlPlane control,
            Narration out,
            LocalDate today,
            RunListener listener,
            String library) {
        this.alma = alma;
        this.control = control;
        this.out = out;
        this.today = today;
        this.listener = listener;
        this.label = library.isEmpty() ? "" : library + ": ";
    }

    public void schedule(String name, Policy policy) {
        policies.put(name, policy);
    }

    public void unschedule(String name) {
        policies.remove(name);
    }

    public Map<String, Policy> policies() {
        return Collections.unmodifiableMap(policies);
    }

    public Optional<Policy> policy(String name) {
        return Optional.ofNullable(policies.get(name));
    }

    public LocalDate today() {
        return today;
    }

    public Optional<RunReport> lastRun(String policy, Policy.Stage stage) {
        return Optional.ofNullable(lastRuns.getOrDefault(policy, Map.of()).get(stage));
    }

    /** Sets the library's clock to a day without running anything in between (a scenario's start). */
    public void startOn(LocalDate day) {
        today = day;
        setClock(day);
    }

    /** Takes the library's day as it is now, moved by another client or not, without running anything. */
    public void follow(LocalDate libraryToday) {
        today = libraryToday;
    }

    /**
     * Moves the clock a day at a time, running every policy stage whose schedule fires on the day; a notice goes
     * out on its day, before the run it announces or after the run it reports on.
     */
    public void advanceTo(LocalDate target) {
        checkDueBefore(target);
        moveTo(target);
    }

    /**
     * Checks every policy that falls due on the way to {@code target} against the library (its sets and codes), before
     * the clock moves: a move refused on its fourth day would leave the consortium's clock moved by three.
     */
    public void checkDueBefore(LocalDate target) {
        for (Policy policy : policies.values()) {
            for (LocalDate day = today.plusDays(1); !day.isAfter(target); day = day.plusDays(1)) {
                if (!policy.dueOn(day).isEmpty()) {
                    PolicyReferences.check(policy, alma);
                    break;
                }
            }
        }
    }

    private void moveTo(LocalDate target) {
        while (today.isBefore(target)) {
            LocalDate day = today.plusDays(1);
            for (var policy : policies.entrySet()) {
                List<Notices.Due> notices = Notices.due(policy.getValue(), day);
                Set<Policy.Stage> due = policy.getValue().dueOn(day);
                if (notices.isEmpty() && due.isEmpty()) {
                    continue;
                }
                today = day;
                notices.stream().filter(n -> n.runDate().isAfter(day)).forEach(this::announce);
                if (!due.isEmpty()) {
                    setClock(day);
                    runStages(policy.getKey(), due, PolicyRun.Mode.JOB, "scheduled", ProgressListener.NONE);
                }
                notices.stream().filter(n -> !n.runDate().isAfter(day)).forEach(this::announce);
            }
            today = day;
        }
        setClock(target);
    }

    /**
     * Moves several libraries' calendars to the day together, as a consortium's shared clock moves: each day on which
     * any of them has something due, every calendar is brought to it and runs what falls due before the next day
     * begins. The calendars start on the same day.
     */
    public static void advanceTogether(List<PolicyCalendar> calendars, LocalDate target) {
        calendars.forEach(calendar -> calendar.checkDueBefore(target));
        if (calendars.size() == 1) {
            calendars.get(0).moveTo(target);
            return;
        }
        LocalDate day = calendars.get(0).today();
        while (day.isBefore(target)) {
            day = day.plusDays(1);
            LocalDate on = day;
            if (on.equals(target) || calendars.stream().anyMatch(calendar -> calendar.hasSomethingOn(on))) {
                calendars.forEach(calendar -> calendar.moveTo(on));
            }
        }
    }

    /** Whether moving onto {@code day} would run a stage or tell a notice. */
    public boolean hasSomethingOn(LocalDate day) {
        return policies.values().stream()
                .anyMatch(policy -> !policy.dueOn(day).isEmpty()
                        || !Notices.due(policy, day).isEmpty());
    }

    /**
     * Runs these stages of a scheduled policy today, as its schedule does: a stage with nobody to act on simply does
     * nothing (a weekly stage finds nobody most weeks). Answers the report, or nothing when the policy's limits refused it.
     */
    public Optional<RunReport> runStages(
            String name, Set<Policy.Stage> stages, PolicyRun.Mode mode, String why, ProgressListener progress) {
        return run(name, policies.get(name).allowingNobody(), stages, mode, why, progress);
    }

    /**
     * Runs these stages of a policy, scheduled or not, today, within the policy's own safety limits, as its preview
     * judges them: a run by hand that selects nobody is refused as the preview says it would be, unless the policy allows
     * nobody.
     */
    public Optional<RunReport> run(
            String name,
            Policy whole,
            Set<Policy.Stage> stages,
            PolicyRun.Mode mode,
            String why,
            ProgressListener progress) {
        Policy policy = whole.only(stages);
        String stageNames = String.join(
                ", ",
                stages.stream()
                        .filter(policy.present()::contains)
                        .map(s -> s.name().toLowerCase(Locale.ROOT))
                        .toList());
        try {
            RunReport report = new PolicyRun(alma, AlmaJobs.Ids.ALMASIM, progress).run(policy, today, mode);
            policy.present()
                    .forEach(stage -> lastRuns.computeIfAbsent(name, k -> new LinkedHashMap<>())
                            .put(stage, report));
            listener.ran(new Ran(name, today, stageNames, why, report));
            // A weekly stage finds nobody most weeks, and a patron Alma refuses or the engine holds back is refused
            // month after month: the story tells the runs that changed the library or whose refused patrons changed,
            // and says how many quiet runs it left out.
            boolean changed = report.datesFixed() > 0
                    || report.inactive().done() > 0
                    || report.purge().done() > 0;
            Set<String> refused = new TreeSet<>(report.purge().exceptions().keySet());
            refused.addAll(report.purge().heldBack().keySet());
            String key = name + " " + stageNames;
            tellRefusedAlike(policy, stageNames, key);
            lastRefusal.remove(key);
            Set<String> before = lastRefused.put(key, refused);
            if (changed || !why.equals("scheduled") || !refused.equals(before == null ? Set.of() : before)) {
                int left = quietRuns.getOrDefault(key, 0);
                if (left > 0) {
                    say(policy.name() + ": " + stageNames + ": " + left + " scheduled " + (left == 1 ? "run" : "runs")
                            + " since the last one told changed nothing");
                    quietRuns.remove(key);
                }
                narrate(policy, stageNames, why, mode, report);
            } else {
                quietRuns.merge(key, 1, Integer::sum);
            }
            return Optional.of(report);
        } catch (RunRefused refused) {
            String reasons = String.join("; ", refused.reasons());
            // A policy the safety limits stop is stopped month after month for the same reason: told once, then when
            // the reason changes, with the count of the scheduled runs stopped alike in between.
            String key = name + " " + stageNames;
            boolean again = why.equals("scheduled") && reasons.equals(lastRefusal.get(key));
            if (again) {
                refusedAlike.merge(key, 1, Integer::sum);
            } else {
                tellRefusedAlike(policy, stageNames, key);
                say(policy.name() + " (" + stageNames + ", " + why + ") refused: " + reasons);
            }
            lastRefusal.put(key, reasons);
            listener.refused(name, today, stageNames, why, reasons);
            return Optional.empty();
        }
    }

    /** Says how many scheduled runs were refused as the last one told was, if any were, before the next is told. */
    private void tellRefusedAlike(Policy policy, String stageNames, String key) {
        Integer alike = refusedAlike.remove(key);
        if (alike != null) {
            say(policy.name() + ": " + stageNames + ": " + alike + " more scheduled " + (alike == 1 ? "run" : "runs")
                    + " refused for the same reason");
        }
    }

    public void say(String line) {
        out.line(today + "  " + label + line);
    }

    private void announce(Notices.Due notice) {
        say("notice to " + String.join(", ", notice.to()) + ": "
                + notice.message().strip());
    }

    private void narrate(Policy policy, String stages, String why, PolicyRun.Mode mode, RunReport report) {
        say(policy.name() + ": " + stages + " (" + why + (mode == PolicyRun.Mode.PER_USER ? ", user by user" : "")
                + ")");
        Map<String, List<String>> byOutcome = new LinkedHashMap<>();
        for (Decision d : report.decisions()) {
            String outcome = switch (d.action()) {
                case PURGE ->
                    report.purge().exceptions().containsKey(d.primaryId())
                                    || report.purge().heldBack().containsKey(d.primaryId())
                            ? "refused by Alma"
                            : "purged";
                case PURGE_BLOCKED -> "kept, blocked";
                case MARK_INACTIVE -> "marked inactive";
                case FIX_DATES -> "dates fixed";
                case KEEP -> null;
            };
            if (d.fixesDates() && d.action() != Decision.Action.FIX_DATES) {
                // Its dates were fixed before its other outcome: told under both, as the report counts it; the fix-up
                // is its first reason.
                byOutcome
                        .computeIfAbsent("dates fixed", k -> new ArrayList<>())
                        .add(d.primaryId() + " ("
                                + Reason.join(d.reasons().stream().limit(1).toList()) + ")");
            }
            if (outcome != null) {
                String reason = report.purge().exceptions().containsKey(d.primaryId())
                        ? report.purge().exceptions().get(d.primaryId())
                        : Reason.join(report.purge().heldBack().getOrDefault(d.primaryId(), d.deciding()));
                byOutcome.computeIfAbsent(outcome, k -> new ArrayList<>()).add(d.primaryId() + " (" + reason + ")");
            }
        }
        if (byOutcome.isEmpty()) {
            out.line("              nothing to do");
        }
        byOutcome.forEach((outcome, patrons) -> {
            out.line("              " + outcome + ": " + patrons.size());
            patrons.stream().limit(NAMED_PER_OUTCOME).forEach(p -> out.line("                " + p));
            if (patrons.size() > NAMED_PER_OUTCOME) {
                out.line("                ... and " + (patrons.size() - NAMED_PER_OUTCOME) + " more");
            }
        });
        if (report.purge().jobInstance() != null) {
            out.line("              purge job: " + report.purge().processed() + " processed, "
                    + report.purge().exceptions().size()
                    + " with exceptions, " + report.purge().done() + " purged"
                    + (report.purge().heldBack().isEmpty()
                            ? ""
                            : "; " + report.purge().heldBack().size() + " held back by the engine, not sent"));
            if (!report.predicted()) {
                out.line("              left to Alma's job: loans and fees were not read first, so its refusals are"
                        + " Alma's, not a prediction");
            }
        }
        if (!report.differences().isEmpty()) {
            out.line("              " + report.differences().size()
                    + " of Alma's answers differ from the preview (the refusals "
                    + "above: blockers only Alma can see, such as PO lines or research assets)");
        }
    }

    private void setClock(LocalDate day) {
        control.setToday(day);
    }
}
