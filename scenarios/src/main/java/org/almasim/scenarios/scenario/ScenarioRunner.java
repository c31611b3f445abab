package org.almasim.scenarios.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.evaluation.Decision;
import org.almasim.engine.execution.Notices;
import org.almasim.engine.execution.PolicyRun;
import org.almasim.engine.execution.ProgressListener;
import org.almasim.engine.execution.Reinstatement;
import org.almasim.engine.execution.RunRefused;
import org.almasim.engine.execution.RunReport;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.policy.PolicyReader;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.http.ApiKeys;

/**
 * Plays a scenario against a simulator over its REST API, exactly as any Alma client would: loads the population,
 * walks the timeline (running every policy stage whose schedule the clock passes), checks each expectation, and
 * narrates what happened to whom and why.
 */
public final class ScenarioRunner {
    /** How many patrons a narration names for one outcome of one run before it summarises the rest. */
    private static final int NAMED_PER_OUTCOME = 12;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;

    public ScenarioRunner(PrintStream out) {
        this.out = out;
    }

    /** What a scenario run found: every expectation that did not hold, as expected-versus-actual lines. */
    public record Result(String scenario, int expectations, List<String> failures) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    /** Plays the scenario on a simulator of its own, started in this process on a free port and stopped afterwards. */
    public Result run(ScenarioReader.Loaded loaded) {
        try (Simulator simulator = Simulator.create(Simulator.Config.defaults().withToday(loaded.scenario().start())).start(0)) {
            return run(loaded, new AlmaClient(simulator.baseUrl(), ApiKeys.DEVELOPMENT_KEY));
        }
    }

    /** Plays the scenario on a running simulator (the demo's, which stays up for exploration afterwards). */
    public Result run(ScenarioReader.Loaded loaded, AlmaClient alma) {
        return new Play(loaded, alma).play();
    }

    /** One playing of a scenario: its clock, its policies and the last run of each. */
    private final class Play {
        private final Scenario scenario;
        private final ScenarioReader.Loaded loaded;
        private final AlmaClient alma;
        private final Map<String, Policy> policies = new LinkedHashMap<>();
        /** The last run of each stage of each policy: a weekly stage must not hide the numbers of the monthly one. */
        private final Map<String, Map<Policy.Stage, RunReport>> lastRuns = new LinkedHashMap<>();
        private final Map<String, Set<String>> lastBlocked = new LinkedHashMap<>();
        private final List<String> failures = new ArrayList<>();
        private int expectations;
        private int unmet;
        private LocalDate today;

        private final LibraryEvents events;
        private final Expectations checks;

        Play(ScenarioReader.Loaded loaded, AlmaClient alma) {
            this.loaded = loaded;
            this.scenario = loaded.scenario();
            this.alma = alma;
            this.events = new LibraryEvents(alma, loaded, this::say);
            this.checks = new Expectations(alma, out, (policy, stage) -> lastRuns.getOrDefault(policyName(policy), Map.of()).get(stage),
                    this::policyName);
        }

        Result play() {
            out.println("== " + scenario.name() + " ==");
            if (scenario.description() != null) {
                out.println(scenario.description().strip());
            }
            for (int i = 0; i < scenario.policies().size(); i++) {
                JsonNode policy = scenario.policies().get(i);
                policies.put(scenario.policyNames().get(i), policy.isTextual() ? PolicyReader.load(resolve(policy.asText()))
                        : PolicyReader.read(yaml(policy), loaded.source() + " policies[" + i + "]"));
            }
            setUp();
            for (int i = 0; i < scenario.timeline().size(); i++) {
                Scenario.Step step = scenario.timeline().get(i);
                if (step.say() != null) {
                    out.println();
                    say(step.say().strip());
                }
                act(step);
                for (int j = 0; j < step.expect().size(); j++) {
                    expectations++;
                    List<String> wrong = checks.check(today + " timeline[" + i + "] expect[" + j + "]", step.expect().get(j));
                    unmet += wrong.isEmpty() ? 0 : 1;
                    failures.addAll(wrong);
                }
            }
            out.println();
            out.println(failures.isEmpty() ? "PASSED: " + scenario.name() + " (" + expectations + " expectations held)"
                    : "FAILED: " + scenario.name() + " (" + unmet + " of " + expectations + " expectations did not hold)");
            failures.forEach(f -> out.println("  " + f));
            return new Result(scenario.name(), expectations, List.copyOf(failures));
        }

