package org.almasim.scenarios.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.almasim.control.ControlPlane;
import org.almasim.control.ControlPlaneException;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaJobs;
import org.almasim.engine.alma.AlmaJson;
import org.almasim.engine.consortium.Consortium;
import org.almasim.engine.execution.PolicyRun;
import org.almasim.engine.execution.Reinstatement;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.policy.PolicyReader;
import org.almasim.engine.policy.YamlLines;
import org.almasim.engine.progress.ProgressListener;
import org.almasim.simulator.Institution;

/**
 * One playing of a scenario against a library reached through its REST API, a step at a time: {@link #start()} loads
 * the population, sets and policies; each {@link #step()} does one timeline step and checks its expectations;
 * {@link #finish()} sums up. The runner plays it through; the trainer console steps through it.
 */
public final class ScenarioPlay {
    private static final ObjectMapper JSON = AlmaJson.MAPPER;

    private final Scenario scenario;
    private final ScenarioReader.Loaded loaded;
    private final AlmaClient alma;
    private final ControlPlane control;
    private final Narration out;
    /** Who hears of each library's runs, by member code (empty for a scenario of one library). */
    private final Function<String, PolicyCalendar.RunListener> listeners;
    /** The library the scenario plays in, or each member's of a consortium scenario, in the file's order. */
    private final List<Library> libraries = new ArrayList<>();

    private final List<String> failures = new ArrayList<>();
    private int expectations;
    private int unmet;
    private int next;

    /**
     * One library of the play: its client, its calendar of policies, its events and its checks. {@code member} is
     * absent for a scenario of one library.
     */
    private record Library(
            Optional<Scenario.Member> member,
            AlmaClient alma,
            ControlPlane control,
            PolicyCalendar calendar,
            LibraryEvents events,
            Expectations checks) {}

    /** {@code out} hears the narration; {@code listener} hears of every policy run. */
    public ScenarioPlay(
            ScenarioReader.Loaded loaded,
            AlmaClient alma,
            ControlPlane control,
            Narration out,
            PolicyCalendar.RunListener listener) {
        this(loaded, alma, control, out, member -> listener);
    }

    /**
     * {@code listeners} names who hears of the runs in each member's library, by its code, once the member's
     * institution exists (the empty code for a scenario of one library): a console keeps each member's runs apart.
     */
    public ScenarioPlay(
            ScenarioReader.Loaded loaded,
            AlmaClient alma,
            ControlPlane control,
            Narration out,
            Function<String, PolicyCalendar.RunListener> listeners) {
        this.loaded = loaded;
        this.scenario = loaded.scenario();
        this.alma = alma;
        this.control = control;
        this.out = out;
        this.listeners = listeners;
        if (scenario.members().isEmpty()) {
            libraries.add(library(Optional.empty(), alma, control));
        }
    }

    private Library library(Optional<Scenario.Member> member, AlmaClient client, ControlPlane memberControl) {
        PolicyCalendar calendar = new PolicyCalendar(
                client,
                memberControl,
                out,
                scenario.start(),
                listeners.apply(member.map(Scenario.Member::code).orElse("")),
                member.map(Scenario.Member::code).orElse(""));
        return new Library(
                member,
                client,
                memberControl,
                calendar,
                new LibraryEvents(client, memberControl, loaded, calendar::say),
                new Expectations(
                        client,
                        out,
                        (policy, stage) ->
                                calendar.lastRun(policyName(policy), stage).orElse(null),
                        this::policyName));
    }

    public Scenario scenario() {
        return scenario;
    }

    /** The calendar of the scenario's library (of its first member, in a consortium scenario). */
    public PolicyCalendar calendar() {
        return libraries.get(0).calendar();
    }

    /** Each member's calendar by its code, in the file's order, once started; empty for a scenario of one library. */
    public Map<String, PolicyCalendar> memberCalendars() {
        Map<String, PolicyCalendar> calendars = new LinkedHashMap<>();
        libraries.forEach(library -> library.member().ifPresent(m -> calendars.put(m.code(), library.calendar())));
        return calendars;
    }

    /** The index of the next timeline step, or the timeline's length once every step is done. */
    public int nextStep() {
        return next;
    }

