package org.almasim.scenarios.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaJobs;
import org.almasim.engine.alma.AlmaJson;
import org.almasim.engine.alma.AlmaUsers;
import org.almasim.engine.execution.RunReport;
import org.almasim.engine.policy.Policy;

/** A scenario's expectations checked against the library (through the API) and the last runs' reports. */
final class Expectations {
    private static final ObjectMapper JSON = AlmaJson.MAPPER;

    private final AlmaClient alma;
    private final Narration out;
    private final BiFunction<String, Policy.Stage, RunReport> lastRuns;
    private final Function<String, String> policyName;

    /** {@code lastRuns}: the last run of a policy (by the name a step gives, null for the first) that did a stage. */
    Expectations(
            AlmaClient alma,
            Narration out,
            BiFunction<String, Policy.Stage, RunReport> lastRuns,
            Function<String, String> policyName) {
        this.alma = alma;
        this.out = out;
        this.lastRuns = lastRuns;
        this.policyName = policyName;
    }

    /** Checks one expectation and prints the outcome; answers its failures, each with {@code where} in front. */
    List<String> check(String where, Scenario.Expectation e) {
        List<String> failures = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        if (e.patron() != null) {
            ObjectNode user = new AlmaUsers(alma).find(e.patron(), Map.of()).orElse(null);
            boolean expectExists = e.exists() == null || e.exists();
            if (user == null || !expectExists) {
                compare(wrong, "exists", expectExists, user != null);
            } else {
                compare(
                        wrong,
                        "status",
                        e.status(),
                        user.path("status").path("value").asText());
                compare(wrong, "expiry_date", e.expiryDate(), date(user.path("expiry_date")));
                compare(wrong, "purge_date", e.purgeDate(), date(user.path("purge_date")));
                compare(
                        wrong,
                        "user_group",
                        e.userGroup(),
                        user.path("user_group").path("value").asText());
                compare(
                        wrong,
                        "account_type",
                        e.accountType(),
                        user.path("account_type").path("value").asText());
            }
        } else if (e.count() != null) {
            long count = new AlmaUsers(alma)
                    .all().stream()
                            .filter(u -> e.status() == null
                                    || e.status()
                                            .equals(u.path("status")
                                                    .path("value")
                                                    .asText()))
                            .filter(u -> e.userGroup() == null
                                    || e.userGroup()
                                            .equals(u.path("user_group")
                                                    .path("value")
                                                    .asText()))
                            .count();
            compare(
                    wrong,
                    "count" + (e.status() == null ? "" : " of " + e.status())
                            + (e.userGroup() == null ? "" : " in " + e.userGroup()),
                    e.count(),
                    (int) count);
        } else {
            checkLastRun(e.lastRun(), wrong);
        }
        String subject = (e.member() == null ? "" : e.member() + ": ")
                + (e.patron() != null ? "patron " + e.patron() : e.count() != null ? "patrons" : "last run");
        if (wrong.isEmpty()) {
            out.line("  ok        " + subject + describe(e));
        } else {
            wrong.forEach(w -> {
                out.line("  FAILED    " + subject + " " + w);
                failures.add(where + ": " + subject + " " + w);
            });
        }
        return failures;
    }