        /** A policy named in the scenario: a shipped one, or a file beside the scenario. */
        private String resolve(String name) {
            return loaded.folder().map(folder -> folder.resolve(name)).filter(Files::isRegularFile).map(Path::toString).orElse(name);
        }

        private void setUp() {
            today = scenario.start();
            setClock(today);
            if (!scenario.settings().isEmpty()) {
                alma.put("/almasim/v1/settings", Map.of(), JSON.valueToTree(scenario.settings()));
            }
            ObjectNode population = scenario.population() == null ? JSON.createObjectNode() : scenario.population().deepCopy();
            population.put("today", today.toString());
            withDefaults(population);
            scenario.cohorts().forEach(cohort -> Cohorts.addTo(population, cohort, today));
            JsonNode loadedCounts = alma.post("/almasim/v1/population", Map.of(), population);
            for (Scenario.NamedSet set : scenario.sets()) {
                if (set.query() != null) {
                    ObjectNode logical = JSON.createObjectNode().put("name", set.name());
                    logical.putObject("type").put("value", "LOGICAL");
                    logical.putObject("content").put("value", "USER");
                    logical.putObject("query").put("value", set.query());
                    alma.post("/almaws/v1/conf/sets", Map.of(), logical);
                } else {
                    PolicyRun.itemizedSet(alma, set.name(), set.members());
                }
            }
            say("start: " + loadedCounts.path("users").asInt() + " patrons, " + loadedCounts.path("loans").asInt() + " loans, "
                    + loadedCounts.path("fees").asInt() + " fees" + (scenario.sets().isEmpty() ? "" : ", sets "
                    + scenario.sets().stream().map(s -> s.name() + (s.query() != null ? " (logical)" : " (" + s.members().size() + ")")).toList())
                    + "; policies: " + String.join(", ", policies.values().stream().map(Policy::name).toList()));
        }

        /** Fills each user's missing fields from {@code patron_defaults}; a field given as null is left out. */
        private void withDefaults(ObjectNode population) {
            for (JsonNode user : population.path("users")) {
                ObjectNode patron = (ObjectNode) user;
                if (scenario.patronDefaults() != null) {
                    scenario.patronDefaults().fields().forEachRemaining(field -> {
                        if (!patron.has(field.getKey())) {
                            patron.set(field.getKey(), field.getValue().deepCopy());
                        }
                    });
                }
                List<String> unset = new ArrayList<>();
                patron.fields().forEachRemaining(field -> {
                    if (field.getValue().isNull()) {
                        unset.add(field.getKey());
                    }
                });
                patron.remove(unset);
            }
        }

        private void act(Scenario.Step step) {
            if (step.advanceTo() != null) {
                advanceTo(step.advanceTo());
            } else if (step.advance() != null) {
                advanceTo(today.plus(step.advance()));
            } else if (step.run() != null) {
                Set<Policy.Stage> stages = step.run().stages().isEmpty() ? EnumSet.allOf(Policy.Stage.class) : EnumSet.noneOf(Policy.Stage.class);
                step.run().stages().forEach(s -> stages.add(Policy.Stage.valueOf(s.toUpperCase(Locale.ROOT))));
                String name = policyName(step.run().policy());
                runStages(name, stages, "job".equals(step.run().mode()) || step.run().mode() == null ? PolicyRun.Mode.JOB : PolicyRun.Mode.PER_USER,
                        "run by hand");
            } else if (step.sisLoad() != null) {
                events.sisLoad(step.sisLoad());
            } else if (step.checkout() != null) {
                events.checkout(step.checkout());
            } else if (step.giveBack() != null) {
                events.giveBack(step.giveBack());
            } else if (step.fine() != null) {
                events.fine(step.fine());
            } else if (step.pay() != null) {
                events.pay(step.pay());
            } else if (step.waive() != null) {
                events.waive(step.waive());
            } else if (step.reinstate() != null) {
                Policy policy = policies.get(policyName(step.reinstate().policy()));
                new Reinstatement(alma, PolicyRun.Jobs.ALMASIM).reinstate(policy, step.reinstate().users(), today)
                        .forEach((id, outcome) -> say(id + " reinstated: " + outcome));
            } else if (step.addToSet() != null) {
                events.changeSet(step.addToSet(), "add_members");
            } else if (step.removeFromSet() != null) {
                events.changeSet(step.removeFromSet(), "delete_members");
            }
        }

        private String policyName(String named) {
            return named != null ? named : scenario.policyNames().get(0);
        }