    public boolean hasNext() {
        return next < scenario.timeline().size();
    }

    public void start() {
        out.line("== " + scenario.name() + " ==");
        if (scenario.description() != null) {
            out.line(scenario.description().strip());
        }
        scenario.members().forEach(member -> {
            String key = memberInstitution(member);
            libraries.add(library(Optional.of(member), alma.withKey(key), control.withKey(key)));
        });
        Consortium consortium = new Consortium(
                scenario.name(),
                null,
                null,
                scenario.members().stream()
                        .map(Scenario.Member::asConsortiumMember)
                        .toList(),
                null);
        for (int i = 0; i < scenario.policies().size(); i++) {
            JsonNode written = scenario.policies().get(i);
            Policy policy = written.isTextual()
                    ? PolicyReader.load(resolve(written.asText()))
                    : PolicyReader.read(
                            written,
                            YamlLines.under(loaded.lines(), "/policies/" + i),
                            loaded.source() + " policies[" + i + "]");
            for (Library library : libraries) {
                library.calendar()
                        .schedule(
                                scenario.policyNames().get(i),
                                library.member()
                                        .map(m -> consortium.policyFor(m.asConsortiumMember(), policy))
                                        .orElse(policy));
            }
        }
        libraries.forEach(this::setUp);
    }

    /**
     * A member's institution, made through the control plane with its development key ({@code l8xx} and its code),
     * or emptied when a replay finds it there already; answers the key that opens it.
     */
    private String memberInstitution(Scenario.Member member) {
        String key = Institution.developmentKey(member.code());
        ObjectNode institution =
                JSON.createObjectNode().put("code", member.code()).put("name", member.name());
        institution.putArray("api_keys").add(key);
        try {
            control.addInstitution(institution);
        } catch (ControlPlaneException e) {
            // Played before on this simulator: the member is there, and begins again empty.
            control.withKey(key).reset();
        }
        return key;
    }

    /** Does the next timeline step and checks its expectations; answers the expectations of it that did not hold. */
    public List<String> step() {
        if (!hasNext()) {
            throw new IllegalStateException("The timeline of " + scenario.name() + " has no more steps");
        }
        int i = next;
        Scenario.Step step = scenario.timeline().get(i);
        if (step.say() != null) {
            out.line("");
            out.line(calendar().today() + "  " + step.say().strip());
        }
        act(step);
        // Only a step whose actions all went through counts as done: one Alma refused can be tried again.
        next++;
        List<String> stepFailures = new ArrayList<>();
        for (int j = 0; j < step.expect().size(); j++) {
            expectations++;
            Scenario.Expectation expectation = step.expect().get(j);
            Library library = library(expectation.member());
            List<String> wrong = library.checks()
                    .check(library.calendar().today() + " timeline[" + i + "] expect[" + j + "]", expectation);
            unmet += wrong.isEmpty() ? 0 : 1;
            stepFailures.addAll(wrong);
        }
        failures.addAll(stepFailures);
        return stepFailures;
    }

    /** The faults the scenario set end with it, so the next scenario or client meets a healthy Alma again. */
    public void endFaults() {
        libraries.get(0).events().endFaults();
    }

    public ScenarioResult finish() {
        endFaults();
        out.line("");
        out.line(
                failures.isEmpty()
                        ? "PASSED: " + scenario.name() + " (" + expectations
                                + (expectations == 1 ? " expectation held)" : " expectations held)")
                        : "FAILED: " + scenario.name() + " (" + unmet + " of " + expectations
                                + " expectations did not hold)");
        failures.forEach(f -> out.line("  " + f));
        return new ScenarioResult(scenario.name(), expectations, List.copyOf(failures));
    }

    /** A policy named in the scenario: a shipped one, or a file beside the scenario. */
    private String resolve(String name) {
        return loaded.folder()
                .map(folder -> folder.resolve(name))
                .filter(Files::isRegularFile)
                .map(Path::toString)
                .orElse(name);
    }

    private void setUp(Library library) {
        new LibrarySetUp(scenario, library.member()).load(library.alma(), library.control(), library.calendar());
    }

