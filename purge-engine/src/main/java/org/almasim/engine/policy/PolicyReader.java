package org.almasim.engine.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
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
import java.util.Map;
import java.util.Set;
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
            .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
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
        Policy policy;
        try {
            policy = YAML.readValue(yaml, Policy.class);
        } catch (JsonProcessingException e) {
            throw new PolicyException(source, List.of(YamlLines.problem(e, yaml)));
        } catch (IOException e) {
            throw new PolicyException(source, List.of(e.getMessage()));
        }
        if (policy == null) {
            throw new PolicyException(source, List.of("the file is empty"));
        }
        Map<String, Integer> lines = YamlLines.of(yaml);
        List<String> problems = new Checks(lines).of(policy);
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

        List<String> of(Policy policy) {
            if (policy.name() == null || policy.name().isBlank()) {
                problem("", "a policy needs a name");
            }
            if (!policy.fixups().any() && policy.inactive() == null && policy.purge() == null) {
                problem("", "a policy needs at least one stage: fixups, inactive or purge");
            }
            schedule("/schedule", policy.schedule());
            for (int i = 0; i < policy.fixups().fixedDates().size(); i++) {
                Policy.FixedDates f = policy.fixups().fixedDates().get(i);
                String at = "/fixups/fixed_dates/" + i;
                if ((f.userGroupDescriptionContains() == null) == (f.userGroupCodeMatches() == null)) {
                    problem(at, "give exactly one of user_group_description_contains and user_group_code_matches");
                }
                if (f.userGroupCodeMatches() != null) {
                    try {
                        Pattern.compile(f.userGroupCodeMatches());
                    } catch (PatternSyntaxException e) {
                        problem(at + "/user_group_code_matches", "not a regular expression: " + e.getDescription());
                    }
                }
                if (f.expiryDate() == null && f.purgeDate() == null) {
                    problem(at, "give expiry_date, purge_date or both");
                }
            }
            if (policy.inactive() != null) {
                if (policy.inactive().expiredDays() < 0) {
                    problem("/inactive/expired_days", "cannot be negative");
                }
                schedule("/inactive/schedule", policy.inactive().schedule());
            }
            if (policy.purge() != null) {
                purge(policy.purge());
            }
            for (int i = 0; i < policy.notices().size(); i++) {
                Policy.Notice n = policy.notices().get(i);
                if ((n.before() == null) == (n.after() == null)) {
                    problem("/notices/" + i, "give exactly one of before and after");
                }
                if (n.to().isEmpty()) {
                    problem("/notices/" + i, "name whom to tell (to)");
                }
            }
            Policy.Safety safety = policy.safety();
            if (safety.maxShare() != null
                    && (safety.maxShare().signum() <= 0 || safety.maxShare().compareTo(BigDecimal.ONE) > 0)) {
                problem("/safety/max_share", "must be more than 0 and at most 1");
            }
            if (safety.maxPurges() != null && safety.maxPurges() < 0) {
                problem("/safety/max_purges", "cannot be negative");
            }
            return problems;
        }

        private void purge(Policy.PurgeStage purge) {
            if (!Set.of("purge_date", "expiry_date").contains(purge.by())) {
                problem("/purge/by", "must be purge_date or expiry_date, not " + purge.by());
            }
            int criteria = (purge.cutoffs().isEmpty() ? 0 : 1)
                    + (purge.cutoffRule() == null ? 0 : 1)
                    + (purge.olderThan() == null ? 0 : 1);
            if (criteria != 1) {
                problem("/purge", "give exactly one of cutoffs, cutoff_rule and older_than");
            }
            if (purge.cutoffRule() != null && !purge.cutoffRule().equals(Policy.PurgeStage.JULY_1_PREVIOUS_YEAR)) {
                problem("/purge/cutoff_rule", "the known rule is " + Policy.PurgeStage.JULY_1_PREVIOUS_YEAR);
            }
            for (int i = 0; i < purge.cutoffs().size(); i++) {
                Policy.Cutoff c = purge.cutoffs().get(i);
                if (c.run() == null || c.before() == null) {
                    problem("/purge/cutoffs/" + i, "a cut-off needs a run date and a before date");
                } else if (!c.before().isBefore(c.run())) {
                    problem("/purge/cutoffs/" + i + "/before", "must be before the run date " + c.run());
                }
            }
            if (purge.olderThan() != null && purge.olderThan().isNegative()) {
                problem("/purge/older_than", "cannot be negative");
            }
            if (purge.graceDays() < 0) {
                problem("/purge/grace_days", "cannot be negative");
            }
            if (purge.waiveThreshold().signum() < 0) {
                problem("/purge/waive_threshold", "cannot be negative");
            }
            schedule("/purge/schedule", purge.schedule());
        }

        private void schedule(String at, Schedule schedule) {
            if (schedule == null) {
                return;
            }
            if (schedule.kinds() != 1) {
                problem(at, "give exactly one of weekly, monthly, yearly and dates");
            }
            if (schedule.yearly() != null && schedule.yearlyDate() == null) {
                problem(at + "/yearly", "must be a month and day such as \"08-01\"");
            }
            if (schedule.monthly() != null && (schedule.monthly() < 1 || schedule.monthly() > 31)) {
                problem(at + "/monthly", "must be a day from 1 to 31");
            }
        }

        private void problem(String pointer, String message) {
            Integer line = null;
            for (String at = pointer;
                    line == null && !at.isEmpty();
                    at = at.substring(0, Math.max(0, at.lastIndexOf('/')))) {
                line = lines.get(at);
            }
            problems.add((line == null ? "" : "line " + line + ": ")
                    + (pointer.isEmpty() ? "" : pointer.substring(1) + ": ")
                    + message);
        }
    }
}