    private void checkLastRun(Scenario.LastRun expected, List<String> wrong) {
        String name = policyName.apply(expected.policy());
        compareRun(
                wrong,
                lastRuns.apply(expected.policy(), Policy.Stage.FIXUPS),
                name,
                "dates_fixed",
                expected.datesFixed(),
                RunReport::datesFixed);
        compareRun(
                wrong,
                lastRuns.apply(expected.policy(), Policy.Stage.INACTIVE),
                name,
                "marked_inactive",
                expected.markedInactive(),
                r -> r.inactive().done());
        RunReport purge = lastRuns.apply(expected.policy(), Policy.Stage.PURGE);
        compareRun(
                wrong,
                purge,
                name,
                "processed",
                expected.processed(),
                r -> r.purge().processed());
        compareRun(
                wrong, purge, name, "purged", expected.purged(), r -> r.purge().done());
        compareRun(
                wrong,
                purge,
                name,
                "exceptions",
                expected.exceptions(),
                r -> r.purge().exceptions().size());
        compareRun(
                wrong,
                purge,
                name,
                "held_back",
                expected.heldBack(),
                r -> r.purge().heldBack().size());
        if (expected.exceptionFor() != null) {
            // Everyone the run reports as not purged, with a reason: refused by Alma, or held back by the engine.
            compareRun(wrong, purge, name, "exception_for", new TreeSet<>(expected.exceptionFor()), r -> {
                var notPurged = new TreeSet<>(r.purge().exceptions().keySet());
                notPurged.addAll(r.purge().heldBack().keySet());
                return notPurged;
            });
        }
        if (purge != null && purge.purge().jobInstance() != null) {
            sameAsTheJob(purge.purge(), wrong);
        }
        compareRun(
                wrong,
                purge,
                name,
                "differences",
                expected.differences(),
                r -> r.differences().size());
    }

    /**
     * The run's counts are the job instance's own: Alma's records processed and records with exceptions, and so
     * purged = processed - exceptions, whatever shows them (narration, console, reports).
     */
    private void sameAsTheJob(RunReport.StageResult stage, List<String> wrong) {
        JsonNode instance = new AlmaJobs(alma).instance(stage.jobInstance());
        Map<String, Integer> counters = new HashMap<>();
        instance.path("counter")
                .forEach(c -> counters.put(
                        c.path("type").path("value").asText(), c.path("value").asInt()));
        int withExceptions = counter(counters, "recordsWithExceptions");
        int processedCounter = counter(counters, "recordsProcessed");
        if (processedCounter != stage.processed()
                || withExceptions != stage.exceptions().size()
                || stage.done() != stage.processed() - stage.exceptions().size()) {
            wrong.add("counts: the run says " + stage.processed() + " processed, "
                    + stage.exceptions().size() + " with exceptions, "
                    + stage.done() + " purged; job instance " + stage.jobInstance() + " says " + processedCounter
                    + " processed, "
                    + withExceptions + " with exceptions");
        }
    }

    private static int counter(Map<String, Integer> counters, String name) {
        return counters.entrySet().stream()
                .filter(e -> e.getKey().endsWith(name))
                .mapToInt(Map.Entry::getValue)
                .findFirst()
                .orElse(-1);
    }

    /** One number of the last run of the stage it belongs to (purge numbers from the last purge, and so on). */
    private void compareRun(
            List<String> wrong,
            RunReport run,
            String policy,
            String what,
            Object expected,
            Function<RunReport, Object> actual) {
        if (expected == null) {
            return;
        }
        if (run == null) {
            wrong.add(what + ": expected " + expected + ", but no run of " + policy + " has done that stage yet");
        } else {
            compare(wrong, what, expected, actual.apply(run));
        }
    }

    private static void compare(List<String> wrong, String what, Object expected, Object actual) {
        if (expected != null && !expected.equals(actual)) {
            wrong.add(what + ": expected " + expected + ", actual " + actual);
        }
    }

    private String describe(Scenario.Expectation e) {
        Map<String, Object> said = new LinkedHashMap<>();
        said.put("exists", e.exists());
        said.put("status", e.status());
        said.put("expiry_date", e.expiryDate());
        said.put("purge_date", e.purgeDate());
        said.put("user_group", e.userGroup());
        said.put("account_type", e.accountType());
        said.put("count", e.count());
        StringBuilder text = new StringBuilder();
        said.forEach((k, v) -> {
            if (v != null) {
                text.append(' ').append(k).append(' ').append(v);
            }
        });
        if (e.lastRun() != null) {
            text.append(' ')
                    .append(JSON.valueToTree(e.lastRun())
                            .toString()
                            .replaceAll(",?\"[a-z_]+\":null", "")
                            .replace("{,", "{"));
        }
        return text.toString();
    }

    private static LocalDate date(JsonNode node) {
        return AlmaUsers.date(node).orElse(null);
    }
}
