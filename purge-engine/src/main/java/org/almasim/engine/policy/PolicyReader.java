package org.almasim.engine.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads policy YAML and checks it, reporting every problem with its line: a misspelt field, a date that is not one,
 * a purge stage with two criteria or none, a safety share above 1, and so on.
 */
public final class PolicyReader {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // An amount keeps the scale it was written with (5.00 stays 5.00) when it passes through a tree.
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    /** The policies that come with almasim, loadable by name. */
    public static final List<String> SHIPPED = List.of("flvc-annual", "opal-lifecycle");

    private PolicyReader() {}

    /** A shipped policy by name ({@code flvc-annual}) or a file path. */
    public static Policy load(String nameOrFile) {
        Path file = Path.of(nameOrFile);
        if (Files.isRegularFile(file)) {
            try {
                return read(Files.readAllBytes(file), nameOrFile);
            } catch (IOException e) {
                throw new PolicyException(nameOrFile, List.of("cannot be read: " + e.getMessage()));
            }
        }
        String resource = "policies/" + (nameOrFile.endsWith(".yaml") ? nameOrFile : nameOrFile + ".yaml");
        try (InputStream in = PolicyReader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new PolicyException(nameOrFile, List.of("no such file and no shipped policy of that name"));
            }
            return read(in.readAllBytes(), resource);
        } catch (IOException e) {
            throw new PolicyException(nameOrFile, List.of("cannot be read: " + e.getMessage()));
        }
    }

    public static Policy read(byte[] yaml, String source) {
        return read(YamlLines.tree(YAML, yaml, source), YamlLines.of(yaml), source);
    }

    /**
     * A policy already parsed, with the lines of its fields: a file's, or those of a policy written out inside a scenario,
     * whose problems then name the scenario file's lines.
     */
    public static Policy read(JsonNode tree, Map<String, Integer> lines, String source) {
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new PolicyException(source, List.of("the file is empty"));
        }
        List<String> problems = FileSchema.POLICY.problems(tree, lines);
        if (!problems.isEmpty()) {
            throw new PolicyException(source, problems);
        }
        Policy policy;
        try {
            policy = YAML.treeToValue(tree, Policy.class);
        } catch (JsonProcessingException e) {
            throw new PolicyException(source, List.of(YamlLines.where(e, lines) + YamlLines.what(e)));
        }
        problems = new Checks(lines).of(policy);
        if (!problems.isEmpty()) {
            throw new PolicyException(source, problems);
        }
        return policy.readFrom(new Policy.Origin(source, lines));
    }

    private static final class Checks {
        private final Map<String, Integer> lines;
        private final List<String> problems = new ArrayList<>();

        Checks(Map<String, Integer> lines) {
            this.lines = lines;
        }

        /** What the schema cannot say: a regular expression that compiles, a cut-off before its run, a real month-day. */
        List<String> of(Policy policy) {
            for (int i = 0; i < policy.fixups().fixedDates().size(); i++) {
                Policy.FixedDates f = policy.fixups().fixedDates().get(i);
                if (f.userGroupCodeMatches() != null) {
                    try {
                        Pattern.compile(f.userGroupCodeMatches());
                    } catch (PatternSyntaxException e) {
                        problem(
                                "/fixups/fixed_dates/" + i + "/user_group_code_matches",
                                "not a regular expression: " + e.getDescription());
                    }
                }
            }
            if (policy.purge() != null) {
                for (int i = 0; i < policy.purge().cutoffs().size(); i++) {
                    Policy.Cutoff c = policy.purge().cutoffs().get(i);
                    if (!c.before().isBefore(c.run())) {
                        problem("/purge/cutoffs/" + i + "/before", "must be before the run date " + c.run());
                    }
                }
            }
            schedule("/schedule", policy.schedule());
            if (policy.inactive() != null) {
                schedule("/inactive/schedule", policy.inactive().schedule());
            }
            if (policy.purge() != null) {
                schedule("/purge/schedule", policy.purge().schedule());
            }
            return problems;
        }

        private void schedule(String at, Schedule schedule) {
            if (schedule != null && schedule.yearly() != null && schedule.yearlyDate() == null) {
                problem(at + "/yearly", "must be a month and day such as \"08-01\"");
            }
        }

        private void problem(String pointer, String message) {
            problems.add(YamlLines.problemAt(lines, pointer, message));
        }
    }
}
