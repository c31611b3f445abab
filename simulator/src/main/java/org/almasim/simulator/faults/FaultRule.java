package org.almasim.simulator.faults;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.almasim.simulator.errors.Echo;
import org.almasim.simulator.links.AlmaLinks;

/**
 * When to inject a fault: requests to Alma's API matching every condition given (method, path pattern, {@code op=},
 * user), with a probability drawn from the simulator's seeded random numbers, at most {@code count} times. A path
 * pattern is Alma's path with {@code *} for one segment and {@code **} for any rest, such as
 * {@code /almaws/v1/users/*}. A field the rule does not know is refused (the
 * control plane is almasim's own), so a misspelt condition never widens a rule to every request.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record FaultRule(
        @JsonProperty("fault") Fault fault,
        @JsonProperty("method") Optional<String> method,
        @JsonProperty("path") Optional<String> path,
        @JsonProperty("op") Optional<String> op,
        @JsonProperty("user") Optional<String> user,
        @JsonProperty("probability") Optional<Double> probability,
        @JsonProperty("count") Optional<Integer> count,
        @JsonProperty("delay_ms") Optional<Integer> delayMillis,
        @JsonProperty("minutes") Optional<Integer> minutes) {

    /** Bounds on what a client can make the simulator match against every request. */
    static final int MAX_PATH = 1_000;

    static final int MAX_TEXT = 255;

    public FaultRule {
        method = method == null ? Optional.empty() : method.map(m -> m.toUpperCase(Locale.ROOT));
        path = path == null ? Optional.empty() : path;
        op = op == null ? Optional.empty() : op;
        user = user == null ? Optional.empty() : user;
        probability = probability == null ? Optional.empty() : probability;
        count = count == null ? Optional.empty() : count;
        delayMillis = delayMillis == null ? Optional.empty() : delayMillis;
        minutes = minutes == null ? Optional.empty() : minutes;
    }

    /** Every request, every time: narrow it with {@code onMethod}, {@code onPath}, {@code withProbability}, {@code times}... */
    public static FaultRule of(Fault fault) {
        return new FaultRule(
                fault,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    public FaultRule onMethod(String method) {
        return new FaultRule(fault, Optional.of(method), path, op, user, probability, count, delayMillis, minutes);
    }

    public FaultRule onPath(String pattern) {
        return new FaultRule(fault, method, Optional.of(pattern), op, user, probability, count, delayMillis, minutes);
    }

    public FaultRule onOp(String op) {
        return new FaultRule(fault, method, path, Optional.of(op), user, probability, count, delayMillis, minutes);
    }

    public FaultRule onUser(String primaryId) {
        return new FaultRule(fault, method, path, op, Optional.of(primaryId), probability, count, delayMillis, minutes);
    }

    public FaultRule withProbability(double probability) {
        return new FaultRule(fault, method, path, op, user, Optional.of(probability), count, delayMillis, minutes);
    }

    public FaultRule times(int count) {
        return new FaultRule(fault, method, path, op, user, probability, Optional.of(count), delayMillis, minutes);
    }

    public FaultRule delayedBy(int millis) {
        return new FaultRule(fault, method, path, op, user, probability, count, Optional.of(millis), minutes);
    }

    public FaultRule forMinutes(int simulatedMinutes) {
        return new FaultRule(
                fault, method, path, op, user, probability, count, delayMillis, Optional.of(simulatedMinutes));
    }

    /** What is wrong with the rule, or nothing: checked before a rule is accepted, so a bad rule changes nothing. */
    public Optional<String> problem() {
        if (fault == null) {
            return Optional.of("fault is missing; one of " + Arrays.toString(Fault.values()));
        }
        if (method.isPresent() && !method.get().matches("GET|POST|PUT|DELETE")) {
            return Optional.of("method must be GET, POST, PUT or DELETE, got '" + method.get() + "'");
        }
        if (path.isPresent() && !path.get().startsWith(AlmaLinks.API)) {
            return Optional.of("path must be a pattern of Alma's API, starting " + AlmaLinks.API + ", got '"
                    + Echo.shortened(path.get()) + "'");
        }
        if (path.isPresent() && path.get().length() > MAX_PATH) {
            return Optional.of("path is at most " + MAX_PATH + " characters");
        }
        if (path.isPresent() && PathGlob.misplacedAnyRest(path.get())) {
            return Optional.of("** stands for any rest of the path, so it is only the last segment (" + AlmaLinks.API
                    + "/users/**)");
        }
        for (Optional<String> text : List.of(method, op, user)) {
            if (text.isPresent() && text.get().length() > MAX_TEXT) {
                return Optional.of("method, op and user are at most " + MAX_TEXT + " characters");
            }
        }
        if (probability.isPresent() && !(probability.get() > 0 && probability.get() <= 1)) {
            return Optional.of("probability must be above 0 and at most 1, got " + probability.get());
        }
        if (count.isPresent() && count.get() < 1) {
            return Optional.of("count must be at least 1, got " + count.get());
        }
        if (fault == Fault.SLOW && (delayMillis.isEmpty() || delayMillis.get() < 1 || delayMillis.get() > 120_000)) {
            return Optional.of("SLOW needs delay_ms between 1 and 120000");
        }
        if (fault == Fault.JOB_STUCK && (minutes.isEmpty() || minutes.get() < 1 || minutes.get() > 10_080)) {
            return Optional.of("JOB_STUCK needs minutes between 1 and 10080 (a week)");
        }
        return Optional.empty();
    }

    /** Whether the request matches every condition the rule gives. */
    boolean matches(String requestMethod, String requestPath, Optional<String> requestOp) {
        return method.map(m -> m.equals(requestMethod)).orElse(true)
                && path.map(p -> new PathGlob(p).matches(requestPath)).orElse(true)
                && op.map(o -> requestOp.map(o::equalsIgnoreCase).orElse(false)).orElse(true)
                && user.map(u -> userOf(requestPath).map(u::equalsIgnoreCase).orElse(false))
                        .orElse(true)
                && (fault != Fault.DELETE_REFUSED
                        || (requestMethod.equals("DELETE")
                                && userOf(requestPath).isPresent()));
    }

    private static final Pattern JOB_PATH = Pattern.compile(Pattern.quote(AlmaLinks.API) + "/conf/jobs/[^/]+");

    private static final Pattern USER_PATH = Pattern.compile(Pattern.quote(AlmaLinks.API) + "/users/([^/]+)(/.*)?");

    /** The user a path of the Users API is about, as the client spelled it (URL-decoded by the server). */
    static Optional<String> userOf(String path) {
        var m = USER_PATH.matcher(path);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
