package org.almasim.engine.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.almasim.engine.alma.AlmaApiException;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.InFlight;
import org.almasim.engine.evaluation.Decision;
import org.almasim.engine.evaluation.Decision.Action;
import org.almasim.engine.evaluation.Reason;
import org.almasim.engine.evaluation.ReasonCode;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.preview.Preview;
import org.almasim.engine.preview.PreviewReport;

/**
 * Carries a policy out on an Alma: plan with the preview, refuse what the safety limits forbid, fix dates by GET and
 * PUT of the whole user, then mark inactive and purge, through Alma's jobs on a set or user by user. Each stage works
 * from the Alma's present state, so running again after an interruption finishes the work without doing anything twice.
 */
public final class PolicyRun {
    /** Which job ids to run: almasim's by default; a real institution's are its own. */
    public record Jobs(String purgeOnSet, String updateUsers) {
        public static final Jobs ALMASIM = new Jobs("M26701", "M148");
    }

    public enum Mode {
        JOB,
        PER_USER
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration JOB_DEADLINE = Duration.ofMinutes(30);
    /** The statuses of a job instance that has not ended yet; any other status is final. */
    private static final Set<String> UNFINISHED = Set.of("QUEUED", "PENDING", "INITIALIZING", "RUNNING", "FINALIZING");

    private static final long FIRST_POLL_MILLIS = 5;
    private static final long LAST_POLL_MILLIS = 500;

    private final AlmaClient alma;
    private final Jobs jobs;
    private final ProgressListener progress;

    public PolicyRun(AlmaClient alma, Jobs jobs, ProgressListener progress) {
        this.alma = alma;
        this.jobs = jobs;
        this.progress = progress;
    }

    public RunReport run(Policy policy, LocalDate today, Mode mode) {
        PreviewReport plan = Preview.of(policy, alma, today, 0, jobs.purgeOnSet());
        if (!plan.safe()) {
            throw new RunRefused(plan.safety());
        }
        Map<String, Integer> planned = new LinkedHashMap<>();
        plan.counts().forEach((action, count) -> planned.put(action.name().toLowerCase(), count));
        planned.put("expected_exceptions", plan.refusedBefore().size());
        int fixed = fixDates(plan.decisions());
        List<String> inactive = ids(plan.decisions(), Set.of(Action.MARK_INACTIVE));
        // A patron with a blocker the engine can see is never sent to be deleted: it is held back and reported.
        List<String> purge = ids(plan.decisions(), Set.of(Action.PURGE));
        RunReport.StageResult inactiveResult = inactive.isEmpty()
                ? RunReport.StageResult.none()
                : mode == Mode.JOB ? markInactiveByJob(policy, today, inactive) : markInactiveByUser(inactive);
        RunReport.StageResult sent = purge.isEmpty()
                ? RunReport.StageResult.none()
                : mode == Mode.JOB ? purgeByJob(policy, today, purge) : purgeByUser(purge);
        Map<String, List<Reason>> heldBack = new LinkedHashMap<>();
        plan.decisions().stream()
                .filter(d -> d.action() == Action.PURGE_BLOCKED)
                .forEach(d -> heldBack.put(d.primaryId(), d.blockers()));
        RunReport.StageResult purgeResult = sent.holdingBack(heldBack);
        return new RunReport(
                policy.name(),
                today,
                mode.name().toLowerCase(),
                planned,
                fixed,
                inactiveResult,
                purgeResult,
                differences(inactiveResult, sent, plan.refusedBefore().keySet()),
                plan.decisions());
    }

    /** Fix-ups: the whole user as Alma sent it, with only the dates changed, so no field the engine does not know is lost. */
    private int fixDates(List<Decision> decisions) {
        List<Decision> fixes = decisions.stream().filter(Decision::fixesDates).toList();
        progress.stage("fixing dates", fixes.size());
        InFlight.map(fixes, d -> {
            ObjectNode user = alma.getUser(d.primaryId());
            d.newExpiryDate().ifPresent(date -> user.put("expiry_date", date + "Z"));
            d.newPurgeDate().ifPresent(date -> user.put("purge_date", date + "Z"));
            alma.putUser(d.primaryId(), user);
            progress.done(1);
            return d;
        });
        return fixes.size();
    }

