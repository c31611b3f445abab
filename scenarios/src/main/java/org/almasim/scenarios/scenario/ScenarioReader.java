package org.almasim.scenarios.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.almasim.engine.policy.FileSchema;
import org.almasim.engine.policy.YamlLines;

/** Reads scenario YAML, shipped by name or from a file, and checks it; every problem is reported with where it is. */
public final class ScenarioReader {
    /** The scenarios shipped in {@code src/main/resources/scenarios}, in the order the demo and the docs tell them. */
    public static final List<String> SHIPPED =
            List.of("flvc-2022-2024", "opal-four-years", "edge-cases", "flvc-consortium", "opal-consortium");

    static final ObjectMapper YAML = YAMLMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Money stays exact: 5.00 in an inline policy's waive threshold must not become the double 5.0.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // An amount keeps the scale it was written with (1.50 stays 1.50) when it passes through a tree.
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    /** docs/scenario.schema.json. */
    static final FileSchema SCHEMA = new FileSchema("scenario.schema.json");

    private ScenarioReader() {}

    /**
     * A scenario and where it came from: its file's folder, against which its SIS files and policy files resolve, and
     * the lines of its fields, so a policy written out inside it reports its problems at the scenario's lines.
     */
    public record Loaded(Scenario scenario, String source, Optional<Path> folder, Map<String, Integer> lines) {
        public Loaded(Scenario scenario, String source, Optional<Path> folder) {
            this(scenario, source, folder, Map.of());
        }

        /** A file the scenario names (a SIS file, a snapshot, a policy), found beside the scenario's own file. */
        public Path beside(String file) {
            return folder.map(f -> f.resolve(file)).orElse(Path.of(file));
        }
    }

    private record Parsed(Scenario scenario, Map<String, Integer> lines) {}

    /** A shipped scenario by name ({@code flvc-2022-2024}) or a file path. */
    public static Loaded load(String nameOrFile) {
        Path file = Path.of(nameOrFile);
        if (Files.isRegularFile(file)) {
            try {
                Parsed parsed = parse(Files.readAllBytes(file), nameOrFile);
                return new Loaded(
                        parsed.scenario(),
                        nameOrFile,
                        Optional.ofNullable(file.toAbsolutePath().getParent()),
                        parsed.lines());
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
            Parsed parsed = parse(in.readAllBytes(), resource);
            return new Loaded(parsed.scenario(), resource, Optional.empty(), parsed.lines());
        } catch (IOException e) {
            throw new ScenarioException(nameOrFile, List.of("cannot be read: " + e.getMessage()));
        }
    }

    public static Scenario read(byte[] yaml, String source) {
        return parse(yaml, source).scenario();
    }

    /** Every problem in one pass: the schema's (policies written out included), then what only the runner can check. */
    private static Parsed parse(byte[] yaml, String source) {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(source, List.of(YamlLines.problem(e, yaml)));
        } catch (IOException e) {
            throw new ScenarioException(source, List.of(e.getMessage()));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new ScenarioException(source, List.of("the file is empty"));
        }
        Map<String, Integer> lines = YamlLines.of(yaml);
        List<String> problems = new ArrayList<>(SCHEMA.problems(tree, lines));
        JsonNode policies = tree.path("policies");
        for (int i = 0; i < policies.size(); i++) {
            if (policies.get(i).isObject()) {
                problems.addAll(FileSchema.POLICY.problems(policies.get(i), lines, "/policies/" + i));
            }
        }
        Scenario scenario = null;
        try {
            scenario = YAML.treeToValue(tree, Scenario.class);
        } catch (JsonProcessingException e) {
            // A file the schema refused may not map at all; the schema's problems say why.
            if (problems.isEmpty()) {
                problems.add(YamlLines.where(e, lines) + YamlLines.what(e));
            }
        }
        if (scenario != null) {
            problems.addAll(check(scenario, lines));
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(source, YamlLines.inFileOrder(problems));
        }
        return new Parsed(scenario, lines);
    }

