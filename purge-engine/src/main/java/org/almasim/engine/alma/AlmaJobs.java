package org.almasim.engine.alma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.almasim.engine.progress.ProgressListener;

/**
 * Alma's Jobs API as the engine uses it: which jobs to run, the body that starts one, following an instance to its end
 * and reading its events. Every path and body of the Jobs API the engine sends is spelled here.
 */
public final class AlmaJobs {
    /** Which job ids to run: almasim's by default; a real institution's are its own. */
    public record Ids(String purgeOnSet, String updateUsers) {
        /** almasim's Purge User Records on a set (a real institution's id differs). */
        public static final String ALMASIM_PURGE_ON_SET = "M26701";
        /** almasim's Update/Notify Users. */
        public static final String ALMASIM_UPDATE_USERS = "M148";

        public static final Ids ALMASIM = new Ids(ALMASIM_PURGE_ON_SET, ALMASIM_UPDATE_USERS);
    }

    /** What a job run is asked to do: its parameters in Alma's names. */
    public sealed interface Request permits PurgeOnSet, UpdateUsers {
        Map<String, String> parameters();
    }

    /**
     * Purge User Records on a set: the set, the run's name (which its instances show), and the balance up to which a
     * patron's fees are waived rather than stopping the purge.
     */
    public record PurgeOnSet(String setId, String jobName, Optional<BigDecimal> waiveThreshold) implements Request {
        @Override
        public Map<String, String> parameters() {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("set_id", setId);
            parameters.put("job_name", jobName);
            waiveThreshold.ifPresent(threshold -> parameters.put("waive_threshold", threshold.toPlainString()));
            return parameters;
        }
    }

    /**
     * Update/Notify Users on a set: each field given is set on every member (Alma's {@code UPDATE_User_Information_X}
     * pairs, a date as epoch milliseconds at the start of its day in UTC).
     */
    public record UpdateUsers(
            String setId,
            Optional<String> jobName,
            Optional<String> status,
            Optional<String> accountType,
            Optional<LocalDate> expiryDate)
            implements Request {
        /** Sets the status of every member of the set. */
        public static UpdateUsers status(String setId, String jobName, String status) {
            return new UpdateUsers(
                    setId, Optional.of(jobName), Optional.of(status), Optional.empty(), Optional.empty());
        }

        @Override
        public Map<String, String> parameters() {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("set_id", setId);
            accountType.ifPresent(type -> update(parameters, "Account_Type", type));
            status.ifPresent(value -> update(parameters, "Status", value));
            expiryDate.ifPresent(day -> update(
                    parameters,
                    "Expiry_Date",
                    String.valueOf(day.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli())));
            jobName.ifPresent(name -> parameters.put("job_name", name));
            return parameters;
        }

        private static void update(Map<String, String> parameters, String field, String value) {
            parameters.put("UPDATE_User_Information_" + field + "_Active", "true");
            parameters.put("UPDATE_User_Information_" + field + "_Value", value);
        }
    }

    /** One refusal in a job's report: the user and Alma's words. */
    public record Event(String primaryId, String description) {}

    private static final Duration JOB_DEADLINE = Duration.ofMinutes(30);
    /** The statuses of a job instance that has not ended yet; any other status is final. */
    private static final Set<String> UNFINISHED = Set.of("QUEUED", "PENDING", "INITIALIZING", "RUNNING", "FINALIZING");

    private static final long FIRST_POLL_MILLIS = 5;
    private static final long LAST_POLL_MILLIS = 500;
    /**
     * Below this many calls left of Alma's day ({@code X-Exl-Api-Remaining}), a running job is looked at only every
     * {@link #FEW_CALLS_POLL_MILLIS}: the day's last calls are kept for the work, at the price of seeing a job finished
     * up to that much later.
     */
    static final long FEW_CALLS_LEFT = 1_000;

    static final long FEW_CALLS_POLL_MILLIS = 10_000;

    private final AlmaClient alma;

    public AlmaJobs(AlmaClient alma) {
        this.alma = alma;
    }

    /** The instances of a job submitted between two days (both included). */
    public List<JsonNode> instances(String jobId, LocalDate from, LocalDate to) {
        return alma.every(
                jobPath(jobId) + "/instances",
                Map.of("submit_date_from", from.toString(), "submit_date_to", to.toString()),
                "job_instance");
    }

    /** One job instance by its id, whatever its job. */
    public JsonNode instance(String instanceId) {
        return alma.get(jobPath("ALL") + "/instances/" + instanceId, Map.of());
    }

    /** The events (one per refused user) of a finished instance, as its report lists them. */
    public List<Event> events(JsonNode instance) {
        return alma.every(AlmaClient.pathOf(instance.path("link").asText()) + "/events", Map.of(), "event").stream()
                .map(e -> new Event(
                        e.path("user").path("value").asText(),
                        e.path("description").asText()))
                .toList();
    }

    /** Alma's status of a run that ended without doing its work, although it starts as the finished ones do. */
    static final String COMPLETED_FAILED = "COMPLETED_FAILED";

    /** Whether the instance finished its work (with or without exceptions). */
    public static boolean completed(JsonNode instance) {
        return status(instance).startsWith("COMPLETED") && !status(instance).equals(COMPLETED_FAILED);
    }

    public static String status(JsonNode instance) {
        return instance.path("status").path("value").asText();
    }