    private RunReport.StageResult markInactiveByJob(Policy policy, LocalDate today, List<String> ids) {
        String set = itemizedSet(alma, "almasim " + policy.name() + " - inactive", ids);
        return runJob(
                jobs.updateUsers(),
                Map.of(
                        "set_id",
                        set,
                        "UPDATE_User_Information_Status_Active",
                        "true",
                        "UPDATE_User_Information_Status_Value",
                        "INACTIVE",
                        "job_name",
                        policy.name() + " - mark inactive " + today),
                ids.size());
    }

    /**
     * Sends the purge candidates to the purge-on-a-set job, except those the job refused in an earlier run of this
     * policy today: Alma would refuse them again (a PO line does not go away within the day), and each run counts
     * against Alma's five runs of a job an hour. They are reported with Alma's reason; the next run day tries again.
     */
    private RunReport.StageResult purgeByJob(Policy policy, LocalDate today, List<String> ids) {
        String jobName = policy.name() + " - purge " + today;
        Map<String, Reason> refusedToday = refusedToday(jobs.purgeOnSet(), jobName, today);
        List<String> send =
                ids.stream().filter(id -> !refusedToday.containsKey(id)).toList();
        RunReport.StageResult sent = RunReport.StageResult.none();
        if (!send.isEmpty()) {
            String set = itemizedSet(alma, "almasim " + policy.name() + " - purge", send);
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("set_id", set);
            parameters.put("job_name", jobName);
            if (policy.purge() != null) {
                parameters.put(
                        "waive_threshold", policy.purge().waiveThreshold().toPlainString());
            }
            sent = runJob(jobs.purgeOnSet(), parameters, send.size());
        }
        Map<String, List<Reason>> notSentAgain = new LinkedHashMap<>();
        ids.stream()
                .filter(refusedToday::containsKey)
                .forEach(id -> notSentAgain.put(id, List.of(refusedToday.get(id))));
        return sent.holdingBack(notSentAgain);
    }

    /** The users finished runs of this job under this name refused today, with Alma's reason. */
    private Map<String, Reason> refusedToday(String jobId, String jobName, LocalDate today) {
        Map<String, Reason> refused = new LinkedHashMap<>();
        Map<String, String> day = Map.of("submit_date_from", today.toString(), "submit_date_to", today.toString());
        for (JsonNode instance : alma.every("/almaws/v1/conf/jobs/" + jobId + "/instances", day, "job_instance")) {
            if (instance.path("name").asText().equals(jobName)
                    && instance.path("status").path("value").asText().startsWith("COMPLETED")) {
                String link = instance.path("link").asText();
                alma.every(link.substring(link.indexOf("/almaws")) + "/events", Map.of(), "event")
                        .forEach(e -> refused.put(
                                e.path("user").path("value").asText(),
                                Reason.of(
                                        ReasonCode.REFUSED_EARLIER_TODAY,
                                        "job_instance",
                                        instance.path("id").asText(),
                                        "alma_reason",
                                        e.path("description").asText())));
            }
        }
        return refused;
    }

    private RunReport.StageResult markInactiveByUser(List<String> ids) {
        progress.stage("marking inactive", ids.size());
        List<String> failures = InFlight.map(ids, id -> {
            try {
                ObjectNode user = alma.getUser(id);
                user.putObject("status").put("value", "INACTIVE");
                alma.putUser(id, user);
                return null;
            } catch (AlmaApiException e) {
                return e.getMessage();
            } finally {
                progress.done(1);
            }
        });
        Map<String, String> exceptions = outcomes(ids, failures);
        return RunReport.StageResult.of(null, ids.size(), exceptions, Map.of());
    }

    /** The failures of per-user calls by primary id, in the users' order. */
    private static Map<String, String> outcomes(List<String> ids, List<String> failures) {
        Map<String, String> exceptions = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            if (failures.get(i) != null) {
                exceptions.put(ids.get(i), failures.get(i));
            }
        }
        return exceptions;
    }

