package org.almasim.scenarios.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaJobs;
import org.almasim.engine.alma.AlmaJson;
import org.almasim.engine.alma.AlmaSets;
import org.almasim.engine.execution.PolicyRun;
import org.almasim.engine.execution.Reinstatement;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.policy.PolicyReader;
import org.almasim.engine.policy.YamlLines;
import org.almasim.engine.progress.ProgressListener;

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
    private final Narration out;
    private final PolicyCalendar calendar;
    private final LibraryEvents events;
    private final Expectations checks;
    private final List<String> failures = new ArrayList<>();
    private int expectations;
    private int unmet;
    private int next;

    /** {@code out} hears the narration; {@code listener} hears of every policy run. */
    public ScenarioPlay(
            ScenarioReader.Loaded loaded, AlmaClient alma, Narration out, PolicyCalendar.RunListener listener) {
        this.loaded = loaded;
        this.scenario = loaded.scenario();
        this.alma = alma;
        this.out = out;
        this.calendar = new PolicyCalendar(alma, out, scenario.start(), listener);
        this.events = new LibraryEvents(alma, loaded, calendar::say);
        this.checks = new Expectations(
                alma,
                out,
                (policy, stage) -> calendar.lastRun(policyName(policy), stage).orElse(null),
                this::policyName);
    }

    public Scenario scenario() {
        return scenario;
    }

    public PolicyCalendar calendar() {
        return calendar;
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
        for (int i = 0; i < scenario.policies().size(); i++) {
            JsonNode policy = scenario.policies().get(i);
            calendar.schedule(
                    scenario.policyNames().get(i),
                    policy.isTextual()
                            ? PolicyReader.load(resolve(policy.asText()))
                            : PolicyReader.read(
                                    policy,
                                    YamlLines.under(loaded.lines(), "/policies/" + i),
                                    loaded.source() + " policies[" + i + "]"));
        }
        setUp();
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
            calendar.say(step.say().strip());
        }
        act(step);
        // Only a step whose actions all went through counts as done: one Alma refused can be tried again.
        next++;
        List<String> stepFailures = new ArrayList<>();
        for (int j = 0; j < step.expect().size(); j++) {
            expectations++;
            List<String> wrong = checks.check(
                    calendar.today() + " timeline[" + i + "] expect[" + j + "]",
                    step.expect().get(j));
            unmet += wrong.isEmpty() ? 0 : 1;
            stepFailures.addAll(wrong);
        }
        failures.addAll(stepFailures);
        return stepFailures;
    }

    /** The faults the scenario set end with it, so the next scenario or client meets a healthy Alma again. */
    public void endFaults() {
        events.endFaults();
    }

    public ScenarioRunner.Result finish() {
        endFaults();
        out.line("");
        out.line(
                failures.isEmpty()
                        ? "PASSED: " + scenario.name() + " (" + expectations + " expectations held)"
                        : "FAILED: " + scenario.name() + " (" + unmet + " of " + expectations
                                + " expectations did not hold)");
        failures.forEach(f -> out.line("  " + f));
        return new ScenarioRunner.Result(scenario.name(), expectations, List.copyOf(failures));
    }

    /** A policy named in the scenario: a shipped one, or a file beside the scenario. */
    private String resolve(String name) {
        return loaded.folder()
                .map(folder -> folder.resolve(name))
                .filter(Files::isRegularFile)
                .map(Path::toString)
                .orElse(name);
    }

    private void setUp() {
        calendar.startOn(scenario.start());
        if (!scenario.settings().isEmpty()) {
            alma.put("/almasim/v1/settings", Map.of(), JSON.valueToTree(scenario.settings()));
        }
        ObjectNode population = scenario.population() == null
                ? JSON.createObjectNode()
                : scenario.population().deepCopy();
        population.put("today", scenario.start().toString());
        withDefaults(population);
        if (!population.has("featured")) {
            // The patrons the story names one by one are the ones a trainer shows first; a cohort's come after them.
            ArrayNode featured = population.putArray("featured");
            population
                    .path("users")
                    .forEach(user -> featured.add(user.path("primary_id").asText()));
        }
        scenario.cohorts().forEach(cohort -> Cohorts.addTo(population, cohort, scenario.start()));
        JsonNode loadedCounts = alma.post("/almasim/v1/population", Map.of(), population);
        for (Scenario.NamedSet set : scenario.sets()) {
            if (set.query() != null) {
                ObjectNode logical = JSON.createObjectNode().put("name", set.name());
                logical.putObject("type").put("value", "LOGICAL");
                logical.putObject("content").put("value", "USER");
                logical.putObject("query").put("value", set.query());
                new AlmaSets(alma).create(logical);
            } else {
                new AlmaSets(alma).itemized(set.name(), set.members());
            }
        }
        calendar.say("start: " + loadedCounts.path("users").asInt() + " patrons, "
                + loadedCounts.path("loans").asInt() + " loans, "
                + loadedCounts.path("fees").asInt() + " fees"
                + (scenario.sets().isEmpty()
                        ? ""
                        : ", sets "
                                + scenario.sets().stream()
                                        .map(s -> s.name()
                                                + (s.query() != null
                                                        ? " (logical)"
                                                        : " (" + s.members().size() + ")"))
                                        .toList())
                + "; policies: "
                + String.join(
                        ", ",
                        calendar.policies().values().stream().map(Policy::name).toList()));
    }

    /** Fills each user's missing fields from {@code patron_defaults}; a field given as null is left out. */
    private void withDefaults(ObjectNode population) {
        for (JsonNode user : population.path("users")) {
            ObjectNode patron = (ObjectNode) user;
            if (scenario.patronDefaults() != null) {
                scenario.patronDefaults().properties().forEach(field -> {
                    if (!patron.has(field.getKey())) {
                        patron.set(field.getKey(), field.getValue().deepCopy());
                    }
                });
            }
            List<String> unset = new ArrayList<>();
            patron.properties().forEach(field -> {
                if (field.getValue().isNull()) {
                    unset.add(field.getKey());
                }
            });
            patron.remove(unset);
        }
    }

    private void act(Scenario.Step step) {
        step.action().ifPresent(action -> action.performWith(new StepPerformer()));
    }

    /** Each kind of step, done: the clock through the calendar, staff's and the SIS's doings through the API. */
    private final class StepPerformer implements Scenario.Performer {
        @Override
        public void advanceTo(Scenario.AdvanceTo action) {
            calendar.advanceTo(action.date());
        }

        @Override
        public void advance(Scenario.Advance action) {
            calendar.advanceTo(calendar.today().plus(action.period()));
        }

        @Override
        public void run(Scenario.RunStage run) {
            Set<Policy.Stage> stages =
                    run.stages().isEmpty() ? EnumSet.allOf(Policy.Stage.class) : EnumSet.noneOf(Policy.Stage.class);
            run.stages().forEach(stage -> stages.add(Policy.Stage.valueOf(stage.toUpperCase(Locale.ROOT))));
            calendar.runStages(
                    policyName(run.policy()),
                    stages,
                    "job".equals(run.mode()) || run.mode() == null ? PolicyRun.Mode.JOB : PolicyRun.Mode.PER_USER,
                    "run by hand",
                    ProgressListener.NONE);
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
            Policy policy = calendar.policy(policyName(action.policy())).orElseThrow();
            new Reinstatement(alma, AlmaJobs.Ids.ALMASIM)
                    .reinstate(policy, action.users(), calendar.today())
                    .forEach((id, outcome) -> calendar.say(id + " reinstated: " + outcome));
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
