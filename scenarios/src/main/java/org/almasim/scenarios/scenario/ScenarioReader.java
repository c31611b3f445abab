package org.almasim.scenarios.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.almasim.engine.policy.YamlLines;

/** Reads scenario YAML, shipped by name or from a file, and checks it; every problem is reported with where it is. */
public final class ScenarioReader {
    /** The scenarios shipped in {@code src/main/resources/scenarios}, in the order the demo and the docs tell them. */
    public static final List<String> SHIPPED = List.of("flvc-2022-2024", "opal-four-years", "edge-cases");

    static final ObjectMapper YAML = YAMLMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Money stays exact: 5.00 in an inline policy's waive threshold must not become the double 5.0.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final Set<String> STAGES = Set.of("fixups", "inactive", "purge");
    private static final Set<String> MODES = Set.of("job", "per_user");

    private ScenarioReader() {}

    /** A scenario and where it came from: its file's folder, against which its SIS files and policy files resolve. */
    public record Loaded(Scenario scenario, String source, Optional<Path> folder) {}

    /** A shipped scenario by name ({@code flvc-2022-2024}) or a file path. */
    public static Loaded load(String nameOrFile) {
        Path file = Path.of(nameOrFile);
        if (Files.isRegularFile(file)) {
            try {
                return new Loaded(
                        read(Files.readAllBytes(file), nameOrFile),
                        nameOrFile,
                        Optional.ofNullable(file.toAbsolutePath().getParent()));
            } catch (IOException e) {
                throw new ScenarioException(nameOrFile, List.of("cannot be read: " + e.getMessage()));
            }
        }
        String resource = "scenarios/" + (nameOrFile.endsWith(".yaml") ? nameOrFile : nameOrFile + ".yaml");
        try (InputStream in = ScenarioReader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ScenarioException(
                        nameOrFile,
                        List.of("no such file and no shipped scenario of that name (shipped: "
                                + String.join(", ", SHIPPED) + ")"));
            }
            return new Loaded(read(in.readAllBytes(), resource), resource, Optional.empty());
        } catch (IOException e) {
            throw new ScenarioException(nameOrFile, List.of("cannot be read: " + e.getMessage()));
        }
    }

    public static Scenario read(byte[] yaml, String source) {
        Scenario scenario;
        try {
            scenario = YAML.readValue(yaml, Scenario.class);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(source, List.of(YamlLines.problem(e, yaml)));
        } catch (IOException e) {
            throw new ScenarioException(source, List.of(e.getMessage()));
        }
        if (scenario == null) {
            throw new ScenarioException(source, List.of("the file is empty"));
        }
        List<String> problems = check(scenario);
        if (!problems.isEmpty()) {
            throw new ScenarioException(source, problems);
        }
        return scenario;
    }

    private static List<String> check(Scenario s) {
        List<String> problems = new ArrayList<>();
        if (s.name() == null || s.name().isBlank()) {
            problems.add("name: a scenario needs a name");
        }
        for (int i = 0; i < s.policies().size(); i++) {
            JsonNode policy = s.policies().get(i);
            if (!policy.isTextual()
                    && !(policy.isObject() && policy.path("name").isTextual())) {
                problems.add(
                        "policies[" + i + "]: a shipped policy's name, a file, or a policy written out with its name");
            }
        }
        if (s.start() == null) {
            problems.add("start: a scenario needs a start date (YYYY-MM-DD)");
        }
        for (int i = 0; i < s.cohorts().size(); i++) {
            Scenario.Cohort c = s.cohorts().get(i);
            String at = "cohorts[" + i + "]: ";
            if (c.prefix() == null || c.prefix().isBlank()) {
                problems.add(at + "prefix is required (patron ids are the prefix and a number)");
            }
            if (c.count() < 1) {
                problems.add(at + "count must be at least 1");
            }
            if (c.expiryFrom() == null || c.expiryTo() == null || c.expiryTo().isBefore(c.expiryFrom())) {
                problems.add(at + "expiry_from and expiry_to are required, expiry_to not before expiry_from");
            }
            for (BigDecimal share : java.util.Arrays.asList(c.withFines(), c.withLoans())) {
                if (share != null && (share.signum() < 0 || share.compareTo(BigDecimal.ONE) > 0)) {
                    problems.add(
                            at + "with_fines and with_loans are shares between 0 and 1, got " + share.toPlainString());
                }
            }
            if (c.purgeDate() != null && !Set.of("same_as_expiry", "none").contains(c.purgeDate())) {
                problems.add(at + "purge_date is same_as_expiry (default) or none, got " + c.purgeDate());
            }
        }
        for (int i = 0; i < s.sets().size(); i++) {
            Scenario.NamedSet set = s.sets().get(i);
            if (set.query() != null && !set.members().isEmpty()) {
                problems.add("sets[" + i + "]: a set is logical (query) or itemized (members), not both");
            }
        }
        for (int i = 0; i < s.timeline().size(); i++) {
            Scenario.Step step = s.timeline().get(i);
            String at = "timeline[" + i + "]: ";
            List<String> actions = step.actions();
            if (actions.size() > 1) {
                problems.add(at + "one action a step, found " + actions);
            }
            if (actions.isEmpty() && step.expect().isEmpty() && step.say() == null) {
                problems.add(at + "an empty step: give it an action, a say, or expectations");
            }
            if (step.run() != null) {
                checkPolicy(s, step.run().policy(), at + "run: ", problems);
                step.run().stages().stream()
                        .filter(stage -> !STAGES.contains(stage))
                        .forEach(stage -> problems.add(
                                at + "run: unknown stage '" + stage + "' (stages: fixups, inactive, purge)"));
                if (step.run().mode() != null && !MODES.contains(step.run().mode())) {
                    problems.add(at + "run: mode is job or per_user, got "
                            + step.run().mode());
                }
            }
            if (step.reinstate() != null) {
                checkPolicy(s, step.reinstate().policy(), at + "reinstate: ", problems);
            }
            if (step.advance() != null
                    && (step.advance().isNegative() || step.advance().isZero())) {
                problems.add(at + "advance: the clock only moves forward, by a period such as P7D, P1M or P1Y");
            }
            for (int j = 0; j < step.expect().size(); j++) {
                Scenario.Expectation e = step.expect().get(j);
                String where = at + "expect[" + j + "]: ";
                int kinds = (e.patron() != null ? 1 : 0) + (e.count() != null ? 1 : 0) + (e.lastRun() != null ? 1 : 0);
                if (kinds != 1) {
                    problems.add(
                            where + "an expectation is about one patron, a count, or the last run: give exactly one of "
                                    + "patron, count and last_run");
                }
                if (e.lastRun() != null) {
                    checkPolicy(s, e.lastRun().policy(), where + "last_run: ", problems);
                }
            }
        }
        return problems;
    }

    private static void checkPolicy(Scenario s, String policy, String at, List<String> problems) {
        if (s.policies().isEmpty()) {
            problems.add(at + "the scenario names no policies");
        } else if (policy != null && !s.policyNames().contains(policy)) {
            problems.add(at + "policy '" + policy + "' is not one of the scenario's policies " + s.policyNames());
        }
    }
}
