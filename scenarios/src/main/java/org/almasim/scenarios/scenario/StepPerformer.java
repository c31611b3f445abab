package org.almasim.scenarios.scenario;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.almasim.engine.alma.AlmaJobs;
import org.almasim.engine.execution.PolicyRun;
import org.almasim.engine.execution.Reinstatement;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.progress.ProgressListener;

/**
 * Each kind of step, done: the clock through the calendars, staff's and the SIS's doings through the API of the
 * library {@code in} names (every member, for a run by hand that names none).
 */
final class StepPerformer implements TimelineAction.Performer {
    private final List<ScenarioLibrary> all;
    private final List<ScenarioLibrary> in;
    private final Function<String, String> policyName;
    private final ScenarioLibrary library;
    private final PolicyCalendar calendar;
    private final LibraryEvents events;

    /** {@code all} the play's libraries, {@code in} those the step names; {@code policyName} a step's policy's name. */
    StepPerformer(List<ScenarioLibrary> all, List<ScenarioLibrary> in, Function<String, String> policyName) {
        this.all = all;
        this.in = in;
        this.policyName = policyName;
        this.library = in.get(0);
        this.calendar = library.calendar();
        this.events = library.events();
    }

    @Override
    public void advanceTo(TimelineAction.AdvanceTo action) {
        advanceEveryLibraryTo(action.date());
    }

    @Override
    public void advance(TimelineAction.Advance action) {
        advanceEveryLibraryTo(calendar.today().plus(action.period()));
    }

    @Override
    public void run(TimelineAction.RunStage run) {
        scheduled(run.policy());
        Set<Policy.Stage> stages =
                run.stages().isEmpty() ? EnumSet.allOf(Policy.Stage.class) : EnumSet.noneOf(Policy.Stage.class);
        run.stages().forEach(stage -> stages.add(Policy.Stage.valueOf(stage.toUpperCase(Locale.ROOT))));
        for (ScenarioLibrary each : in) {
            each.calendar()
                    .runStages(
                            policyName.apply(run.policy()),
                            stages,
                            PolicyRun.Mode.parse(run.mode()),
                            "run by hand",
                            ProgressListener.NONE);
        }
    }

    @Override
    public void sisLoad(TimelineAction.SisLoad action) {
        events.sisLoad(action);
    }

    @Override
    public void checkout(TimelineAction.Checkout action) {
        events.checkout(action);
    }

    @Override
    public void giveBack(TimelineAction.Return action) {
        events.giveBack(action);
    }

    @Override
    public void fine(TimelineAction.Fine action) {
        events.fine(action);
    }

    @Override
    public void pay(TimelineAction.Pay action) {
        events.pay(action.payment());
    }

    @Override
    public void waive(TimelineAction.Waive action) {
        events.waive(action.payment());
    }

    @Override
    public void reinstate(TimelineAction.Reinstate action) {
        Policy policy = scheduled(action.policy());
        new Reinstatement(library.alma(), AlmaJobs.Ids.ALMASIM)
                .reinstate(policy, action.users(), calendar.today())
                .forEach((id, outcome) -> calendar.say(id + " reinstated: " + outcome));
    }

    /** The step's policy, which a trainer may have unscheduled since the scenario was loaded. */
    private Policy scheduled(String named) {
        String name = policyName.apply(named);
        if (!in.stream().allMatch(each -> each.calendar().policy(name).isPresent())) {
            throw new ScenarioException(
                    "This step",
                    List.of("it runs the policy " + name + ", which is not scheduled any more; schedule it again"
                            + " or load the scenario again"));
        }
        return calendar.policy(name).orElseThrow();
    }

    @Override
    public void addToSet(TimelineAction.AddToSet action) {
        events.changeSet(action.change(), "add_members");
    }

    @Override
    public void removeFromSet(TimelineAction.RemoveFromSet action) {
        events.changeSet(action.change(), "delete_members");
    }

    @Override
    public void faults(TimelineAction.Faults action) {
        events.faults(action.rules());
    }

    /** The consortium's one clock moves every member's calendar together ({@link PolicyCalendar#advanceTogether}). */
    private void advanceEveryLibraryTo(LocalDate target) {
        PolicyCalendar.advanceTogether(
                all.stream().map(ScenarioLibrary::calendar).toList(), target);
    }
}