    private RunReport.StageResult purgeByUser(List<String> ids) {
        progress.stage("purging", ids.size());
        List<String> failures = InFlight.map(ids, id -> {
            try {
                alma.delete(AlmaClient.userPath(id), Map.of());
                return null;
            } catch (AlmaApiException e) {
                // Already gone (an earlier, interrupted run deleted it): the work is done, not failed.
                return e.userNotFound() ? null : e.getMessage();
            } finally {
                progress.done(1);
            }
        });
        Map<String, String> exceptions = outcomes(ids, failures);
        return RunReport.StageResult.of(null, ids.size(), exceptions, Map.of());
    }

    /**
     * The stage's users in an itemized set of the policy's own, replaced wholesale (1000 a call), so a rerun reuses it.
     */
    public static String itemizedSet(AlmaClient alma, String name, List<String> ids) {
        String id = alma.setId(name).orElse(null);
        if (id == null) {
            ObjectNode set =
                    JSON.createObjectNode().put("name", name).put("description", "Managed by the almasim purge engine");
            set.putObject("type").put("value", "ITEMIZED");
            set.putObject("content").put("value", "USER");
            try {
                id = alma.post("/almaws/v1/conf/sets", Map.of(), set).path("id").asText();
            } catch (AlmaApiException e) {
                if (!e.outcomeUnknown()) {
                    throw e;
                }
                // Names are unique in Alma: a lost answer is checked by looking the set up, not by creating it again.
                id = alma.setId(name).orElseThrow(() -> e);
            }
        }
        for (int from = 0; from < ids.size(); from += 1000) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode members = body.putObject("members").putArray("member");
            ids.subList(from, Math.min(ids.size(), from + 1000))
                    .forEach(m -> members.addObject().put("id", m));
            alma.post("/almaws/v1/conf/sets/" + id, Map.of("op", from == 0 ? "replace_members" : "add_members"), body);
        }
        return id;
    }

    /** Runs a job and follows its instance to the end, then collects its counters and every event. */
    private RunReport.StageResult runJob(String jobId, Map<String, String> parameters, int users) {
        JsonNode instance = followJob(alma, jobId, parameters, progress);
        String path = instance.path("link")
                .asText()
                .substring(instance.path("link").asText().indexOf("/almaws"));
        Map<String, String> exceptions = new LinkedHashMap<>();
        alma.every(path + "/events", Map.of(), "event")
                .forEach(e -> exceptions.put(
                        e.path("user").path("value").asText(),
                        e.path("description").asText()));
        int processed = counter(instance, 0, users);
        return RunReport.StageResult.of(instance.path("id").asText(), processed, exceptions, Map.of());
    }

    /** Starts a job with Alma's parameter body and polls its instance until it has finished; answers the instance. */
    static JsonNode followJob(
            AlmaClient alma, String jobId, Map<String, String> parameters, ProgressListener progress) {
        awaitUnfinishedRuns(alma, jobId, progress);
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("parameter");
        parameters.forEach((name, value) -> {
            ObjectNode p = list.addObject();
            p.putObject("name").put("value", name);
            p.put("value", value);
        });
        String path = startJob(alma, jobId, body);
        progress.stage("job " + jobId, 100);
        long deadline = System.nanoTime() + JOB_DEADLINE.toNanos();
        JsonNode instance = alma.get(path, Map.of());
        int shown = 0;
        long pause = FIRST_POLL_MILLIS;
        while (UNFINISHED.contains(instance.path("status").path("value").asText())) {
            if (System.nanoTime() > deadline) {
                throw new AlmaApiException(
                        0, "TIMEOUT", "Job instance " + path + " did not finish within " + JOB_DEADLINE);
            }
            pause = waitBeforePolling(pause);
            instance = alma.get(path, Map.of());
            int now = instance.path("progress").asInt();
            progress.done(now - shown);
            shown = now;
        }
        progress.done(100 - shown);
        String status = instance.path("status").path("value").asText();
        if (!status.startsWith("COMPLETED")) {
            // FAILED, SYSTEM_ABORTED...: the run ended without a report to read; waiting longer would not change that.
            throw new AlmaApiException(0, status, "Job instance " + path + " ended " + status + " without completing");
        }
        return instance;
    }

    /**
     * Runs the job once: when the answer to {@code op=run} is lost, the job's instances say whether Alma started it, and
     * only a run Alma did not start is asked for again, so a job never runs twice for one request.
     */
    private static String startJob(AlmaClient alma, String jobId, ObjectNode body) {
        String jobPath = "/almaws/v1/conf/jobs/" + jobId;
        List<String> before = instanceIds(alma, jobPath);
        for (int attempt = 0; ; attempt++) {
            try {
                String link = alma.post(jobPath, Map.of("op", "run"), body)
                        .path("additional_info")
                        .path("link")
                        .asText();
                return link.substring(link.indexOf("/almaws"));
            } catch (AlmaApiException e) {
                if (!e.outcomeUnknown()) {
                    throw e;
                }
                Optional<String> started = instanceIds(alma, jobPath).stream()
                        .filter(id -> !before.contains(id))
                        .findFirst();
                if (started.isPresent()) {
                    return jobPath + "/instances/" + started.get();
                }
                if (attempt >= 2) {
                    throw e;
                }
            }
        }
    }

    /** The job's most recent instances, newest first as Alma lists them. */
    private static List<String> instanceIds(AlmaClient alma, String jobPath) {
        List<String> ids = new ArrayList<>();
        alma.get(jobPath + "/instances", Map.of("limit", "100"))
                .path("job_instance")
                .forEach(i -> ids.add(i.path("id").asText()));
        return ids;
    }

    /**
     * Waits for runs of the job that have not finished (an earlier, interrupted engine run may have left one going):
     * Alma would refuse an overlapping run, and the rerun must see the state that run leaves.
     */
    private static void awaitUnfinishedRuns(AlmaClient alma, String jobId, ProgressListener progress) {
        long deadline = System.nanoTime() + JOB_DEADLINE.toNanos();
        for (boolean told = false; ; told = true) {
            boolean running = false;
            for (JsonNode instance : alma.get("/almaws/v1/conf/jobs/" + jobId + "/instances", Map.of("limit", "10"))
                    .path("job_instance")) {
                running |= UNFINISHED.contains(
                        instance.path("status").path("value").asText());
            }
            if (!running) {
                return;
            }
            if (!told) {
                progress.stage("waiting for an earlier run of job " + jobId + " to finish", -1);
            }
            if (System.nanoTime() > deadline) {
                throw new AlmaApiException(
                        0, "TIMEOUT", "An earlier run of job " + jobId + " did not finish within " + JOB_DEADLINE);
            }
            waitBeforePolling(LAST_POLL_MILLIS);
        }
    }

    private static int counter(JsonNode instance, int index, int fallback) {
        JsonNode counters = instance.path("counter");
        return counters.size() > index ? counters.get(index).path("value").asInt(fallback) : fallback;
    }

    /**
     * Alma's jobs run in the background: the engine asks again a little later, as any Alma client must; soon at first
     * (a job over a few users is done in milliseconds), then less and less often. Each pause is half as long again as
     * the last rather than twice: a job is then seen finished at most half its running time late, not its whole
     * running time, for a few more calls. Answers the next pause.
     */
    private static long waitBeforePolling(long millis) {
        try {
            Thread.sleep(millis);
            return Math.min(LAST_POLL_MILLIS, millis + millis / 2 + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlmaApiException(0, "INTERRUPTED", "Interrupted while following a job");
        }
    }

    /**
     * Where Alma disagreed with the plan: every patron it refused that the engine sent believing nothing blocked it (a
     * patron Alma refused in a recent run was expected to be refused again).
     */
    private static List<String> differences(
            RunReport.StageResult inactive, RunReport.StageResult purge, Set<String> expected) {
        List<String> differences = new ArrayList<>();
        purge.exceptions().forEach((id, why) -> {
            if (!expected.contains(id)) {
                differences.add(id + ": refused by Alma, which the engine did not foresee: " + why);
            }
        });
        inactive.exceptions().forEach((id, why) -> differences.add(id + ": could not be marked inactive: " + why));
        return differences;
    }

    private static List<String> ids(List<Decision> decisions, Set<Action> actions) {
        return decisions.stream()
                .filter(d -> actions.contains(d.action()))
                .map(Decision::primaryId)
                .collect(Collectors.toList());
    }
}