        /**
         * Moves the clock a day at a time, running every policy stage whose schedule fires on the day; a notice goes
         * out on its day, before the run it announces or after the run it reports on.
         */
        private void advanceTo(LocalDate target) {
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
                        runStages(policy.getKey(), due, PolicyRun.Mode.JOB, "scheduled");
                    }
                    notices.stream().filter(n -> !n.runDate().isAfter(day)).forEach(this::announce);
                }
                today = day;
            }
            setClock(target);
        }

        private void announce(Notices.Due notice) {
            say("notice to " + String.join(", ", notice.to()) + ": " + notice.message().strip());
        }

        private void runStages(String name, Set<Policy.Stage> stages, PolicyRun.Mode mode, String why) {
            Policy policy = policies.get(name).only(stages).allowingNobody();
            String stageNames = String.join(", ", stages.stream().filter(policy.present()::contains)
                    .map(s -> s.name().toLowerCase(Locale.ROOT)).toList());
            try {
                RunReport report = new PolicyRun(alma, PolicyRun.Jobs.ALMASIM, ProgressListener.NONE).run(policy, today, mode);
                policy.present().forEach(stage -> lastRuns.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(stage, report));
                boolean acted = report.decisions().stream().anyMatch(d -> d.action() != Decision.Action.KEEP
                        && d.action() != Decision.Action.PURGE_BLOCKED) || !report.purge().exceptions().isEmpty()
                        && !report.differences().isEmpty();
                Set<String> blocked = new java.util.TreeSet<>(report.decisions().stream()
                        .filter(d -> d.action() == Decision.Action.PURGE_BLOCKED).map(Decision::primaryId).toList());
                // A weekly stage finds nobody most weeks, and a blocked patron stays blocked month after month: the
                // story tells the runs that did something or whose blocked patrons changed.
                Set<String> before = lastBlocked.put(name + " " + stageNames, blocked);
                if (acted || !why.equals("scheduled") || !blocked.equals(before == null ? Set.of() : before)) {
                    narrate(policy, stageNames, why, mode, report);
                }
            } catch (RunRefused refused) {
                say(policy.name() + " (" + stageNames + ", " + why + ") refused: " + String.join("; ", refused.reasons()));
            }
        }

        private void narrate(Policy policy, String stages, String why, PolicyRun.Mode mode, RunReport report) {
            say(policy.name() + ": " + stages + " (" + why + (mode == PolicyRun.Mode.PER_USER ? ", user by user" : "") + ")");
            Map<String, List<String>> byOutcome = new LinkedHashMap<>();
            for (Decision d : report.decisions()) {
                String outcome = switch (d.action()) {
                    case PURGE -> report.purge().exceptions().containsKey(d.primaryId()) ? "refused by Alma" : "purged";
                    case PURGE_BLOCKED -> "kept, blocked";
                    case MARK_INACTIVE -> "marked inactive";
                    case FIX_DATES -> "dates fixed";
                    case KEEP -> null;
                };
                if (outcome != null) {
                    String reason = outcome.equals("refused by Alma") ? report.purge().exceptions().get(d.primaryId())
                            : d.action() == Decision.Action.FIX_DATES ? d.reasons().get(0) : d.reasons().get(d.reasons().size() - 1);
                    byOutcome.computeIfAbsent(outcome, k -> new ArrayList<>()).add(d.primaryId() + " (" + reason + ")");
                }
            }
            if (byOutcome.isEmpty()) {
                out.println("              nothing to do");
            }
            byOutcome.forEach((outcome, patrons) -> {
                out.println("              " + outcome + ": " + patrons.size());
                patrons.stream().limit(NAMED_PER_OUTCOME).forEach(p -> out.println("                " + p));
                if (patrons.size() > NAMED_PER_OUTCOME) {
                    out.println("                ... and " + (patrons.size() - NAMED_PER_OUTCOME) + " more");
                }
            });
            if (report.purge().jobInstance() != null) {
                out.println("              purge job: " + report.purge().processed() + " processed, " + report.purge().done()
                        + " purged, " + report.purge().exceptions().size() + " exceptions");
            }
            if (!report.differences().isEmpty()) {
                out.println("              " + report.differences().size() + " of Alma's answers differ from the preview (the refusals "
                        + "above: blockers only Alma can see, such as PO lines or research assets)");
            }
        }

        private void setClock(LocalDate day) {
            alma.put("/almasim/v1/clock", Map.of(), JSON.createObjectNode().put("today", day.toString()));
        }

        private void say(String line) {
            out.printf("%s  %s%n", today, line);
        }
    }

    private static byte[] yaml(JsonNode policy) {
        try {
            return ScenarioReader.YAML.writeValueAsBytes(policy);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