    private void act(Scenario.Step step) {
        List<Library> in = step.member() == null ? libraries : List.of(library(step.member()));
        step.action().ifPresent(action -> action.performWith(new StepPerformer(in)));
    }

    /** The library of this member; the only library when none is named (the reader makes sure one is when needed). */
    private Library library(String member) {
        return libraries.stream()
                .filter(l -> member == null
                        || l.member().map(m -> m.code().equals(member)).orElse(false))
                .findFirst()
                .orElseThrow();
    }

    /** The consortium's one clock moves every member's calendar together ({@link PolicyCalendar#advanceTogether}). */
    private void advanceEveryLibraryTo(LocalDate target) {
        PolicyCalendar.advanceTogether(libraries.stream().map(Library::calendar).toList(), target);
    }

    /**
     * Each kind of step, done: the clock through the calendars, staff's and the SIS's doings through the API of the
     * library {@code in} names (every member, for a run by hand that names none).
     */
    private final class StepPerformer implements Scenario.Performer {
        private final List<Library> in;
        private final Library library;
        private final PolicyCalendar calendar;
        private final LibraryEvents events;

        StepPerformer(List<Library> in) {
            this.in = in;
            this.library = in.get(0);
            this.calendar = library.calendar();
            this.events = library.events();
        }

        @Override
        public void advanceTo(Scenario.AdvanceTo action) {
            advanceEveryLibraryTo(action.date());
        }

        @Override
        public void advance(Scenario.Advance action) {
            advanceEveryLibraryTo(calendar().today().plus(action.period()));
        }

        @Override
        public void run(Scenario.RunStage run) {
            scheduled(run.policy());
            Set<Policy.Stage> stages =
                    run.stages().isEmpty() ? EnumSet.allOf(Policy.Stage.class) : EnumSet.noneOf(Policy.Stage.class);
            run.stages().forEach(stage -> stages.add(Policy.Stage.valueOf(stage.toUpperCase(Locale.ROOT))));
            for (Library each : in) {
                each.calendar()
                        .runStages(
                                policyName(run.policy()),
                                stages,
                                "job".equals(run.mode()) || run.mode() == null
                                        ? PolicyRun.Mode.JOB
                                        : PolicyRun.Mode.PER_USER,
                                "run by hand",
                                ProgressListener.NONE);
            }
        }

        @Override
        public void sisLoad(Scenario.SisLoad action) {
            events.sisLoad(action);
        }

        @Override
        public void checkout(Scenario.Checkout action) {
            events.checkout(action);
        }

        @Override
        public void giveBack(Scenario.Return action) {
            events.giveBack(action);
        }

        @Override
        public void fine(Scenario.Fine action) {
            events.fine(action);
        }

        @Override
        public void pay(Scenario.Pay action) {
            events.pay(action.payment());
        }

        @Override
        public void waive(Scenario.Waive action) {
            events.waive(action.payment());
        }

        @Override
        public void reinstate(Scenario.Reinstate action) {
            Policy policy = scheduled(action.policy());
            new Reinstatement(library.alma(), AlmaJobs.Ids.ALMASIM)
                    .reinstate(policy, action.users(), calendar.today())
                    .forEach((id, outcome) -> calendar.say(id + " reinstated: " + outcome));
        }

        /** The step's policy, which a trainer may have unscheduled since the scenario was loaded. */
        private Policy scheduled(String named) {
            String name = policyName(named);
            if (!in.stream().allMatch(each -> each.calendar().policy(name).isPresent())) {
                throw new ScenarioException(
                        "This step",
                        List.of("it runs the policy " + name + ", which is not scheduled any more; schedule it again"
                                + " or load the scenario again"));
            }
            return calendar.policy(name).orElseThrow();
        }

        @Override
        public void addToSet(Scenario.AddToSet action) {
            events.changeSet(action.change(), "add_members");
        }

        @Override
        public void removeFromSet(Scenario.RemoveFromSet action) {
            events.changeSet(action.change(), "delete_members");
        }

        @Override
        public void faults(Scenario.Faults action) {
            events.faults(action.rules());
        }
    }

    private String policyName(String named) {
        return named != null ? named : scenario.policyNames().get(0);
    }
}
