package org.almasim.scenarios.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.almasim.control.ControlPlane;
import org.almasim.control.ControlPlaneException;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaJson;
import org.almasim.engine.consortium.Consortium;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.policy.PolicyReader;
import org.almasim.engine.policy.YamlLines;
import org.almasim.simulator.http.ApiKeys;

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
    private final List<ScenarioLibrary> libraries = new ArrayList<>();

    private final List<String> failures = new ArrayList<>();
    private int expectations;
    private int unmet;
    private int next;

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

    private ScenarioLibrary library(Optional<Scenario.Member> member, AlmaClient client, ControlPlane memberControl) {
        PolicyCalendar calendar = new PolicyCalendar(
                client,
                memberControl,
                out,
                scenario.start(),
                listeners.apply(member.map(Scenario.Member::code).orElse("")),
                member.map(Scenario.Member::code).orElse(""));
        return new ScenarioLibrary(
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
            for (ScenarioLibrary library : libraries) {
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
        String key = ApiKeys.developmentKey(member.code());
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
            ScenarioLibrary library = library(expectation.member());
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
        Path beside = loaded.beside(name);
        return loaded.folder().isPresent() && Files.isRegularFile(beside) ? beside.toString() : name;
    }

    private void setUp(ScenarioLibrary library) {
        new LibrarySetUp(loaded, library.member()).load(library.alma(), library.control(), library.calendar());
    }

    private void act(Scenario.Step step) {
        List<ScenarioLibrary> in = step.member() == null ? libraries : List.of(library(step.member()));
        step.action().ifPresent(action -> action.performWith(new StepPerformer(libraries, in, this::policyName)));
    }

    /** The library of this member; the only library when none is named (the reader makes sure one is when needed). */
    private ScenarioLibrary library(String member) {
        return libraries.stream()
                .filter(l -> member == null
                        || l.member().map(m -> m.code().equals(member)).orElse(false))
                .findFirst()
                .orElseThrow();
    }

    String policyName(String named) {
        return named != null ? named : scenario.policyNames().get(0);
    }
}