    /** A counter of a finished instance (0: records processed), or {@code fallback} when it has none. */
    public static int counter(JsonNode instance, int index, int fallback) {
        JsonNode counters = instance.path("counter");
        return counters.size() > index ? counters.get(index).path("value").asInt(fallback) : fallback;
    }

    /** Starts the job as asked and polls its instance until it has finished; answers the instance. */
    public JsonNode run(String jobId, Request request, ProgressListener progress) {
        return run(jobId, request.parameters(), progress);
    }

    /** Starts a job with Alma's parameter body and polls its instance until it has finished; answers the instance. */
    JsonNode run(String jobId, Map<String, String> parameters, ProgressListener progress) {
        awaitUnfinishedRuns(jobId, progress);
        ObjectNode body = AlmaJson.MAPPER.createObjectNode();
        ArrayNode list = body.putArray("parameter");
        parameters.forEach((name, value) -> {
            ObjectNode p = list.addObject();
            p.putObject("name").put("value", name);
            p.put("value", value);
        });
        String path = start(jobId, body);
        progress.stage("job " + jobId, 100);
        long deadline = System.nanoTime() + JOB_DEADLINE.toNanos();
        JsonNode instance = alma.get(path, Map.of());
        int shown = 0;
        long pause = FIRST_POLL_MILLIS;
        while (UNFINISHED.contains(status(instance))) {
            if (System.nanoTime() > deadline) {
                throw new AlmaApiException(
                        0, "TIMEOUT", "Job instance " + path + " did not finish within " + JOB_DEADLINE);
            }
            pause = waitBeforePolling(pauseFor(pause, alma.remainingToday()));
            instance = alma.get(path, Map.of());
            int now = instance.path("progress").asInt();
            progress.done(now - shown);
            shown = now;
        }
        progress.done(100 - shown);
        String status = status(instance);
        if (!status.startsWith("COMPLETED") || status.equals(COMPLETED_FAILED)) {
            // COMPLETED_FAILED, FAILED, SYSTEM_ABORTED...: the run ended without doing its work, and its counters say
            // nothing of the patrons; reading them as a report would tell staff that nobody needed purging.
            throw new AlmaApiException(
                    0,
                    status,
                    "Job instance " + path + " ended " + status + " without completing its work"
                            + instance.path("alert")
                                    .path(0)
                                    .path("desc")
                                    .asText("")
                                    .transform(a -> a.isEmpty() ? "" : ": " + a));
        }
        return instance;
    }

    /**
     * Runs the job once: when the answer to {@code op=run} is lost, the job's instances say whether Alma started it, and
     * only a run Alma did not start is asked for again, so a job never runs twice for one request.
     */
    private String start(String jobId, ObjectNode body) {
        String jobPath = jobPath(jobId);
        List<String> before = instanceIds(jobPath);
        for (int attempt = 0; ; attempt++) {
            try {
                return AlmaClient.pathOf(alma.post(jobPath, Map.of("op", "run"), body)
                        .path("additional_info")
                        .path("link")
                        .asText());
            } catch (AlmaApiException e) {
                if (!e.outcomeUnknown()) {
                    throw e;
                }
                Optional<String> started = instanceIds(jobPath).stream()
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
    private List<String> instanceIds(String jobPath) {
        List<String> ids = new ArrayList<>();
        alma.get(jobPath + "/instances", Map.of("limit", String.valueOf(AlmaClient.PAGE)))
                .path("job_instance")
                .forEach(i -> ids.add(i.path("id").asText()));
        return ids;
    }

    /**
     * Waits for runs of the job that have not finished (an earlier, interrupted engine run may have left one going):
     * Alma would refuse an overlapping run, and the rerun must see the state that run leaves.
     */
    private void awaitUnfinishedRuns(String jobId, ProgressListener progress) {
        long deadline = System.nanoTime() + JOB_DEADLINE.toNanos();
        for (boolean told = false; ; told = true) {
            boolean running = false;
            for (JsonNode instance : alma.get(jobPath(jobId) + "/instances", Map.of("limit", "10"))
                    .path("job_instance")) {
                running |= UNFINISHED.contains(status(instance));
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
            waitBeforePolling(pauseFor(LAST_POLL_MILLIS, alma.remainingToday()));
        }
    }

    private static String jobPath(String jobId) {
        return AlmaClient.API + "/conf/jobs/" + jobId;
    }

    /** The pause before the next look at a running job: the next of the series, or a long one when few calls remain. */
    static long pauseFor(long next, OptionalLong remainingToday) {
        return remainingToday.isPresent() && remainingToday.getAsLong() < FEW_CALLS_LEFT
                ? Math.max(next, FEW_CALLS_POLL_MILLIS)
                : next;
    }

    /**
     * Alma's jobs run in the background: the engine asks again a little later, as any Alma client must; soon at first
     * (a job over a few users is done in milliseconds), then less and less often, up to every half second. Each pause
     * is a fifth longer than the last: a job is then seen finished at most a fifth of its running time late, and the
     * first second of a run takes eighteen calls, inside Alma's 25 a second. (Half as long again, as before, left
     * the engine asleep after its jobs had finished for 3.5 s of a 24.6 s simulated year: docs/benchmarks.md.)
     * Answers the next pause.
     */
    private static long waitBeforePolling(long millis) {
        try {
            Thread.sleep(millis);
            return Math.min(LAST_POLL_MILLIS, millis + millis / 5 + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlmaApiException(0, "INTERRUPTED", "Interrupted while following a job");
        }
    }
}