    /** What the schema cannot say: date order, a clock that moves forward, one action a step, policies named. */
    private static List<String> check(Scenario s, Map<String, Integer> lines) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < s.cohorts().size(); i++) {
            Scenario.Cohort c = s.cohorts().get(i);
            if (c.expiryTo().isBefore(c.expiryFrom())) {
                problems.add(at(lines, "/cohorts/" + i + "/expiry_to") + "must not be before expiry_from");
            }
        }
        for (int i = 0; i < s.sets().size(); i++) {
            Scenario.NamedSet set = s.sets().get(i);
            if (set.query() != null && !set.members().isEmpty()) {
                problems.add(at(lines, "/sets/" + i) + "a set is logical (query) or itemized (members), not both");
            }
        }
        checkMembers(s, lines, problems);
        // The day the clock is on at each step, followed from the start: advance_to must move it forward too.
        LocalDate clock = s.start();
        for (int i = 0; i < s.timeline().size(); i++) {
            Scenario.Step step = s.timeline().get(i);
            String pointer = "/timeline/" + i;
            if (step.advanceTo() != null) {
                if (clock != null && !step.advanceTo().isAfter(clock)) {
                    problems.add(at(lines, pointer + "/advance_to") + "the clock only moves forward: "
                            + step.advanceTo() + " is not after " + clock + ", the day it is on by then");
                }
                clock = step.advanceTo();
            } else if (step.advance() != null
                    && clock != null
                    && !step.advance().isNegative()) {
                clock = clock.plus(step.advance());
            }
            List<String> actions = step.actions();
            if (actions.size() > 1) {
                problems.add(at(lines, pointer) + "one action a step, found " + actions);
            }
            if (actions.isEmpty() && step.expect().isEmpty() && step.say() == null) {
                problems.add(at(lines, pointer) + "an empty step: give it an action, a say, or expectations");
            }
            if (step.run() != null) {
                checkPolicy(s, step.run().policy(), at(lines, pointer + "/run"), problems);
            }
            if (step.reinstate() != null) {
                checkPolicy(s, step.reinstate().policy(), at(lines, pointer + "/reinstate"), problems);
            }
            if (step.advance() != null
                    && (step.advance().isNegative() || step.advance().isZero())) {
                problems.add(at(lines, pointer + "/advance")
                        + "the clock only moves forward, by a period such as P7D, P1M or P1Y");
            }
            for (int j = 0; j < step.expect().size(); j++) {
                Scenario.Expectation e = step.expect().get(j);
                if (e.lastRun() != null) {
                    checkPolicy(s, e.lastRun().policy(), at(lines, pointer + "/expect/" + j + "/last_run"), problems);
                }
            }
        }
        return problems;
    }

    /**
     * A consortium's members each once; a step's or an expectation's member one of them, and named wherever the
     * consortium's libraries differ (what is checked, and what one library's staff or SIS does). The clock, faults and
     * a run by hand with no member concern every member.
     */
    private static void checkMembers(Scenario s, Map<String, Integer> lines, List<String> problems) {
        List<String> codes = s.members().stream().map(Scenario.Member::code).toList();
        for (int i = 0; i < codes.size(); i++) {
            if (codes.indexOf(codes.get(i)) != i) {
                problems.add(at(lines, "/members/" + i + "/code") + codes.get(i) + " is listed twice");
            }
        }
        for (int i = 0; i < s.timeline().size(); i++) {
            Scenario.Step step = s.timeline().get(i);
            String pointer = "/timeline/" + i;
            boolean everyMember = step.advanceTo() != null
                    || step.advance() != null
                    || step.faults() != null
                    || step.run() != null
                    || step.actions().isEmpty();
            memberNamed(
                    codes, step.member(), !everyMember, at(lines, pointer + "/member"), at(lines, pointer), problems);
            for (int j = 0; j < step.expect().size(); j++) {
                String expectation = pointer + "/expect/" + j;
                memberNamed(
                        codes,
                        step.expect().get(j).member(),
                        true,
                        at(lines, expectation + "/member"),
                        at(lines, expectation),
                        problems);
            }
        }
    }

    private static void memberNamed(
            List<String> codes, String member, boolean needed, String atMember, String at, List<String> problems) {
        if (member != null && codes.isEmpty()) {
            problems.add(atMember + "the scenario has no members");
        } else if (member != null && !codes.contains(member)) {
            problems.add(atMember + "'" + member + "' is not one of the scenario's members " + codes);
        } else if (member == null && needed && !codes.isEmpty()) {
            problems.add(at + "name the member it concerns, one of " + codes);
        }
    }

    /** "line N: timeline/3/run: ", as the schema's problems are written. */
    private static String at(Map<String, Integer> lines, String pointer) {
        return YamlLines.problemAt(lines, pointer, "");
    }

    private static void checkPolicy(Scenario s, String policy, String at, List<String> problems) {
        if (s.policies().isEmpty()) {
            problems.add(at + "the scenario names no policies");
        } else if (policy != null && !s.policyNames().contains(policy)) {
            problems.add(at + "policy '" + policy + "' is not one of the scenario's policies " + s.policyNames());
        }
    }
}
